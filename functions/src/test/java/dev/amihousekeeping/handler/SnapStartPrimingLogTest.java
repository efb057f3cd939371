package dev.amihousekeeping.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.json.ReportJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a failed SnapStart priming leaves behind: one warning record, in the functions' one log shape. */
class SnapStartPrimingLogTest {

    @Test
    void failedPriming_logsAWarningRecordWithATimestamp() throws Exception {
        // Not a region EC2's endpoint rules accept: the canned call fails before anything would be sent.
        SnapStartPriming priming = new SnapStartPriming(Dependencies.from(Map.of("AWS_REGION", "not a region",
                        "HOUSEKEEPING_CONFIG", "{\"regions\":[\"us-east-1\"]}"),
                ClientSettings.defaults().withStaticCredentials("x", "x")));
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            priming.beforeCheckpoint(null);
        } finally {
            System.setOut(original);
        }

        JsonNode line = ReportJson.mapper().readTree(bytes.toString(StandardCharsets.UTF_8));
        assertThat(OffsetDateTime.parse(line.get("timestamp").asText())).isNotNull();
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("message").asText()).startsWith("SnapStart priming failed");
        assertThat(line.get("error").asText()).isNotBlank();
    }
}
