package dev.amihousekeeping.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;

class SnsNotifierTest {

    @Test
    void logsAWarningRecord_whenThePublishFails() throws Exception {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        Ec2Clients clients = new Ec2Clients(ClientSettings.defaults().withEndpoint(closed)
                .withStaticCredentials("x", "x").withRetries(RetryMode.STANDARD, 1));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonLog log = new JsonLog(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC));
        String topic = "arn:aws:sns:us-east-1:111122223333:ami-housekeeper";

        new SnsNotifier(clients, "us-east-1", topic, log).notify("AMI Housekeeper", "body");

        JsonNode line = ReportJson.mapper().readTree(bytes.toString(StandardCharsets.UTF_8));
        assertThat(line.get("timestamp").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("message").asText()).isEqualTo("notification not sent");
        assertThat(line.get("topic").asText()).isEqualTo(topic);
        assertThat(line.get("error").asText()).isEqualTo("SdkClientException");
    }
}
