package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedGenerator;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 5: the plan reads the launch permissions of a target's candidates several at a time (EC2 has no
 * batch form of DescribeImageAttribute), one call each, under EC2's latency and request buckets.
 */
class ExpiryGrantReadsTest {

    // Well above a real EC2 call's latency, so that the waits, not this machine's CPU (page parsing, JIT), decide
    // the comparison below even on a busy build machine.
    private static final long LATENCY_MS = 200;

    @Test
    void readsTheCandidatesLaunchPermissionsSeveralAtATime_oneCallEach_underEc2sLimits() {
        Seed seed = SeedGenerator.generate("images=1000,snapshots=1500,regions=us-east-1,seed=3");
        try (SandboxHarness sandbox = SandboxHarness.start(seed).at(seed.now())) {
            sandbox.limits(LATENCY_MS, true);
            long started = System.nanoTime();
            Report report = ExpiryFixture.run(sandbox, ExpiryFixture.policy(
                    "{\"regions\":[\"us-east-1\"],\"maxActionsPerRun\":100000}"), true);
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(report.errors()).isEmpty();
            assertThat(report.actions()).isNotEmpty().allMatch(a -> a.outcome() == Outcome.PLANNED);
            int grantReads = sandbox.calls("us-east-1", "DescribeImageAttribute");
            assertThat(grantReads).as("one read per candidate nothing uses").isGreaterThanOrEqualTo(40);
            int calls = sandbox.calls(List.of("DescribeImages", "DescribeSnapshots", "DescribeImageReferences",
                    "DescribeLaunchTemplateVersions", "DescribeLaunchConfigurations", "DescribeImageAttribute"));
            // One call after another the plan would wait at least calls x LATENCY_MS (and this JVM's first SDK calls on
            // top); the grant reads overlap, so the whole plan takes less than that.
            assertThat(millis).as("%d calls, %d of them grant reads, at %d ms each", calls, grantReads, LATENCY_MS)
                    .isLessThan(calls * LATENCY_MS);
        }
    }
}
