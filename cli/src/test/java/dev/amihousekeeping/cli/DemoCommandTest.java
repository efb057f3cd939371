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
}
