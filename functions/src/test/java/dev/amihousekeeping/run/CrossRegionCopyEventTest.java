package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.CopyFixture.APP;
import static dev.amihousekeeping.run.CopyFixture.APP_SNAPSHOT;
import static dev.amihousekeeping.run.CopyFixture.BASE;
import static dev.amihousekeeping.run.CopyFixture.BASE_COPY_WEST;
import static dev.amihousekeeping.run.CopyFixture.BUILDER_ARN;
import static dev.amihousekeeping.run.CopyFixture.EU;
import static dev.amihousekeeping.run.CopyFixture.EU_KEY;
import static dev.amihousekeeping.run.CopyFixture.JDOE_ARN;
import static dev.amihousekeeping.run.CopyFixture.SOURCE;
import static dev.amihousekeeping.run.CopyFixture.WEB;
import static dev.amihousekeeping.run.CopyFixture.WEB_SNAPSHOT;
import static dev.amihousekeeping.run.CopyFixture.WEST;
import static dev.amihousekeeping.run.CopyFixture.WEST_KEY;
import static dev.amihousekeeping.run.CopyFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.events.EventParser;
import dev.amihousekeeping.events.ImageStateChanged;
import dev.amihousekeeping.sandbox.SeedBlockDevice;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.sandbox.SeedRegion;
import dev.amihousekeeping.testing.SandboxHarness;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The event path of {@code cross-region-copy} against the sandbox, over real HTTP with the real SDK: tag-on-create
 * first, then a copy per destination lacking one.
 */
class CrossRegionCopyEventTest {

    @RegisterExtension
    static final SandboxHarness sandbox = CopyFixture.start().freshEachTest();
    private final CrossRegionCopyRun run = new CrossRegionCopyRun(sandbox.housekeeping());
    private final Config policy = CopyFixture.policy();

    private Report handle(String sample) {
        return run.handle(event(sample), sandbox.request(policy, false));
    }

    private static List<ActionResult> copies(Report report) {
        return report.actions().stream().filter(a -> a.action() == ActionType.COPY).toList();
    }

    @Test
    void stampsCreatorAndExpiry_thenCopiesEncryptedToEachDestination_onCreateImage() {
        Report report = handle("create-image.json");

        assertThat(report.regions()).containsExactly(SOURCE);
        assertThat(report.hasFailures()).isFalse();
        assertThat(sandbox.image(SOURCE, WEB).orElseThrow().tags())
                .contains(entry("CreatedBy", BUILDER_ARN), entry("DeleteOn", "2027-01-12"), entry("Name", "web"));
        assertThat(sandbox.snapshot(SOURCE, WEB_SNAPSHOT).tags())
                .contains(entry("CreatedBy", BUILDER_ARN), entry("DeleteOn", "2027-01-12"), entry("Name", "web-root"));
        assertThat(copies(report)).extracting(ActionResult::region, ActionResult::outcome)
                .containsExactlyInAnyOrder(tuple(WEST, Outcome.DONE),
                        tuple(EU, Outcome.DONE));
        assertCopy(WEST, WEST_KEY, "2027-01-12");
        assertCopy(EU, EU_KEY, "2027-01-12");
    }

    private void assertCopy(String region, String kmsKeyId, String deleteOn) {
        List<SeedImage> copies = sandbox.copiesOf(WEB, region);
        assertThat(copies).hasSize(1);
        SeedImage copy = copies.get(0);
        assertThat(copy.sourceRegion()).isEqualTo(SOURCE);
        assertThat(copy.name()).isEqualTo("web-2026-10-14");
        assertThat(copy.tags()).contains(entry("SourceAmi", WEB), entry("SourceRegion", SOURCE),
                entry("DeleteOn", deleteOn), entry("CopyToDR", "true"));
        assertThat(copy.blockDeviceMappings()).extracting(SeedBlockDevice::encrypted, SeedBlockDevice::kmsKeyId)
                .containsOnly(tuple(true, kmsKeyId));
    }

    @Test
    void neverOverwritesATagAPersonSet_andCopiesTheirExpiry() {
        handle("register-image-copy-to-dr.json");

        assertThat(sandbox.image(SOURCE, APP).orElseThrow().tags())
                .containsEntry("CreatedBy", JDOE_ARN).containsEntry("DeleteOn", "2027-06-30");
        assertThat(sandbox.snapshot(SOURCE, APP_SNAPSHOT).tags())
                .containsEntry("CreatedBy", JDOE_ARN).containsEntry("DeleteOn", "2027-06-30");
        assertThat(sandbox.copiesOf(APP, WEST)).singleElement()
                .satisfies(copy -> assertThat(copy.tags()).containsEntry("DeleteOn", "2027-06-30"));
    }

