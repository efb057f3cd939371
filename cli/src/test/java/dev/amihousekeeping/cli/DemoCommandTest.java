package dev.amihousekeeping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void demo_readsTheBuiltInSeedThroughTheSdk_inBothRegions() {
        CliRun run = CliRun.of("demo");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("us-east-1: 10 images, 15 snapshots")
                .contains("eu-west-1: 2 images, 4 snapshots")
                .contains("ami-0a1b2c3d4e5f60007  tools-1.0.0               available*");
    }

    @Test
    void demo_runsEveryFunction_dryRunThenApply_andShowsWhatChanged() {
        String out = CliRun.of("demo").out();

        assertThat(out)
                .contains("$ ami-housekeeping expire --apply", "$ ami-housekeeping orphans --apply",
                        "$ ami-housekeeping public-share --apply", "$ ami-housekeeping copy --apply")
                .contains("us-east-1: deregistered ami-0a1b2c3d4e5f60001 (web-2026-07-01)")
                .contains("us-east-1: deleted snapshot snap-0a1b2c3d4e5f60011 (30 GiB)")
                .contains("us-east-1: ami-0a1b2c3d4e5f60007 (tools-1.0.0) no longer public")
                .contains("eu-west-1: snapshot snap-0a1b2c3d4e5f60024 no longer public")
                .containsPattern("eu-west-1: new image ami-[0-9a-f]{17} \\(golden-2026-10-28\\)")
                // kept with their reasons, never touched
                .contains("invalid-expiry-tag DeleteOn=next-tuesday", "in-use: i-0a1b2c3d4e5f60001", "aws-backup", "dlm")
                .doesNotContain("deregistered ami-0a1b2c3d4e5f60003", "deleted snapshot snap-0a1b2c3d4e5f60012",
                        "deleted snapshot snap-0a1b2c3d4e5f60013");
    }

    /** The demo's undo: restore of the expiry run from the Recycle Bin, then the notice stage on what came back. */
    @Test
    void demo_restoresTheExpiryRun_thenMarksWhatCameBack_andPrintsTheDigest() {
        CliRun run = CliRun.of("demo");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String out = run.out();
        int restore = out.indexOf("$ ami-housekeeping restore --run ");
        int notice = out.indexOf("$ ami-housekeeping expire --apply   # with \"expiry\": {\"noticeDays\": 14}");
        assertThat(restore).isGreaterThan(out.indexOf("$ ami-housekeeping expire --apply\n"));
        assertThat(notice).isGreaterThan(restore);
        assertThat(out.substring(restore, notice))
                .containsPattern("restore --run [0-9a-f-]{36} --apply")
                .containsPattern("snap-0a1b2c3d4e5f60001 +restore +done")
                .containsPattern("ami-0a1b2c3d4e5f60001 +restore +done")
                .contains("What changed:\n"
                        + "  us-east-1: restored from the Recycle Bin: image ami-0a1b2c3d4e5f60001 (web-2026-07-01)"
                        + " (available)\n"
                        + "  us-east-1: restored from the Recycle Bin: snapshot snap-0a1b2c3d4e5f60001 (8 GiB)\n");
        assertThat(out.substring(notice, out.indexOf("$ ami-housekeeping orphans\n")))
                .contains("NOTIFY: AMI Housekeeper expiry: 2 AMIs to be retired",
                        "To keep one, add any of these tags to it before that date: DoNotDelete, Retain.",
                        "us-east-1 ami-0a1b2c3d4e5f60001 \"web-2026-07-01\": expiry-tag DeleteOn=2026-09-01;"
                                + " may go 2026-11-15")
                .containsPattern("ami-0a1b2c3d4e5f60001 +web-2026-07-01 +mark \\(done\\) +notice: HousekeepingNotice=2026-11-15")
                .contains("  us-east-1: ami-0a1b2c3d4e5f60001 (web-2026-07-01) tagged HousekeepingNotice=2026-11-15\n")
                .doesNotContain("us-east-1: deregistered");
    }
}
