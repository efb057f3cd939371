package dev.amihousekeeping.run;

import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.testing.SandboxHarness;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.ImageRecycleBinInfo;
import software.amazon.awssdk.services.ec2.model.SnapshotRecycleBinInfo;

/**
 * The stages end to end against the sandbox (DESIGN §5 expiry: "Stages", "Announcements", "Recycle Bin"), one run a
 * day as the schedule would: mark and announce, wait for the notice date, deprecate, wait out the grace, disable,
 * wait out the grace again, deregister into the Recycle Bin. Invariant 13 both ways: nothing before the notice
 * date, nothing deregistered or deleted without the recycle tags written first.
 */
class ExpiryStagesIntegrationTest {

    static final String AMI = StagesFixture.AMI;
    static final String SNAPSHOT = StagesFixture.SNAPSHOT;
    static final Instant D = StagesFixture.D;
    static final String SEED = StagesFixture.SEED;

    static final Config POLICY = ConfigLoader.parse(StagesFixture.POLICY);

    @Test
    void stagesOneRunADay_markDeprecateDisableDeregister_intoTheRecycleBin() {
        try (SandboxHarness sandbox = SandboxHarness.start(Seed.parse(SEED))) {
            Report marked = expire(sandbox, D);
            assertThat(only(marked).action()).isEqualTo(ActionType.MARK);
            assertThat(only(marked).outcome()).isEqualTo(Outcome.DONE);
            assertThat(tags(sandbox)).containsEntry("HousekeepingNotice", "2026-11-08");
            assertThat(sandbox.notifications()).singleElement().asString()
                    .contains("Owner arn:aws:iam::111122223333:user/alice (1):")
                    .contains("111122223333 us-east-1 " + AMI + " \"web-2026-01-01\": expiry-tag DeleteOn=2026-10-01;"
                            + " may go 2026-11-08")
                    .contains("add any of these tags to it before that date: DoNotDelete, Retain");

            Report waiting = expire(sandbox, D.plus(java.time.Duration.ofDays(6)));
            assertThat(waiting.actions()).isEmpty();
            assertThat(keptReason(waiting)).isEqualTo("notice: may go 2026-11-08");

            assertThat(only(expire(sandbox, Instant.parse("2026-11-08T00:00:00Z"))).action())
                    .isEqualTo(ActionType.DEPRECATE);
            assertThat(keptReason(expire(sandbox, Instant.parse("2026-11-10T00:00:00Z"))))
                    .startsWith("grace: deprecated 2026-11-08T00:01:00Z");

            Report disabled = expire(sandbox, Instant.parse("2026-11-11T12:00:00Z"));
            assertThat(only(disabled).action()).isEqualTo(ActionType.DISABLE);
            assertThat(only(disabled).outcome()).isEqualTo(Outcome.DONE);
            assertThat(image(sandbox).state()).isEqualTo("disabled");
            assertThat(tags(sandbox)).containsEntry("HousekeepingDisabledOn", "2026-11-11");
            assertThat(keptReason(expire(sandbox, Instant.parse("2026-11-13T00:00:00Z"))))
                    .isEqualTo("disabled: on 2026-11-11, deregister after 2026-11-14");

            Report deregistered = expire(sandbox, Instant.parse("2026-11-14T00:00:00Z"));
            assertThat(only(deregistered).action()).isEqualTo(ActionType.DEREGISTER);
            assertThat(only(deregistered).outcome()).as(only(deregistered).detail()).isEqualTo(Outcome.DONE);
            assertThat(sandbox.image(REGION, AMI)).isEmpty();
            assertThat(sandbox.ec2(REGION).listImagesInRecycleBin(r -> { }).images())
                    .extracting(ImageRecycleBinInfo::imageId).containsExactly(AMI);
            assertThat(sandbox.ec2(REGION).listSnapshotsInRecycleBin(r -> { }).snapshots())
                    .extracting(SnapshotRecycleBinInfo::snapshotId).containsExactly(SNAPSHOT);
            // Only the mark was announced; each later stage is the run's summary's business.
            assertThat(sandbox.notifications()).hasSize(1);
        }
    }