    @Test
    void invariant7_makesOneCopy_whenTheSameEventArrivesTwiceBackToBack() {
        Report first = handle("create-image.json");
        Report second = handle("create-image.json");

        assertThat(copies(first)).extracting(ActionResult::outcome).containsOnly(Outcome.DONE).hasSize(2);
        assertThat(second.actions()).isEmpty();
        assertThat(second.kept()).extracting(k -> k.region() + " " + k.reason())
                .anyMatch(reason -> reason.startsWith(WEST + " copy-exists: "))
                .anyMatch(reason -> reason.startsWith(EU + " copy-exists: "));
        assertThat(sandbox.copiesOf(WEB, WEST)).hasSize(1);
        assertThat(sandbox.copiesOf(WEB, EU)).hasSize(1);
    }

    @Test
    void invariant7_makesOneCopy_whenTheAvailableEventComesBeforeCreateImage() {
        handle("ami-state-change-available.json");
        Report late = handle("create-image.json");

        assertThat(copies(late)).isEmpty();
        assertThat(sandbox.copiesOf(WEB, WEST)).hasSize(1);
        assertThat(sandbox.copiesOf(WEB, EU)).hasSize(1);
        // The expiry date is the same whichever event stamped it: both count from the AMI's creation.
        assertThat(sandbox.image(SOURCE, WEB).orElseThrow().tags())
                .contains(entry("CreatedBy", BUILDER_ARN), entry("DeleteOn", "2027-01-12"));
        assertCopy(WEST, WEST_KEY, "2027-01-12");
    }

    @Test
    void stampsNoExpiry_onTheAvailableEventOfAnAmiCreatedLongBefore() {
        // Re-enabled (EnableImage) or restored from the Recycle Bin: EC2 says available again for an AMI of 2025.
        // Counted from its creation, its retention would be long gone and the next expiry run would take it.
        sandbox.editImage(SOURCE, WEB, "creationDate", "2025-01-01T08:00:00Z");

        Report report = handle("ami-state-change-available.json");

        assertThat(report.kept()).extracting(k -> k.resourceId() + " " + k.reason())
                .contains(WEB + " not-new: created 2025-01-01T08:00:00Z, more than 1d before the event");
        assertThat(sandbox.image(SOURCE, WEB).orElseThrow().tags()).doesNotContainKey("DeleteOn");
        assertThat(sandbox.snapshot(SOURCE, WEB_SNAPSHOT).tags()).doesNotContainKey("DeleteOn");
    }

    @Test
    void stampsButDoesNotCopy_whilePending_thenCopiesWhenAvailable() {
        sandbox.editImage(SOURCE, WEB, "state", "pending");

        Report whilePending = handle("create-image.json");
        sandbox.editImage(SOURCE, WEB, "state", "available");
        Report onceAvailable = handle("ami-state-change-available.json");

        assertThat(copies(whilePending)).isEmpty();
        assertThat(whilePending.actions()).extracting(ActionResult::action, ActionResult::outcome)
                .containsOnly(tuple(ActionType.TAG, Outcome.DONE));
        assertThat(whilePending.kept()).extracting(k -> k.reason()).contains("not-available: pending");
        assertThat(copies(onceAvailable)).extracting(ActionResult::outcome).containsExactly(Outcome.DONE,
                Outcome.DONE);
        assertThat(onceAvailable.actions()).extracting(ActionResult::action).containsOnly(ActionType.COPY);
        assertCopy(WEST, WEST_KEY, "2027-01-12");
        assertCopy(EU, EU_KEY, "2027-01-12");
    }

    @Test
    void givesTheCopyTheExpiryItsSourceIsStampedWith_inTheSameRun_evenWithoutCopiedTags() {
        Config noCopiedTags = ConfigLoader.parse(CopyFixture.POLICY.replace("\"copyTags\": true",
                "\"copyTags\": false"));

        run.handle(event("ami-state-change-available.json"), sandbox.request(noCopiedTags, false));

        assertThat(sandbox.copiesOf(WEB, WEST)).singleElement().satisfies(copy -> assertThat(copy.tags())
                .containsOnly(entry("SourceAmi", WEB), entry("SourceRegion", SOURCE), entry("DeleteOn", "2027-01-12")));
    }

    @Test
    void copiesTheSourcesTagsButNotItsExpiry_withoutRetainCopies() {
        Config outliving = ConfigLoader.parse(CopyFixture.POLICY.replace("\"retainCopies\": true",
                "\"retainCopies\": false"));

        run.handle(event("ami-state-change-available.json"), sandbox.request(outliving, false));

        SeedImage source = sandbox.image(SOURCE, WEB).orElseThrow();
        assertThat(source.tags()).containsKey("DeleteOn");
        assertThat(sandbox.copiesOf(WEB, WEST)).singleElement().satisfies(copy -> {
            assertThat(copy.tags()).doesNotContainKey("DeleteOn")
                    .contains(entry("SourceAmi", WEB), entry("SourceRegion", SOURCE));
            source.tags().forEach((key, value) -> {
                if (!key.equals("DeleteOn")) {
                    assertThat(copy.tags()).containsEntry(key, value);
                }
            });
        });
    }

