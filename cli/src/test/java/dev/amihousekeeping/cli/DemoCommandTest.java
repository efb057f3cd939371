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
}
