package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.PublicShareFixture.AMI;
import static dev.amihousekeeping.run.PublicShareFixture.FOREIGN;
import static dev.amihousekeeping.run.PublicShareFixture.REMEDIATE;
import static dev.amihousekeeping.run.PublicShareFixture.SAMPLE_ORG;
import static dev.amihousekeeping.run.PublicShareFixture.SAMPLE_OU;
import static dev.amihousekeeping.run.PublicShareFixture.SNAPSHOT;
import static dev.amihousekeeping.run.PublicShareFixture.config;
import static dev.amihousekeeping.run.PublicShareFixture.image;
import static dev.amihousekeeping.run.PublicShareFixture.snapshot;
import static dev.amihousekeeping.run.PublicShareFixture.user;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.testing.SandboxHarness;
import dev.amihousekeeping.testing.TestResources;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample event through the dispatcher with {@code --apply}, against a sandbox where the samples' image and
 * snapshot carry a public and a foreign grant: public-share's events leave nothing offending; everything else is
 * ignored with a reason and changes nothing. New samples are picked up without editing this test.
 */
class EventSamplesDispatchTest {

    /** The samples public-share acts on; the sweep schedule is named after it. */
    private static final Set<String> ACTS = Set.of("modify-image-attribute-public.json",
            "modify-image-attribute-account.json", "modify-image-attribute-organization.json",
            "modify-image-attribute-ou.json", "modify-image-attribute-console-mixed.json",
            "modify-snapshot-attribute-public.json", "modify-snapshot-attribute-account.json",
            "scheduled-event.json");

    private static final String SEED = """
            {"accountId": "%s", "regions": {"us-east-1": {"images": [%s], "snapshots": [%s]}}}""".formatted(ACCOUNT,
            image(AMI, true, String.join(", ", user(FOREIGN), "{\"organizationArn\": \"" + SAMPLE_ORG + "\"}",
                    "{\"organizationalUnitArn\": \"" + SAMPLE_OU + "\"}")),
            snapshot(SNAPSHOT, "{\"group\": \"all\"}, " + user(FOREIGN)));

    @RegisterExtension
    static final SandboxHarness sandbox = PublicShareFixture.start();

    @BeforeEach
    void seed() {
        sandbox.load(SEED);
    }

    static List<String> samples() {
        return TestResources.sampleEventNames();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySample_isHandledOrIgnoredWithAReason(String sample) throws Exception {
        Report report = PublicShareFixture.handle(sandbox, sample, config(REMEDIATE), false);

        assertThat(report.errors()).as(sample).isEmpty();
        if (ACTS.contains(sample)) {
            assertThat(report.function()).isEqualTo(PublicShareRun.NAME);
            boolean snapshotEvent = sample.startsWith("modify-snapshot");
            List<LaunchPermission> after = snapshotEvent ? sandbox.snapshotGrants(REGION, SNAPSHOT)
                    : sandbox.imageGrants(REGION, AMI);
            assertThat(after).as(sample).isEmpty();
        } else {
            assertThat(report.actions()).as(sample).isEmpty();
            assertThat(report.kept()).as(sample).singleElement().extracting(Kept::reason).asString()
                    .startsWith("ignored: ");
            assertThat(sandbox.calls(REGION, "ModifyImageAttribute") + sandbox.calls(REGION, "ModifySnapshotAttribute"))
                    .as(sample).isZero();
        }
    }
}