    @Test
    void invariant7_refusesToCopyACopy_thatThisFunctionMade() {
        Report report = handle("copy-image-by-housekeeper.json");

        assertThat(copies(report)).isEmpty();
        assertThat(report.kept()).extracting(k -> k.resourceId() + " " + k.reason())
                .contains(BASE_COPY_WEST + " is-a-copy: from " + BASE + " " + SOURCE);
        assertThat(sandbox.copiesOf(BASE_COPY_WEST, EU)).isEmpty();
        // Tag-on-create still completes the copy's snapshot, and leaves the tags the copy was made with.
        SeedImage copy = sandbox.image(WEST, BASE_COPY_WEST).orElseThrow();
        assertThat(copy.tags()).contains(entry("SourceAmi", BASE), entry("SourceRegion", SOURCE),
                entry("DeleteOn", "2027-01-01"), entry("CreatedBy", JDOE_ARN));
        assertThat(sandbox.snapshot(WEST, "snap-0d1e2f3a4b5c6d7e8").tags())
                .contains(entry("CreatedBy", JDOE_ARN), entry("DeleteOn", "2027-01-01"));
    }

    @Test
    void invariant7_refusesToCopyACopy_whenOnlyTheCopyImageEventSaysItIsOne() {
        // An endpoint that fills no SourceImageId and copied no tags (moto): the event still knows the source.
        SeedImage bare = new SeedImage(BASE_COPY_WEST, "base-2026-10-01", "available", null, null, null, null,
                Map.of("CopyToDR", "true"), null, null, null, null, null, List.of(), null, null, null, null);
        var seed = sandbox.sandbox().state();
        var west = seed.regions().get(WEST);
        sandbox.sandbox().load(seed.withRegion(WEST, new SeedRegion(List.of(bare),
                west.snapshots(), null, null, null, null, null, null)));

        Report report = handle("copy-image-by-housekeeper.json");

        assertThat(copies(report)).isEmpty();
        assertThat(report.kept()).extracting(k -> k.reason()).contains("is-a-copy: from " + BASE + " " + SOURCE);
        assertThat(sandbox.images(EU)).extracting(SeedImage::sourceImageId).doesNotContain(BASE_COPY_WEST);
    }

    @Test
    void doesNotCopy_anImageOutsideTheSelector_butStillStampsIt() {
        Config notSelected = ConfigLoader.parse(CopyFixture.POLICY.replace("\"CopyToDR\": \"true\"",
                "\"Team\": \"dr\""));

        Report report = run.handle(event("create-image.json"), sandbox.request(notSelected, false));

        assertThat(copies(report)).isEmpty();
        assertThat(report.kept()).extracting(k -> k.reason()).contains("not-selected");
        assertThat(sandbox.copiesOf(WEB, WEST)).isEmpty();
        assertThat(sandbox.image(SOURCE, WEB).orElseThrow().tags()).containsEntry("CreatedBy", BUILDER_ARN);
    }

    @Test
    void invariant1_changesNothing_inDryRun() {
        var before = sandbox.sandbox().state();

        Report report = run.handle(event("create-image.json"), sandbox.request(policy, true));

        assertThat(report.actions()).isNotEmpty().extracting(ActionResult::outcome).containsOnly(Outcome.PLANNED);
        assertThat(report.actions()).extracting(ActionResult::action).contains(ActionType.TAG, ActionType.COPY);
        assertThat(sandbox.sandbox().state().regions()).isEqualTo(before.regions());
    }

    @Test
    void invariant5_appliesNothing_whenTheEventsPlanIsOverTheCap() {
        Config capped = new Config(policy.regions(), false, 3, policy.expiry(), policy.recycleBin(), policy.orphanSnapshots(),
                policy.publicShare(), policy.crossRegionCopy(), policy.tagOnCreate(), policy.accounts(),
                policy.latestParameters());
        var before = sandbox.sandbox().state();

        Report report = run.handle(event("create-image.json"), sandbox.request(capped, false));

        assertThat(report.actions()).hasSize(4).extracting(ActionResult::outcome).containsOnly(Outcome.SKIPPED);
        assertThat(report.errors()).extracting(e -> e.code()).containsExactly(Executor.MAX_ACTIONS_EXCEEDED);
        assertThat(sandbox.sandbox().state().regions()).isEqualTo(before.regions());
    }

    @Test
    void invariant8_reportsAnImageThatIsGone_withoutFailing() {
        Report report = run.handle(EventParser.parse(CopyFixture
                        .eventText("create-image.json").replace(WEB, "ami-0123456789abcdef9")),
                sandbox.request(policy, false));

        assertThat(report.hasFailures()).isFalse();
        assertThat(report.actions()).isEmpty();
        assertThat(report.kept()).extracting(k -> k.reason()).containsExactly("gone: no such image in " + SOURCE);
    }

    @Test
    void ignoresAStateOtherThanAvailableOrFailed() {
        Report report = run.handle(new ImageStateChanged(SOURCE, WEB, "deregistered",
                Instant.parse("2026-10-14T12:00:00Z"), null), sandbox.request(policy, false));

        assertThat(report.actions()).isEmpty();
        assertThat(report.kept()).extracting(k -> k.reason()).containsExactly(
                "ignored: AMI state deregistered: nothing to copy");
    }
}
