package dev.amihousekeeping.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.run.SweepCursor;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.sandbox.SeedGenerator;
import dev.amihousekeeping.testing.SandboxHarness;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Lambda wiring from the environment: {@code AWS_ENDPOINT_URL} reaches every call, not only the SDK's. */
class DependenciesTest {

    @RegisterExtension
    static final SandboxHarness sandbox = SandboxHarness.start(
            SeedGenerator.generate("images=30,snapshots=60,regions=us-east-1,seed=5")).freshEachTest();

    @Test
    void awsEndpointUrl_reachesTheLaunchConfigurationRead_soExpiryReadsEveryInUseSource() throws Exception {
        Dependencies dependencies = Dependencies.from(Map.of("AWS_REGION", "us-east-1",
                        "HOUSEKEEPING_CONFIG", "{\"regions\":[\"us-east-1\"]}",
                        "AWS_ENDPOINT_URL", sandbox.endpoint().toString()),
                ClientSettings.defaults().withStaticCredentials("x", "x"));

        Report report = Invocations.report(new ExpiryHandler(dependencies), Invocations.SCHEDULE);
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

    @Test
    void sweepCursor_isTheParameterTheEnvironmentNames_inTheHomeRegion_elseTheDefault() {
        ClientSettings settings = ClientSettings.defaults().withStaticCredentials("x", "x");

        assertThat(Dependencies.from(Map.of("AWS_REGION", "eu-west-1", SweepCursor.VARIABLE, "/team/cursor"), settings)
                .housekeeping().sweepCursorAt()).isEqualTo(new SweepCursor.Location("eu-west-1", "/team/cursor"));
        assertThat(Dependencies.from(Map.of("AWS_REGION", "eu-west-1"), settings).housekeeping().sweepCursorAt())
                .isEqualTo(new SweepCursor.Location("eu-west-1", "/ami-housekeeping/public-share/sweep-cursor"));
    }

    private long calls(String region, String action) {
        return sandbox.calls(region, action);
    }
}
