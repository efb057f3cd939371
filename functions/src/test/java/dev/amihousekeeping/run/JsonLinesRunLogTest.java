package dev.amihousekeeping.run;

import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.TestActions;
import dev.amihousekeeping.core.port.Applied;
import dev.amihousekeeping.json.ReportJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonLinesRunLogTest {

    @Test
    void writesOneJsonLinePerAction_andOneSummaryPerRun() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Executor executor = new Executor(RunLog.jsonLines(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock),
                clock);
        Plan plan = new Plan(List.of(
                TestActions.of("us-east-1", ResourceType.IMAGE, "ami-1", ActionType.DEREGISTER, "expired"),
                TestActions.of("us-east-1", ResourceType.SNAPSHOT, "snap-1", ActionType.DELETE_SNAPSHOT, "orphan")),
                List.of());

        Report report = executor.execute(RunRequest.of("run-7", "expiry", List.of("us-east-1"), false, 10, NOW),
                plan, List.of(), action -> Optional.empty(), action -> {
                    if (action.resourceId().equals("snap-1")) {
                        throw new IllegalStateException("boom");
                    }
                    return Applied.done("deregistered");
                }, action -> "222233334444", List.of("222233334444"));

        List<JsonNode> lines = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(ReportJson.mapper().readTree(line));
        }
        assertThat(lines).hasSize(3);
        JsonNode first = lines.get(0);
        assertThat(first.get("message").asText()).isEqualTo("action");
        assertThat(first.get("runId").asText()).isEqualTo("run-7");
        assertThat(first.get("function").asText()).isEqualTo("expiry");
        assertThat(first.get("account").asText()).isEqualTo("222233334444");
        assertThat(first.get("resourceId").asText()).isEqualTo("ami-1");
        assertThat(first.get("action").asText()).isEqualTo("deregister");
        assertThat(first.get("outcome").asText()).isEqualTo("done");
        assertThat(first.get("timestamp").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(lines.get(1).get("level").asText()).isEqualTo("WARN");
        assertThat(lines.get(1).get("detail").asText()).isEqualTo("IllegalStateException: boom");
        JsonNode summary = lines.get(2);
        assertThat(summary.get("message").asText()).isEqualTo("run");
        assertThat(summary.get("accounts").get(0).asText()).isEqualTo("222233334444");
        assertThat(summary.get("done").asInt()).isEqualTo(1);
        assertThat(summary.get("failed").asInt()).isEqualTo(1);
        assertThat(summary.get("actions").asInt()).isEqualTo(report.actions().size());
        assertThat(summary.get("level").asText()).isEqualTo("WARN");
    }
}
