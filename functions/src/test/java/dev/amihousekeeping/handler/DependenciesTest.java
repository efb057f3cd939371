package dev.amihousekeeping.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.sandbox.SeedGenerator;
import dev.amihousekeeping.testing.SandboxHarness;
import dev.amihousekeeping.testing.TestResources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Lambda wiring from the environment: {@code AWS_ENDPOINT_URL} reaches every call, not only the SDK's. */
class DependenciesTest {

    /** The schedule's EventBridge event, as the rule delivers it. */
    private static final String SCHEDULE = TestResources.sampleEvent("scheduled-event.json");

    private final SandboxHarness sandbox = SandboxHarness.start(
            SeedGenerator.generate("images=30,snapshots=60,regions=us-east-1,seed=5"));

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void awsEndpointUrl_reachesTheLaunchConfigurationRead_soExpiryReadsEveryInUseSource() throws Exception {
        Dependencies dependencies = Dependencies.from(Map.of("AWS_REGION", "us-east-1",
                        "HOUSEKEEPING_CONFIG", "{\"regions\":[\"us-east-1\"]}",
                        "AWS_ENDPOINT_URL", sandbox.endpoint().toString()),
                ClientSettings.defaults().withStaticCredentials("x", "x"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ExpiryHandler(dependencies).handleRequest(
                new ByteArrayInputStream(SCHEDULE.getBytes(StandardCharsets.UTF_8)), out, null);

        Report report = ReportJson.read(out.toString(StandardCharsets.UTF_8));
        assertThat(report.errors()).isEmpty();
        assertThat(calls("us-east-1", "DescribeLaunchConfigurations")).isPositive();
    }

    @Test
    void noAwsEndpointUrl_keepsTheGivenSettings() {
        ClientSettings given = ClientSettings.defaults().withEndpoint(URI.create("http://127.0.0.1:1"));

        assertThat(Dependencies.withEndpointFrom(Map.of(), given)).isSameAs(given);
        assertThat(Dependencies.withEndpointFrom(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:2"), given))
                .isSameAs(given);
    }

    private long calls(String region, String action) {
        return sandbox.calls(region, action);
    }
}
