package dev.amihousekeeping.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.core.ImageReference;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedLaunchConfiguration;
import dev.amihousekeeping.sandbox.SeedRegion;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DescribeLaunchConfigurations through the SDK's Auto Scaling client, against the sandbox over real HTTP. Launch
 * configurations have no other source: every failure to read them is an {@link Ec2Exception} (invariant 12).
 */
class LaunchConfigurationReaderTest {

    private static final String REGION = "eu-west-1";

    private SandboxHarness sandbox;

    private LaunchConfigurationReader reader(int launchConfigurations) {
        List<SeedLaunchConfiguration> configs = IntStream.range(0, launchConfigurations)
                .mapToObj(i -> SeedLaunchConfiguration.of("lc-" + i, String.format("ami-%017x", i)))
                .toList();
        sandbox = SandboxHarness.start(Seed.empty().withRegion(REGION,
                new SeedRegion(null, null, null, null, null, configs, null, null)));
        return sandbox.gateway().launchConfigurations();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void readsEveryPage_asReferencesToTheirImages() throws Exception {
        List<ImageReference> references = reader(230).launchConfigurations(REGION);

        assertThat(references).hasSize(230);
        assertThat(references.get(229)).isEqualTo(new ImageReference(String.format("ami-%017x", 229),
                "autoscaling:LaunchConfiguration", "launch-configuration lc-229"));
        assertThat(sandbox.calls(REGION, "DescribeLaunchConfigurations")).isEqualTo(3);
    }

    @Test
    void readsTheRegionItIsAskedFor() throws Exception {
        LaunchConfigurationReader reader = reader(2);

        assertThat(reader.launchConfigurations("us-east-1")).isEmpty();
        assertThat(reader.launchConfigurations(REGION)).hasSize(2);
    }

    @Test
    void retriesThrottling() throws Exception {
        LaunchConfigurationReader reader = reader(1);
        sandbox.fault("{\"action\":\"DescribeLaunchConfigurations\",\"error\":\"Throttling\","
                + "\"times\":2}");

        assertThat(reader.launchConfigurations(REGION)).hasSize(1);
    }

    @Test
    void failsClosed_whenAccessIsDenied() {
        LaunchConfigurationReader reader = reader(1);
        sandbox.fault("{\"action\":\"DescribeLaunchConfigurations\",\"error\":\"AccessDenied\","
                + "\"status\":403}");

        assertThatThrownBy(() -> reader.launchConfigurations(REGION))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.operation()).isEqualTo("DescribeLaunchConfigurations");
                });
    }

    @Test
    void failsClosed_whenThrottlingOutlastsTheRetries() {
        LaunchConfigurationReader reader = reader(1);
        sandbox.fault("{\"action\":\"DescribeLaunchConfigurations\",\"error\":\"Throttling\"}");

        assertThatThrownBy(() -> reader.launchConfigurations(REGION))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.errorCode()).isEqualTo("Throttling"));
    }

    @Test
    void fails_afterTheRetries_whenTheEndpointAnswersABare500() {
        LaunchConfigurationReader reader = reader(1);
        sandbox.fault("{\"action\":\"DescribeLaunchConfigurations\",\"error\":null,"
                + "\"status\":500}");

        assertThatThrownBy(() -> reader.launchConfigurations(REGION))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.operation()).isEqualTo("DescribeLaunchConfigurations");
                });
        assertThat(sandbox.calls(REGION, "DescribeLaunchConfigurations"))
                .isEqualTo(ClientSettings.DEFAULT_MAX_ATTEMPTS);
    }

    @Test
    void fails_whenTheEndpointHasNoAutoScaling() {
        LaunchConfigurationReader reader = reader(1);
        sandbox.fault("{\"action\":\"DescribeLaunchConfigurations\",\"error\":\"InvalidAction\"}");

        assertThatThrownBy(() -> reader.launchConfigurations(REGION))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.errorCode()).isEqualTo("InvalidAction"));
    }
}
