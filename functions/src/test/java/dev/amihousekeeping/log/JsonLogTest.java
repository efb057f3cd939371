package dev.amihousekeeping.log;

import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.json.ReportJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLogTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void startsEachRecordWithLambdasJsonKeys_soLambdaFiltersOnTheLevel() throws Exception {
        log.warn("notification not sent").with("runId", "run-7").with("resourceId", "ami-1").write();

        JsonNode line = ReportJson.mapper().readTree(bytes.toString(StandardCharsets.UTF_8));
        List<String> names = new ArrayList<>();
        line.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("timestamp", "level", "message", "runId", "resourceId");
        // Lambda takes a record without a valid RFC 3339 timestamp as INFO, whatever its level says.
        assertThat(OffsetDateTime.parse(line.get("timestamp").asText()).toInstant()).isEqualTo(NOW);
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("message").asText()).isEqualTo("notification not sent");
    }

    @Test
    void keepsOneRecordOnOneLine_whenAValueHoldsQuotesAndNewlines_andLeavesNullsOut() throws Exception {
        log.info("event ignored").with("reason", "name \"x\"\nsecond line").with("absent", null).write();

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(1);
        JsonNode line = ReportJson.mapper().readTree(lines[0]);
        assertThat(line.get("reason").asText()).isEqualTo("name \"x\"\nsecond line");
        assertThat(line.has("absent")).isFalse();
    }

    @Test
    void standardOut_writesToTheStreamThatIsSystemOutWhenItWrites() throws Exception {
        JsonLog standard = JsonLog.standardOut(Clock.fixed(NOW, ZoneOffset.UTC));
        PrintStream original = System.out;
        ByteArrayOutputStream redirected = new ByteArrayOutputStream();
        System.setOut(new PrintStream(redirected, true, StandardCharsets.UTF_8));
        try {
            standard.info("run").write();
        } finally {
            System.setOut(original);
        }

        assertThat(ReportJson.mapper().readTree(redirected.toString(StandardCharsets.UTF_8)).get("message").asText())
                .isEqualTo("run");
    }
}
