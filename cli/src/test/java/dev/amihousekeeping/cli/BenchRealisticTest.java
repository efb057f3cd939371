package dev.amihousekeeping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.json.ReportJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench --realistic} at a tiny scale with a short invocation (36 s): the sweep's grant reads stop at the
 * deadline and its wall time is projected (and does not fit); the orphan sweep finishes and fits. No timing is
 * asserted beyond that: timing is what the bench reports.
 */
class BenchRealisticTest {

    @Test
    void json_perFunctionDryAndApplied_thenGrowthInOneRegion_measuredOrProjected_againstOneInvocation()
            throws Exception {
        CliRun run = CliRun.of("bench", "--realistic", "--images", "600", "--snapshots", "1200", "--regions",
                "us-east-1", "--seed", "3", "--functions", "orphan-snapshots,public-share", "--growth", "20,40",
                "--invocation", "36s", "--window", "60s", "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_OK);
        JsonNode result = ReportJson.mapper().readTree(run.out());
        assertThat(result.path("limits").asText()).isEqualTo(BenchPacing.LIMITS);
        assertThat(result.path("invocationMillis").asLong()).isEqualTo(36_000);
        assertThat(result.path("windowMillis").asLong()).isEqualTo(60_000);
        assertThat(result.path("deadlineMillis").asLong()).as("the shorter of the two").isEqualTo(36_000);
        assertThat(result.path("scale").path("images").asInt()).isEqualTo(600);

        List<String> rows = new ArrayList<>();
        for (JsonNode row : result.path("functions")) {
            rows.add(row.path("function").asText() + " " + row.path("phase").asText());
            assertThat(row.path("calls").asLong()).as(row.toString()).isPositive();
            assertThat(row.path("errors").asInt()).as(row.toString()).isZero();
            assertConsistent(row, 36_000);
        }
        assertThat(rows).containsExactly("orphan-snapshots dry-run", "orphan-snapshots apply", "public-share dry-run",
                "public-share apply");
        JsonNode orphansApplied = result.path("functions").get(1);
        assertThat(orphansApplied.path("done").asLong()).isPositive().isEqualTo(orphansApplied.path("actions").asLong());
        assertThat(orphansApplied.path("projected").asBoolean()).isFalse();
        assertThat(orphansApplied.path("fits").asBoolean()).isTrue();
        assertThat(orphansApplied.path("invocations").asLong()).isEqualTo(1);
        // A grant per owned AMI and snapshot, one call each (8 at a time, within EC2's bucket: 100, then 20 a second)
        // until 30 s before the deadline: some 200 of 1,800 in 6 s, so the sweep stops and is projected.
        JsonNode sweep = result.path("functions").get(2);
        long resources = result.path("scale").path("images").asLong() + result.path("scale").path("snapshots").asLong();
        // Nearly all of the generated ones: a few are not the account's own to list.
        assertThat(sweep.path("grantsTotal").asLong()).isBetween(resources * 98 / 100, resources);
        assertThat(sweep.path("grantsRead").asLong()).isLessThan(sweep.path("grantsTotal").asLong());
        assertThat(sweep.path("projected").asBoolean()).isTrue();
        assertThat(sweep.path("fits").asBoolean()).isFalse();

        List<String> growth = new ArrayList<>();
        for (JsonNode row : result.path("growth")) {
            growth.add(row.path("images").asInt() + " " + row.path("snapshots").asInt() + " "
                    + row.path("function").asText() + " " + row.path("phase").asText());
            assertThat(row.path("region").asText()).isEqualTo("us-east-1");
            assertThat(row.path("calls").asLong()).as(row.toString()).isPositive();
            assertConsistent(row, 36_000);
        }
        assertThat(growth).containsExactly("20 60 orphan-snapshots dry-run", "20 60 public-share dry-run",
                "40 120 orphan-snapshots dry-run", "40 120 public-share dry-run");
        // A dry orphan sweep is two pages: measured, and it fits.
        JsonNode orphans = result.path("growth").get(0);
        assertThat(orphans.path("calls").asLong()).isEqualTo(2);
        assertThat(orphans.path("projected").asBoolean()).isFalse();
        assertThat(orphans.path("fits").asBoolean()).isTrue();
    }

    /** Measured: wall = ran. Projected: wall > ran (or unknown when nothing was done); fits = wall <= invocation. */
    private static void assertConsistent(JsonNode row, long invocationMillis) {
        long ran = row.path("measuredMillis").asLong();
        JsonNode wall = row.path("wallMillis");
        if (!row.path("projected").asBoolean()) {
            assertThat(wall.asLong()).as(row.toString()).isEqualTo(ran);
        } else if (!wall.isNull()) {
            assertThat(wall.asLong()).as(row.toString()).isGreaterThan(ran);
        }
        boolean fits = !wall.isNull() && wall.asLong() <= invocationMillis;
        assertThat(row.path("fits").asBoolean()).as(row.toString()).isEqualTo(fits);
        if (!wall.isNull()) {
            assertThat(row.path("invocations").asLong()).as(row.toString())
                    .isEqualTo(Math.max(1, (wall.asLong() + invocationMillis - 1) / invocationMillis));
        }
    }

    @Test
    void table_marksProjectionsWithATilde_andCountsTheInvocations() {
        BenchRealistic bench = new BenchRealistic(Duration.ofMinutes(15), Duration.ofSeconds(120));
        BenchRealistic.Row measured = new BenchRealistic.Row("expiry", "dry-run", null, 10_002, 30_000, 18_200,
                18_200L, false, true, 1L, 1_393, 1_165, 0, 0, null, null, 0);
        BenchRealistic.Row projected = new BenchRealistic.Row("public-share", "dry-run", "us-east-1", 50_000, 150_000,
                91_000, 2_700_000L, true, false, 3L, 1_500, 12, 0, 0, 1_480L, 200_000L, 0);
        BenchRealistic.Result result = new BenchRealistic.Result(BenchPacing.LIMITS, 900_000, 120_000, 120_000,
                BenchResult.Machine.current(), new BenchResult.Scale(10_002, 30_000, List.of("us-east-1"), 1, "spec"),
                List.of(measured), List.of(projected));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        bench.print(result, new PrintStream(out, true, StandardCharsets.UTF_8));

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("FUNCTION", "PHASE", "RAN s", "WALL s", "FITS", "INVOC", "GRANTS READ",
                "Growth in us-east-1");
        assertThat(table).containsPattern("expiry\\s+dry-run\\s+18\\.2\\s+18\\.2\\s+yes\\s+1\\s+1,393");
        assertThat(table).containsPattern("50,000\\s+150,000\\s+public-share\\s+91\\.0\\s+~2,700\\.0\\s+no\\s+3\\s+"
                + "1,500\\s+12\\s+1,480/200,000");
    }

    @Test
    void badDuration_namesTheOption_andExitsWithBadInput() {
        CliRun run = CliRun.of("bench", "--realistic", "--window", "2 minutes", "--images", "10", "--snapshots",
                "30", "--regions", "us-east-1");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("--window");
    }
}
