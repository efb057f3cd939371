package dev.amihousekeeping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.json.ReportJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench} at a tiny scale (a few hundred resources): every function and phase gets a row whose calls were
 * counted by the sandbox and set against a bound. No timing is asserted: timing is what bench reports.
 */
class BenchCommandTest {

    private static final String[] TINY = {"bench", "--images", "80", "--snapshots", "240",
        "--regions", "us-east-1,eu-west-1", "--seed", "3", "--cold-starts", "0"};

    @Test
    void json_hasAPhaseForEachFunctionDryAndApplied_withCountedCallsAndTheirBound() throws Exception {
        CliRun run = CliRun.of(args("--json"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_OK);
        JsonNode bench = ReportJson.mapper().readTree(run.out());
        assertThat(bench.path("scale").path("images").asInt()).isEqualTo(80);
        assertThat(bench.path("scale").path("generatorSpec").asText()).contains("images=40,snapshots=120");
        List<String> phases = new ArrayList<>();
        for (JsonNode phase : bench.path("phases")) {
            phases.add(phase.path("function").asText() + " " + phase.path("phase").asText());
            assertThat(phase.path("totalCalls").asLong()).as(phase.toString()).isPositive();
            assertThat(phase.path("totalBound").asLong()).as(phase.toString()).isPositive();
            assertThat(phase.path("calls").path("DescribeImages").asLong()).as(phase.toString()).isPositive();
        }
        assertThat(phases).containsExactly("expiry dry-run", "expiry apply", "orphan-snapshots dry-run",
                "orphan-snapshots apply", "public-share dry-run", "public-share apply", "cross-region-copy dry-run",
                "cross-region-copy apply");
        assertThat(bench.path("lambdaJar").has("path")).isTrue();
        assertThat(bench.path("coldStart")).isEmpty();
    }

    @Test
    void json_countsTheCallsAPhaseMade_pagesPerRegionWhenDry_andOnePerDeletionWhenApplied() throws Exception {
        CliRun run = CliRun.of(args("--json", "--functions", "orphan-snapshots"));

        JsonNode phases = ReportJson.mapper().readTree(run.out()).path("phases");
        JsonNode dry = phases.get(0);
        JsonNode apply = phases.get(1);
        // Two regions of 120 snapshots and about 40 AMIs each: one page of each per region, nothing else.
        assertThat(dry.path("calls").path("DescribeSnapshots").asLong()).isEqualTo(2);
        assertThat(dry.path("calls").path("DescribeImages").asLong()).isEqualTo(2);
        assertThat(dry.path("totalCalls").asLong()).isEqualTo(dry.path("totalBound").asLong());
        assertThat(dry.path("withinGoal").asBoolean()).isTrue();
        long deleted = apply.path("done").asLong();
        assertThat(deleted).isPositive();
        assertThat(apply.path("calls").path("DeleteSnapshot").asLong()).isEqualTo(deleted);
        assertThat(apply.path("bound").path("DeleteSnapshot").asLong()).isEqualTo(deleted);
        // The re-check before each deletion is over the bound, and the note says so.
        assertThat(apply.path("totalCalls").asLong()).isGreaterThan(apply.path("totalBound").asLong());
        assertThat(apply.path("note").asText()).contains("DescribeSnapshots").contains("invariant 6");
    }

    @Test
    void table_hasItsColumns_aRowPerPhase_andTheCallsByAction() {
        CliRun run = CliRun.of(args("--functions", "cross-region-copy"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(run.out()).contains("FUNCTION", "PHASE", "CALLS", "BOUND", "RATIO", "WALL ms", "HEAP MiB",
                "NOTE", "EC2 calls by action", "Lambda jar:", "Cold start: not measured", "Goals:");
        assertThat(run.out().lines().filter(l -> l.startsWith("cross-region-copy  dry-run ")).count())
                .as("the phase row and its DescribeImages row").isEqualTo(2);
        assertThat(run.out()).containsPattern("cross-region-copy\\s+apply\\s+CopyImage\\s+\\d+\\s+\\d+");
    }

    @Test
    void pacing_appliesEachFunctionOneAtATimeAndPaced_underEc2sLimits_sideBySide() throws Exception {
        CliRun run = CliRun.of("bench", "--pacing", "--images", "40", "--snapshots", "120", "--regions", "us-east-1",
                "--seed", "3", "--functions", "orphan-snapshots", "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_OK);
        JsonNode rows = ReportJson.mapper().readTree(run.out());
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.path("function").asText()).isEqualTo("orphan-snapshots");
            assertThat(row.path("done").asLong()).isPositive().isEqualTo(row.path("actions").asLong());
            assertThat(row.path("failed").asLong()).isZero();
            // 60 ms a call: even the paced apply takes more than one call's latency.
            assertThat(row.path("oneAtATimeMillis").asLong()).isGreaterThan(60);
            assertThat(row.path("pacedMillis").asLong()).isGreaterThan(60);
        });
    }

    @Test
    void baselineScript_expiresDryInAFreshJvm_thenTheScript_sideBySideOnOneSandbox() throws Exception {
        CliRun run = CliRun.of("bench", "--baseline-script", "../bench/boto3_baseline.py", "--images", "60",
                "--snapshots", "180", "--regions", "us-east-1,eu-west-1", "--seed", "3", "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_OK);
        JsonNode result = ReportJson.mapper().readTree(run.out());
        JsonNode java = result.path("java");
        assertThat(java.path("exitCode").asInt()).isZero();
        assertThat(java.path("wallMillis").asLong()).isPositive();
        // The plan's reads: a page of AMIs and of snapshots per region, and launch permissions of candidates.
        assertThat(java.path("callsByAction").path("DescribeImages").asLong()).isEqualTo(2);
        assertThat(java.path("callsByAction").path("DescribeSnapshots").asLong()).isEqualTo(2);
        assertThat(java.path("callsByAction").path("DescribeImageAttribute").asLong()).isPositive();
        // As a user runs it, the CLI ran the command in a second JVM with Lambda's options; told not to, in the
        // first, with java's defaults, making the same calls.
        assertThat(java.path("relaunchedWith")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(LambdaJvm.OPTIONS);
        JsonNode defaults = result.path("javaDefaults");
        assertThat(defaults.path("exitCode").asInt()).isZero();
        assertThat(defaults.path("relaunchedWith")).isEmpty();
        assertThat(defaults.path("callsByAction")).isEqualTo(java.path("callsByAction"));
        JsonNode baseline = result.path("baseline");
        if (baseline.hasNonNull("skipped")) {
            // The build does not need python: without python3 and boto3 the script's side says why it did not run.
            System.out.println("boto3 baseline skipped: " + baseline.path("skipped").asText());
            assertThat(baseline.path("skipped").asText()).contains("python3");
            assertThat(result.hasNonNull("javaFaster")).isFalse();
            return;
        }
        assertThat(baseline.path("exitCode").asInt()).as(baseline.toString()).isZero();
        // The same reads: the script is told which AMIs the plan read launch permissions of.
        for (String action : List.of("DescribeImages", "DescribeSnapshots", "DescribeImageAttribute",
                "DescribeImageReferences", "DescribeLaunchTemplateVersions", "DescribeLaunchConfigurations")) {
            assertThat(baseline.path("callsByAction").path(action).asLong()).as(action)
                    .isEqualTo(java.path("callsByAction").path(action).asLong());
        }
        assertThat(result.path("javaFaster").isBoolean()).isTrue();
    }

    @Test
    void baselineScript_thatIsNotThere_isSkippedWithTheReason_theJavaSideStillMeasured() {
        CliRun run = CliRun.of("bench", "--baseline-script", "no/such/script.py", "--images", "20",
                "--snapshots", "60", "--regions", "us-east-1", "--seed", "3");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(run.out()).contains("expire (dry run), as run: -XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
                "expire (dry run), AMI_HOUSEKEEPING_RELAUNCH=false", "WALL ms", "CALLS",
                "skipped: no such script: no/such/script.py", "DescribeImages");
    }

    @Test
    void unknownFunction_isBadUsage() {
        CliRun run = CliRun.of("bench", "--functions", "shred-everything", "--cold-starts", "0");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("unknown function 'shred-everything'");
    }

    private static String[] args(String... more) {
        List<String> all = new ArrayList<>(List.of(TINY));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
