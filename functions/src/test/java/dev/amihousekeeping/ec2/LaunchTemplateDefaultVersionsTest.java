package dev.amihousekeeping.ec2;

import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.ImageReference;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedLaunchTemplate;
import dev.amihousekeeping.sandbox.SeedLaunchTemplateVersion;
import dev.amihousekeeping.sandbox.SeedRegion;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code launchTemplates(region, 0)}: only the {@code $Default} versions, the part of a launch template that
 * DescribeImageReferences' version-depth does not cover, every template's in one paged call.
 */
class LaunchTemplateDefaultVersionsTest {

    @Test
    void depthZero_readsOnlyTheDefaultVersions_inOneCallForAllTemplates() {
        List<SeedLaunchTemplateVersion> versions = IntStream.rangeClosed(1, 15)
                .mapToObj(v -> SeedLaunchTemplateVersion.of(v, String.format("ami-%017x", v))).toList();
        Seed seed = Seed.empty().withRegion(REGION, new SeedRegion(null, null, null, List.of(
                SeedLaunchTemplate.of("lt-0123456789abcdef0", "web", 2, versions),
                SeedLaunchTemplate.of("lt-0123456789abcdef1", "api", 1,
                        List.of(SeedLaunchTemplateVersion.of(1, "ami-00000000000000aaa")))), null, null, null, null));
        try (SandboxHarness sandbox = SandboxHarness.start(seed)) {
            ImageReferenceReader reader = sandbox.gateway().imageReferences();

            List<ImageReference> defaults = reader.launchTemplates(REGION, 0);

            assertThat(defaults).containsExactlyInAnyOrder(
                    new ImageReference(String.format("ami-%017x", 2), ImageReference.LAUNCH_TEMPLATE,
                            "lt-0123456789abcdef0 $Default"),
                    new ImageReference("ami-00000000000000aaa", ImageReference.LAUNCH_TEMPLATE,
                            "lt-0123456789abcdef1 $Default"));
            assertThat(sandbox.calls(REGION, "DescribeLaunchTemplateVersions")).isEqualTo(1);
            assertThat(sandbox.calls(REGION, "DescribeLaunchTemplates")).isZero();
        }
    }
}
