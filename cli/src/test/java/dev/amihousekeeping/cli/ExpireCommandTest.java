package dev.amihousekeeping.cli;

import static dev.amihousekeeping.cli.ConfigCommandTest.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.testing.SandboxHarness;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ami-housekeeping expire} in-process against a sandbox seeded with the functions module's tricky expiry
 * fixture (two regions, every reason to keep an AMI), as the "done when" runs it.
 */
class ExpireCommandTest {

    private static final Path SEED = repoFile("functions/src/test/resources/expiry/tricky-seed.json");
    private static final Path POLICY = repoFile("functions/src/test/resources/expiry/tricky-policy.json");
    private static final String NOW = "2026-11-01T00:00:00Z";

    @TempDir
    Path dir;

    private SandboxHarness sandbox;

    @BeforeEach
    void start() {
        sandbox = SandboxHarness.start(Seed.read(SEED));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CliRun expire(Path policy, String... extra) {
        String[] base = {"expire", "--endpoint", sandbox.endpoint().toString(), "--regions", "us-east-1,eu-west-1",
                "--config", policy.toString(), "--now", NOW};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void apply_actsAndExplainsEveryAmi_andASecondRunChangesNothing() {
        CliRun first = expire(POLICY, "--apply");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("REGION      AMI                    NAME                        AGE  ACTION                REASON")
                .containsPattern("us-east-1 +ami-0e000000000000001 +web-2026-06-01 +152d +deregister \\(done\\) +"
                        + "expiry-tag DeleteOn=2026-09-01; deprecated 2026-10-01, grace 7d over")
                .containsPattern("us-east-1 +ami-0e000000000000003 +web-2026-09-01 +60d +deprecate \\(done\\)")
                .containsPattern("us-east-1 +ami-0e000000000000008 +api-v4 +152d +keep +"
                        + "in-use: lt-0e000000000000001 \\$Default")
                .containsPattern("us-east-1 +ami-0e000000000000016 +db-2026-05-01 +183d +deregister \\(done\\) .*\\n"
                        + " +-> deregistered; snapshots deleted \\[snap-0e000000000000016\\]\\n"
                        + " +-> keeps snapshot snap-0e0000000000000ff \\(also used by ami-0e000000000000017\\)")
                .containsPattern("us-east-1 +ami-0e000000000000006 +api-v2 +\\d+d +keep +"
                        + "invalid-expiry-tag DeleteOn=next-tuesday")
                .containsPattern("us-east-1 +ami-0e00000000000001c +import-2026-01-01 +\\d+d +deregister \\(done\\) .*\\n"
                        + " +-> deregistered; snapshots deleted \\[snap-0e00000000000011c\\]\\n"
                        + " +-> keeps snapshot snap-0e00000000000001c \\(owned by another account\\)")
                .contains("Totals: 31 AMIs considered; 8 actions: 1 deprecate, 7 deregister (0 planned, 8 done, "
                        + "0 skipped, 0 failed); 23 kept; 0 errors")
                .contains("Estimated monthly saving: $3.90 (78 GiB of snapshots x $0.05/GiB-month)");
        String afterFirst = sandbox.state().toJson();

        CliRun second = expire(POLICY, "--apply");

        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("; 0 actions (0 planned, 0 done");
        assertThat(sandbox.state().toJson()).isEqualTo(afterFirst);
    }

    @Test
    void withoutApply_plansOnly_andChangesNothing() {
        String before = sandbox.state().toJson();

        CliRun run = expire(POLICY);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("expiry (dry-run: nothing changed; --apply to act) over us-east-1, eu-west-1")
                .containsPattern("deregister \\(planned\\)");
        assertThat(sandbox.state().toJson()).isEqualTo(before);
    }

    @Test
    void deadlineAlreadyPast_defersEveryAction_changesNothing_andExits0_invariant15() {
        String before = sandbox.state().toJson();

        CliRun run = expire(POLICY, "--apply", "--deadline", "2000-01-01T00:00:00Z");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("(0 planned, 0 done, 0 skipped, 0 failed, 8 deferred)");
        assertThat(sandbox.state().toJson()).isEqualTo(before);
    }

    @Test
    void deadlineAsADuration_fromTheWallClock_leavesTimeToApplyEverything() {
        CliRun run = expire(POLICY, "--apply", "--json", "--deadline", "14m");

        assertThat(run.exitCode()).isZero();
        Report report = ReportJson.read(run.out().strip());
        assertThat(report.count(Outcome.DEFERRED)).isZero();
        assertThat(report.count(Outcome.DONE)).isPositive();
    }

    @Test
    void json_printsTheReport() {
        CliRun run = expire(POLICY, "--json");

        Report report = ReportJson.read(run.out().strip());
        assertThat(report.function()).isEqualTo("expiry");
        assertThat(report.dryRun()).isTrue();
        assertThat(report.actions()).hasSize(8).allMatch(a -> a.outcome() == Outcome.PLANNED);
        // 21 images and notes, and 2 snapshots of deregistered AMIs: one shared with an AMI that stays, one not ours.
        assertThat(report.kept()).hasSize(25);
        assertThat(report.estimatedMonthlySavingsUsd()).isEqualTo(3.9);
    }

    @Test
    void exits3_andAppliesNothing_whenThePlanIsOverTheCap() throws IOException {
        Path capped = Files.writeString(dir.resolve("capped.json"),
                Files.readString(POLICY).replace("\"maxActionsPerRun\": 50", "\"maxActionsPerRun\": 2"));
        String before = sandbox.state().toJson();

        CliRun run = expire(capped, "--apply");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURES);
        assertThat(run.out()).contains("ERROR MaxActionsExceeded: the plan has 8 actions, more than "
                + "maxActionsPerRun 2: nothing was applied");
        assertThat(sandbox.state().toJson()).isEqualTo(before);
    }

    /** An AMI that only the launch configuration {@code api-lc} uses, and its snapshot (the tricky fixture). */
    private static final String LAUNCH_CONFIGURATION_ONLY_AMI = "ami-0e00000000000000b";
    private static final String ITS_SNAPSHOT = "snap-0e00000000000000b";

    private void fault(String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        sandbox.endpoint().resolve("/_sandbox/faults"))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /**
     * Invariant 12, as an operator met it: behind a proxy that answers DescribeLaunchConfigurations with a bare
     * HTTP 500 (an HTML page, no error code), {@code expire --apply} must not read that as "no Auto Scaling here".
     */
    @Test
    void keepsTheAmiOnlyALaunchConfigurationUses_andExits3_whenDescribeLaunchConfigurationsAnswersABare500()
            throws Exception {
        fault("{\"action\":\"DescribeLaunchConfigurations\",\"error\":null,\"status\":500,"
                + "\"region\":\"us-east-1\"}");

        assertKeptInUsEast1_andExits3(expire(POLICY, "--apply", "--json"), "HTTP500");
    }

    @Test
    void keepsTheAmiOnlyALaunchConfigurationUses_andExits3_whenDescribeLaunchConfigurationsIsUnauthorized()
            throws Exception {
        fault("{\"action\":\"DescribeLaunchConfigurations\",\"error\":\"UnauthorizedOperation\",\"status\":403,"
                + "\"region\":\"us-east-1\"}");

        assertKeptInUsEast1_andExits3(expire(POLICY, "--apply", "--json"), "UnauthorizedOperation");
    }

    private void assertKeptInUsEast1_andExits3(CliRun run, String code) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_FAILURES);
        Report report = ReportJson.read(run.out().strip());
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.region()).isEqualTo("us-east-1");
            assertThat(e.code()).isEqualTo("InUseUnknown");
            assertThat(e.message()).contains("DescribeLaunchConfigurations: " + code);
        });
        assertThat(report.kept()).filteredOn(k -> k.resourceId().equals(LAUNCH_CONFIGURATION_ONLY_AMI))
                .singleElement().satisfies(k -> assertThat(k.reason())
                        .isEqualTo("in-use-unknown: DescribeLaunchConfigurations: " + code));
        assertThat(report.actions()).extracting(a -> a.region()).containsOnly("eu-west-1");
        var usEast1 = sandbox.state().regions().get("us-east-1");
        assertThat(usEast1.images()).extracting(i -> i.imageId()).contains(LAUNCH_CONFIGURATION_ONLY_AMI);
        assertThat(usEast1.snapshots()).extracting(s -> s.snapshotId()).contains(ITS_SNAPSHOT);
    }

    @Test
    void exits3_whenARegionCannotBeRead() {
        CliRun run = CliRun.of("expire", "--endpoint", "http://127.0.0.1:1", "--regions", "us-east-1",
                "--config", POLICY.toString(), "--now", NOW);

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURES);
        assertThat(run.out()).contains("ERROR us-east-1 ");
    }
}