    @Test
    void dryRun_showsWhatWouldBeMarked_andSendsNoDigest() {
        try (SandboxHarness sandbox = SandboxHarness.start(Seed.parse(SEED))) {
            Report report = sandbox.at(D).run(ExpiryRun::new, sandbox.request(POLICY, true));

            assertThat(only(report).action()).isEqualTo(ActionType.MARK);
            assertThat(only(report).outcome()).isEqualTo(Outcome.PLANNED);
            assertThat(report.kept()).extracting(Kept::resourceId, Kept::reason).contains(org.assertj.core.groups.Tuple
                    .tuple(ExpiryRun.DIGEST_RESOURCE_ID, "dry run: the digest announcing 1 AMI(s) to their owners is not sent"));
            assertThat(sandbox.notifications()).isEmpty();
            assertThat(tags(sandbox)).doesNotContainKey("HousekeepingNotice");
        }
    }

    @Test
    void invariant13_deregistersAndDeletesNothing_whenTheRecycleTagCannotBeWritten() {
        try (SandboxHarness sandbox = SandboxHarness.start(seedWith("\"HousekeepingNotice\":\"2026-10-15\","
                + "\"HousekeepingDisabledOn\":\"2026-10-20\"}, \"state\":\"disabled\",\"deprecationTime\":\"2026-10-16T00:00:00Z\""))) {
            sandbox.fault("{\"action\":\"CreateTags\",\"error\":\"UnauthorizedOperation\",\"status\":403}");

            Report report = expire(sandbox, D);

            assertThat(only(report).action()).isEqualTo(ActionType.DEREGISTER);
            assertThat(only(report).outcome()).isEqualTo(Outcome.FAILED);
            assertThat(only(report).detail()).startsWith("recycle tags not written (UnauthorizedOperation");
            assertThat(sandbox.image(REGION, AMI)).isPresent();
            assertThat(sandbox.snapshotIds(REGION)).contains(SNAPSHOT);
            assertThat(sandbox.calls(REGION, "DeregisterImage") + sandbox.calls(REGION, "DeleteSnapshot")).isZero();
        }
    }

