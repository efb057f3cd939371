package dev.amihousekeeping.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.testing.SandboxHarness;
import dev.amihousekeeping.testing.TestResources;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deployed {@code orphan-snapshots} function: its schedule's event (as the rule delivers it) in, the Report JSON
 * out, over a sandbox seeded with {@code orphans/tricky-seed.json}. The policy's {@code dryRun} is the switch.
 */
class OrphanSnapshotsHandlerTest {

    private static final String SCHEDULE = "schedule-orphan-snapshots.json";

    private final SandboxHarness sandbox = SandboxHarness.start(
            Seed.parse(TestResources.text("orphans/tricky-seed.json"))).at(Instant.parse("2026-11-01T00:00:00Z"));
    private final RecordingNotifier topic = new RecordingNotifier();

    @AfterEach
    void close() {
        sandbox.close();
    }

    /** Wired as {@link Dependencies#from} does, but on the fixture's clock so that snapshot ages are fixed. */
    private OrphanSnapshotsHandler handler(String policy) {
        return new OrphanSnapshotsHandler(new Dependencies(ConfigLoader.fromEnvironment(policy), null, "us-east-1",
                sandbox.housekeeping(topic)));
    }

    private static Report invoke(OrphanSnapshotsHandler handler, String event) throws IOException {
        return Invocations.report(handler, TestResources.sampleEvent(event));
    }

    private void fault(String json) {
        sandbox.fault(json);
    }

    @Test
    void schedule_deletesTheOrphans_whenThePolicyIsNotDryRun() throws IOException {
        Report report = invoke(handler("{\"regions\":[\"us-east-1\",\"eu-west-1\"],\"dryRun\":false}"), SCHEDULE);

        assertThat(report.function()).isEqualTo("orphan-snapshots");
        assertThat(report.dryRun()).isFalse();
        assertThat(report.actions()).hasSize(6).allMatch(a -> a.outcome() == Outcome.DONE);
        assertThat(sandbox.state().regions().get("eu-west-1").snapshots())
                .noneMatch(s -> s.snapshotId().equals("snap-0e1d2c3b4a5f60202"));
        assertThat(report.kept()).extracting(Kept::resourceId).contains("snap-0e1d2c3b4a5f60021");
    }

    @Test
    void invariant1_schedule_changesNothing_underTheDefaultDryRunPolicy() throws IOException {
        Seed before = sandbox.state();

        Report report = invoke(handler("{}"), SCHEDULE);

        assertThat(sandbox.state()).isEqualTo(before);
        assertThat(report.dryRun()).isTrue();
        assertThat(report.regions()).containsExactly("us-east-1");
        assertThat(report.actions()).extracting(ActionResult::outcome).hasSize(5).containsOnly(Outcome.PLANNED);
    }

    @Test
    void otherEvents_areReportedAsIgnored_andChangeNothing() throws IOException {
        Seed before = sandbox.state();

        Report report = invoke(handler("{\"dryRun\":false}"), "modify-image-attribute-public.json");

        assertThat(sandbox.state()).isEqualTo(before);
        assertThat(report.actions()).isEmpty();
        assertThat(report.kept()).singleElement().extracting(Kept::reason).asString().startsWith("ignored: ");
    }

    @Test
    void scheduledRun_withAnUnreadableRegion_reportsIt_withoutThrowing() throws IOException {
        fault("{\"action\":\"DescribeSnapshots\",\"error\":\"UnauthorizedOperation\"}");

        Report report = invoke(handler("{\"regions\":[\"us-east-1\"],\"dryRun\":false}"), SCHEDULE);

        assertThat(report.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("UnauthorizedOperation"));
        assertThat(report.hasFailures()).isTrue();
        assertThat(topic.sent).singleElement().satisfies(notice -> {
            assertThat(notice.subject()).isEqualTo("AMI Housekeeper orphan-snapshots (applied): 0 failed, 1 error");
            assertThat(notice.body()).contains("  - us-east-1 UnauthorizedOperation: DescribeSnapshots: ");
        });
    }

    @Test
    void invariant5_planOverTheCap_deletesNothing_andSendsOneNoticeCarryingMaxActionsExceeded() throws IOException {
        Seed before = sandbox.state();

        invoke(handler("{\"regions\":[\"us-east-1\",\"eu-west-1\"],\"dryRun\":false,\"maxActionsPerRun\":5}"),
                SCHEDULE);

        assertThat(sandbox.state()).isEqualTo(before);
        assertThat(topic.sent).singleElement().satisfies(notice -> {
            assertThat(notice.subject()).isEqualTo(
                    "AMI Housekeeper orphan-snapshots (applied): 6 actions over maxActionsPerRun, nothing applied");
            assertThat(notice.body()).contains("Errors (1):\n  - MaxActionsExceeded: the plan has 6 actions, "
                    + "more than maxActionsPerRun 5: nothing was applied\n");
        });
    }

    @Test
    void schedule_sendsOneNotice_listingTheDeletedSnapshots() throws IOException {
        invoke(handler("{\"regions\":[\"us-east-1\",\"eu-west-1\"],\"dryRun\":false}"), SCHEDULE);

        assertThat(topic.sent).singleElement().satisfies(notice -> {
            assertThat(notice.subject()).isEqualTo("AMI Housekeeper orphan-snapshots (applied): 6 done, 0 failed");
            assertThat(notice.body()).contains("  - eu-west-1 snap-0e1d2c3b4a5f60202: delete-snapshot done; reason: ");
        });
    }
}
