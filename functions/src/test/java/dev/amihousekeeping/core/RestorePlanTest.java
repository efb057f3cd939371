package dev.amihousekeeping.core;

import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestorePlanTest {

    private static final Instant ENTER = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant EXIT = Instant.parse("2026-11-08T00:00:00Z");
    private static final StageTagKeys TAGS = new StageTagKeys("HousekeepingRecycle", "HousekeepingRunId",
            "HousekeepingNotice", "HousekeepingDisabledOn");
    private static final String AMI_1 = "ami-00000000000000001";
    private static final String AMI_2 = "ami-00000000000000002";
    private static final String SNAP_1 = "snap-00000000000000001";
    private static final String SNAP_2 = "snap-00000000000000002";
    private static final String SNAP_3 = "snap-00000000000000003";

    private static Map<String, String> ofRun(String runId) {
        return Map.of("HousekeepingRecycle", "true", "HousekeepingRunId", runId,
                "aws:recycle-bin:resource-in-bin", "true");
    }

    private static BinnedResource image(String id, Map<String, String> tags) {
        return new BinnedResource(REGION, ResourceType.IMAGE, id, null, ENTER, EXIT, tags);
    }

    private static BinnedResource snapshot(String id, String forImage, Map<String, String> tags) {
        return new BinnedResource(REGION, ResourceType.SNAPSHOT, id,
                forImage == null ? "my backup" : "Created by CreateImage(i-0123456789abcdef0) for " + forImage,
                ENTER, EXIT, tags);
    }

    private static RestorePlan plan(RestoreSelection selection, List<BinnedResource> bin, Map<String, String> live) {
        return RestorePlan.of(selection, List.of(REGION), bin, live, TAGS);
    }

    @Test
    void restoresSnapshotsBeforeImages_whenARunIsSelected() {
        List<BinnedResource> bin = List.of(image(AMI_1, ofRun("r1")), snapshot(SNAP_2, AMI_1, ofRun("r1")),
                image(AMI_2, ofRun("r1")), snapshot(SNAP_1, AMI_2, ofRun("r1")));

        RestorePlan plan = plan(new RestoreSelection("r1", null, null), bin, Map.of());

        assertThat(plan.restores()).extracting(Action::resourceType, Action::resourceId).containsExactly(
                tuple(ResourceType.SNAPSHOT, SNAP_1), tuple(ResourceType.SNAPSHOT, SNAP_2),
                tuple(ResourceType.IMAGE, AMI_1), tuple(ResourceType.IMAGE, AMI_2));
        assertThat(plan.restores()).allSatisfy(r -> assertThat(r.type()).isEqualTo(ActionType.RESTORE));
        assertThat(plan.notInBin()).isEmpty();
    }

    @Test
    void leavesOtherRunsAndUntaggedResourcesInTheBin() {
        List<BinnedResource> bin = List.of(image(AMI_1, ofRun("r1")), image(AMI_2, ofRun("r2")),
                snapshot(SNAP_1, null, Map.of()), snapshot(SNAP_2, AMI_2, ofRun("r2")));

        RestorePlan plan = plan(new RestoreSelection("r1", null, null), bin, Map.of());

        assertThat(plan.restores()).extracting(Action::resourceId).containsExactly(AMI_1);
        assertThat(plan.restores().get(0).reason()).isEqualTo("run r1");
    }

    @Test
    void bringsANamedImagesSnapshots_byTheirDescription() {
        List<BinnedResource> bin = List.of(image(AMI_1, Map.of()), snapshot(SNAP_1, AMI_1, Map.of()),
                snapshot(SNAP_2, AMI_2, Map.of()), snapshot(SNAP_3, null, Map.of()));

        RestorePlan plan = plan(new RestoreSelection(null, Set.of(AMI_1), null), bin, Map.of());

        assertThat(plan.restores()).extracting(Action::resourceId, Action::reason).containsExactly(
                tuple(SNAP_1, "snapshot of " + AMI_1), tuple(AMI_1, "named"));
    }

    @Test
    void removesOnlyTheStageTagsTheResourceCarries_andEnablesOnlyWhatTheDisableStageDisabled() {
        Map<String, String> disabledByUs = Map.of("HousekeepingRunId", "r1", "HousekeepingRecycle", "true",
                "HousekeepingDisabledOn", "2026-10-20", "HousekeepingNotice", "2026-10-10", "Team", "web");
        List<BinnedResource> bin = List.of(image(AMI_1, disabledByUs), image(AMI_2, ofRun("r1")),
                snapshot(SNAP_1, AMI_2, Map.of("HousekeepingRunId", "r1")));

        RestorePlan plan = plan(new RestoreSelection("r1", null, null), bin, Map.of());

        assertThat(plan.restores()).extracting(Action::resourceId, Action.Restore::stageTags,
                Action.Restore::enableImage).containsExactly(
                tuple(SNAP_1, List.of("HousekeepingRunId"), false),
                tuple(AMI_1, List.of("HousekeepingRecycle", "HousekeepingRunId", "HousekeepingNotice",
                        "HousekeepingDisabledOn"), true),
                tuple(AMI_2, List.of("HousekeepingRecycle", "HousekeepingRunId"), false));
        assertThat(plan.restores().get(0).detailLead()).isEqualTo("in the Recycle Bin until " + EXIT);
    }

    @Test
    void namedIdsNotInTheBin_areSkippedSayingWhetherEc2ListsThem() {
        RestorePlan plan = plan(new RestoreSelection(null, Set.of(AMI_1), Set.of(SNAP_1)), List.of(),
                Map.of(AMI_1, REGION));

        assertThat(plan.restores()).isEmpty();
        assertThat(plan.notInBin()).extracting(ActionResult::resourceId, ActionResult::resourceType,
                ActionResult::outcome, ActionResult::detail).containsExactly(
                tuple(AMI_1, ResourceType.IMAGE, Outcome.SKIPPED,
                        "already restored: not in the Recycle Bin, and EC2 lists it"),
                tuple(SNAP_1, ResourceType.SNAPSHOT, Outcome.SKIPPED,
                        "not in the Recycle Bin: purged when its retention ended, or never deleted"));
    }

    @Test
    void selection_refusesNoSelectorAndMalformedIds() {
        assertThatThrownBy(() -> new RestoreSelection(null, Set.of(), null))
                .hasMessageContaining("--run ID, --image ami-... or --snapshot snap-...");
        assertThatThrownBy(() -> new RestoreSelection(null, Set.of("ami-xyz"), null))
                .hasMessage("--image: 'ami-xyz' is not an AMI id (ami- and 8 or 17 hex digits)");
        assertThatThrownBy(() -> new RestoreSelection(null, null, Set.of("snap-12")))
                .hasMessageStartingWith("--snapshot: 'snap-12'");
        assertThatThrownBy(() -> new RestoreSelection(" ", null, null)).hasMessageStartingWith("--run:");
        assertThat(new RestoreSelection(null, Set.of("ami-0123abcd"), null).imageIds()).containsExactly("ami-0123abcd");
    }
}