    @Test
    void invariant6_recheckReadsTheNoticeTagAgain_andSkipsADeregistrationWhoseNoticeWasMovedLater() {
        try (SandboxHarness sandbox = SandboxHarness.start(seedWith("\"HousekeepingNotice\":\"2026-10-15\","
                + "\"HousekeepingDisabledOn\":\"2026-10-20\"}, \"state\":\"disabled\",\"deprecationTime\":\"2026-10-16T00:00:00Z\""))) {
            RunLog movesNotice = ExpiryFixture.afterPlanning(() -> sandbox.ec2(REGION).createTags(r -> r.resources(AMI)
                    .tags(t -> t.key("HousekeepingNotice").value("2026-12-24"))));

            Report report = new ExpiryRun(sandbox.at(D).housekeeping(movesNotice)).run(sandbox.request(POLICY, false));

            assertThat(only(report).action()).isEqualTo(ActionType.DEREGISTER);
            assertThat(only(report).outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(only(report).detail()).isEqualTo("re-check: notice: may go 2026-12-24");
            assertThat(sandbox.image(REGION, AMI)).isPresent();
        }
    }

    @Test
    void removesTheNoticeTag_andKeepsTheAmi_whenSomeoneExemptedIt() {
        try (SandboxHarness sandbox = SandboxHarness.start(seedWith("\"HousekeepingNotice\":\"2026-11-05\","
                + "\"Retain\":\"yes\"}, \"state\":\"available\""))) {
            Report report = expire(sandbox, D);

            assertThat(only(report).action()).isEqualTo(ActionType.TAG);
            assertThat(only(report).outcome()).as(only(report).detail()).isEqualTo(Outcome.DONE);
            assertThat(only(report).reason()).isEqualTo("notice withdrawn: exempt-tag Retain");
            assertThat(report.kept()).extracting(Kept::reason).contains("exempt-tag Retain");
            assertThat(tags(sandbox)).doesNotContainKey("HousekeepingNotice").containsKey("Retain");
            assertThat(sandbox.notifications()).isEmpty();
        }
    }

    @Test
    void keepsTheAmi_andSaysWhy_whenTheEndpointCannotDisable() {
        try (SandboxHarness sandbox = SandboxHarness.start(seedWith("\"HousekeepingNotice\":\"2026-10-15\"},"
                + "\"deprecationTime\":\"2026-10-16T00:00:00Z\""))) {
            sandbox.fault("{\"action\":\"DisableImage\",\"error\":\"InvalidAction\",\"status\":400}");

            Report report = expire(sandbox, D);

            assertThat(only(report).action()).isEqualTo(ActionType.DISABLE);
            assertThat(only(report).outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(only(report).detail()).startsWith("disable-unsupported: InvalidAction");
            assertThat(image(sandbox).state()).isEqualTo("available");
            assertThat(tags(sandbox)).doesNotContainKey("HousekeepingDisabledOn");
        }
    }

    @Test
    void invariant13_orphanSnapshotIsTaggedBeforeItIsDeleted_andNotDeletedWhenTheTagFails() {
        try (SandboxHarness sandbox = SandboxHarness.start(Seed.parse(SEED))) {
            sandbox.fault("{\"action\":\"CreateTags\",\"error\":\"UnauthorizedOperation\",\"status\":403}");
            Report failed = sandbox.at(D).run(OrphanSnapshotsRun::new, sandbox.request(POLICY, false));

            assertThat(only(failed).outcome()).isEqualTo(Outcome.FAILED);
            assertThat(sandbox.snapshotIds(REGION)).contains("snap-0b000000000000009");

            sandbox.clearFaults();
            RunRequest request = sandbox.request(POLICY, false);
            Report deleted = sandbox.run(OrphanSnapshotsRun::new, request);

            assertThat(only(deleted).outcome()).isEqualTo(Outcome.DONE);
            assertThat(sandbox.ec2(REGION).listSnapshotsInRecycleBin(r -> { }).snapshots())
                    .extracting(SnapshotRecycleBinInfo::snapshotId).containsExactly("snap-0b000000000000009");
            assertThat(sandbox.ec2(REGION).describeTags(r -> r.filters(f -> f.name("resource-id")
                    .values("snap-0b000000000000009"))).tags())
                    .extracting(t -> t.key() + "=" + t.value())
                    .contains("HousekeepingRecycle=true", "HousekeepingRunId=" + request.runId());
        }
    }

    private static Report expire(SandboxHarness sandbox, Instant now) {
        sandbox.sandboxClock(now);
        return sandbox.at(now).run(ExpiryRun::new, sandbox.request(POLICY, false));
    }

    private static ActionResult only(Report report) {
        assertThat(report.actions()).as(report.kept().toString()).hasSize(1);
        return report.actions().get(0);
    }

    private static String keptReason(Report report) {
        assertThat(report.actions()).isEmpty();
        return report.kept().stream().filter(k -> k.resourceId().equals(AMI)).findFirst().orElseThrow().reason();
    }

    private static SeedImage image(SandboxHarness sandbox) {
        return sandbox.image(REGION, AMI).orElseThrow();
    }

    private static Map<String, String> tags(SandboxHarness sandbox) {
        return image(sandbox).tags();
    }

    /** The seed, its AMI further along: {@code rest} goes after its DeleteOn tag and closes the tags. */
    private static Seed seedWith(String rest) {
        String tags = "\"tags\":{\"DeleteOn\":\"2026-10-01\",\"CreatedBy\":\"arn:aws:iam::111122223333:user/alice\"},";
        String seed = SEED.replace(tags, "\"tags\":{\"DeleteOn\":\"2026-10-01\"," + rest + ",");
        assertThat(seed).isNotEqualTo(SEED);
        return Seed.parse(seed);
    }
}
