package dev.amihousekeeping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.run.PerTarget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench --accounts N} at a small scale: an organization of three accounts x two regions in one sandbox, each
 * function's dry scheduled run over 1 and then all 3 accounts with the bounded pool. No timing is asserted (timing
 * is what bench reports); the shape, the per-target figures and the calls per target are.
 */
class AccountsBenchTest {

    private static final String[] SMALL = {"bench", "--accounts", "3", "--images-per-account", "24",
        "--regions", "us-east-1,eu-west-1", "--seed", "3", "--functions", "expiry,orphan-snapshots"};

    @Test
    void json_givesEachFunctionAStepPerAccountCount_withTargetsPoolAndCostPerTarget() throws Exception {
        CliRun run = CliRun.of(args("--json"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_OK);
        JsonNode bench = ReportJson.mapper().readTree(run.out());
        assertThat(bench.path("accounts").asInt()).isEqualTo(3);
        assertThat(bench.path("poolSize").asInt()).isEqualTo(PerTarget.MAX_PARALLEL);
        assertThat(bench.path("generatorSpec").asText()).isEqualTo(
                "accounts=3,images=12,snapshots=36,regions=us-east-1;eu-west-1,seed=3");
        assertThat(bench.path("images").asInt()).isPositive();
        List<String> steps = new ArrayList<>();
        for (JsonNode step : bench.path("steps")) {
            int accounts = step.path("accounts").asInt();
            steps.add(step.path("function").asText() + " " + accounts);
            assertThat(step.path("targets").asInt()).as(step.toString()).isEqualTo(accounts * 2);
            assertThat(step.path("pool").asInt()).isEqualTo(Math.min(accounts * 2, PerTarget.MAX_PARALLEL));
            assertThat(step.path("errors").asInt()).as(step.toString()).isZero();
            assertThat(step.has("wallMillis")).isTrue();
            assertThat(step.path("millisPerTarget").asDouble())
                    .isEqualTo(step.path("wallMillis").asDouble() / step.path("targets").asInt());
            assertThat(step.path("callsPerTarget").asDouble()).as(step.toString()).isPositive();
        }
        assertThat(steps).containsExactly("expiry 1", "expiry 3", "orphan-snapshots 1", "orphan-snapshots 3");
        // The orphan sweep's dry run reads one page of images and of snapshots per target, whatever the count of
        // accounts: the EC2 calls per target do not grow with the accounts.
        JsonNode orphansOne = bench.path("steps").get(2);
        JsonNode orphansAll = bench.path("steps").get(3);
        assertThat(orphansAll.path("callsPerTarget").asDouble())
                .isBetween(orphansOne.path("callsPerTarget").asDouble(), orphansOne.path("callsPerTarget").asDouble() + 1);
    }

    @Test
    void table_hasItsColumns_andARowPerFunctionAndAccountCount() {
        CliRun run = CliRun.of(args("--functions", "orphan-snapshots"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(run.out()).contains("3 accounts x 2 regions", "FUNCTION", "ACCOUNTS", "TARGETS", "POOL",
                "WALL ms", "ms/TARGET", "CALLS/TARGET");
        assertThat(run.out()).containsPattern("orphan-snapshots\\s+1\\s+2\\s+2\\s");
        assertThat(run.out()).containsPattern("orphan-snapshots\\s+3\\s+6\\s+4\\s");
    }

    @Test
    void noAccounts_isBadUsage() {
        CliRun run = CliRun.of("bench", "--accounts", "0");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("--accounts");
    }

    private static String[] args(String... more) {
        List<String> all = new ArrayList<>(List.of(SMALL));
        for (int i = 0; i < more.length; i++) {
            if (more[i].equals("--functions")) {
                int at = all.indexOf("--functions");
                all.set(at + 1, more[++i]);
            } else {
                all.add(more[i]);
            }
        }
        return all.toArray(String[]::new);
    }
}
