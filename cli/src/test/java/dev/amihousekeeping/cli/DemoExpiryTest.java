package dev.amihousekeeping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo's expire step: dry-run over the built-in seed, then --apply, then what changed. */
class DemoExpiryTest {

    @Test
    void demo_expiresDryRunThenApplies_andShowsWhatChanged() {
        CliRun run = CliRun.of("demo");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String out = run.out();
        String dryRun = out.substring(out.indexOf("$ ami-housekeeping expire\n"),
                out.indexOf("$ ami-housekeeping expire --apply"));
        assertThat(dryRun)
                .containsPattern("ami-0a1b2c3d4e5f60001 +web-2026-07-01 +122d +deregister \\(planned\\)")
                .containsPattern("ami-0a1b2c3d4e5f60002 +web-2026-08-01 +91d +deprecate \\(planned\\)")
                .containsPattern("ami-0a1b2c3d4e5f60003 +web-2026-10-01 +30d +keep +in-use: i-0a1b2c3d4e5f60001")
                .containsPattern("ami-0a1b2c3d4e5f60005 +api-v3 +\\d+d +keep +invalid-expiry-tag DeleteOn=next-tuesday")
                .contains("Totals: 12 AMIs considered; 2 actions");
        assertThat(out.substring(out.indexOf("$ ami-housekeeping expire --apply")))
                .contains("What changed:\n"
                        + "  us-east-1: deregistered ami-0a1b2c3d4e5f60001 (web-2026-07-01)\n"
                        + "  us-east-1: ami-0a1b2c3d4e5f60002 (web-2026-08-01) deprecated as of 2026-11-01T00:01:00Z\n"
                        + "  us-east-1: deleted snapshot snap-0a1b2c3d4e5f60001 (8 GiB)\n");
    }
}
