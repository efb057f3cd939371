package dev.amihousekeeping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.run.StagesFixture;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.testing.Fixtures;
import dev.amihousekeeping.testing.SandboxHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.ImageRecycleBinInfo;

/**
 * {@code expire --apply --now D}, then on later days, as a daily schedule would run it (DESIGN §5 expiry, "Stages"):
 * the AMI is marked and announced, deprecated on its notice date, disabled after the grace, deregistered after the
 * grace again, and ends in the sandbox's Recycle Bin with its snapshot.
 */
class ExpireStagesCommandTest {

    @TempDir
    Path dir;

    @Test
    void expireApplyDayByDay_marksDeprecatesDisablesDeregisters_intoTheRecycleBin() throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.json"), StagesFixture.POLICY);
        try (SandboxHarness sandbox = SandboxHarness.start(Seed.parse(StagesFixture.SEED))) {
            CliRun marked = expire(sandbox, policy, "2026-11-01T00:00:00Z");
            assertThat(marked.exitCode()).as(marked.err()).isZero();
            assertThat(marked.out()).containsPattern("mark \\(done\\)")
                    .contains("NOTIFY: AMI Housekeeper expiry: 1 AMI to be retired")
                    .contains("may go 2026-11-08");
            assertThat(image(sandbox).tags()).containsEntry("HousekeepingNotice", "2026-11-08");

            assertThat(expire(sandbox, policy, "2026-11-07T00:00:00Z").out()).contains("notice: may go 2026-11-08");
            assertThat(expire(sandbox, policy, "2026-11-08T00:00:00Z").out()).containsPattern("deprecate \\(done\\)");
            assertThat(expire(sandbox, policy, "2026-11-11T12:00:00Z").out()).containsPattern("disable \\(done\\)");
            assertThat(image(sandbox).state()).isEqualTo("disabled");
            CliRun deregistered = expire(sandbox, policy, "2026-11-14T12:00:00Z");
            assertThat(deregistered.exitCode()).as(deregistered.out()).isZero();
            assertThat(deregistered.out()).containsPattern("deregister \\(done\\)");

            assertThat(sandbox.image(Fixtures.REGION, StagesFixture.AMI)).isEmpty();
            assertThat(sandbox.ec2(Fixtures.REGION).listImagesInRecycleBin(r -> { }).images())
                    .extracting(ImageRecycleBinInfo::imageId).containsExactly(StagesFixture.AMI);
            assertThat(sandbox.ec2(Fixtures.REGION).listSnapshotsInRecycleBin(r -> { }).snapshots())
                    .hasSize(1);
        }
    }

    private static CliRun expire(SandboxHarness sandbox, Path policy, String now) {
        return CliRun.of("expire", "--endpoint", sandbox.endpoint().toString(), "--regions", Fixtures.REGION,
                "--config", policy.toString(), "--now", now, "--apply");
    }

    private static SeedImage image(SandboxHarness sandbox) {
        return sandbox.image(Fixtures.REGION, StagesFixture.AMI).orElseThrow();
    }
}
