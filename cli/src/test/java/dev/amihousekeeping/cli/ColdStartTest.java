package dev.amihousekeeping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.run.HousekeepingFunction;
import dev.amihousekeeping.sandbox.SeedGenerator;
import dev.amihousekeeping.testing.SandboxHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cold start is a fresh JVM invoking a handler as Lambda does, against the sandbox; here on the build's class
 * path rather than the shaded jar, once per variant. No timing is asserted beyond the order of the marks.
 */
class ColdStartTest {

    @TempDir
    Path dir;

    @Test
    void measure_startsAFreshJvmPerVariant_andTimesItsFirstReport() throws Exception {
        try (SandboxHarness sandbox = SandboxHarness.start(
                SeedGenerator.generate("images=10,snapshots=30,regions=us-east-1,seed=2"))) {
            Path event = dir.resolve("schedule.json");
            Files.writeString(event, BenchCommand.scheduleEvent("us-east-1"));
            ColdStart coldStart = new ColdStart(System.getProperty("java.class.path"),
                    ColdStart.lambdaEnvironment(sandbox.endpoint(), "us-east-1",
                            BenchCommand.policy(List.of("us-east-1"))), event);

            List<ColdStart.Result> results = coldStart.measure(HousekeepingFunction.ORPHAN_SNAPSHOTS.handlerClass(), 1);

            assertThat(results).extracting(ColdStart.Result::variant)
                    .containsExactly("fresh JVM", "fresh JVM, C1 only", "after SnapStart priming");
            for (ColdStart.Result result : results) {
                assertThat(result.problem()).as(result.variant()).isNull();
                assertThat(result.initMillis()).as(result.variant()).isPositive();
                assertThat(result.firstReportMillis()).as(result.variant()).isGreaterThan(result.initMillis());
                assertThat(result.invokeMillis()).as(result.variant()).isPositive();
            }
        }
    }
}
