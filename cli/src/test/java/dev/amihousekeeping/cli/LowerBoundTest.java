package dev.amihousekeeping.cli;

import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.run.HousekeepingFunction;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lower bound of a run's calls: pages per region, one call per applied action, honest per-resource reads. */
class LowerBoundTest {

    private static final Config CONFIG = ConfigLoader.parse(BenchCommand.policy(List.of("us-east-1", "eu-west-1")));

    @Test
    void orphans_onePagePerThousandPerRegion_andOneCallPerDoneDeletion() {
        List<RegionFacts> regions = List.of(facts("us-east-1", 1000, 2500, Set.of()),
                facts("eu-west-1", 0, 1, Set.of()));
        Report report = report("orphan-snapshots", List.of(
                action("us-east-1", ActionType.DELETE_SNAPSHOT, ResourceType.SNAPSHOT, "snap-1", Outcome.DONE),
                action("us-east-1", ActionType.DELETE_SNAPSHOT, ResourceType.SNAPSHOT, "snap-2", Outcome.DONE),
                action("eu-west-1", ActionType.DELETE_SNAPSHOT, ResourceType.SNAPSHOT, "snap-3", Outcome.SKIPPED)),
                List.of());

        Map<String, Long> bound = LowerBound.of(HousekeepingFunction.ORPHAN_SNAPSHOTS, regions, CONFIG, report);

        // An empty listing is still one call; a skipped action made no change and costs nothing in the bound.
        assertThat(bound).containsExactly(Map.entry("DeleteSnapshot", 2L), Map.entry("DescribeImages", 2L),
                Map.entry("DescribeSnapshots", 4L));
    }

    @Test
    void publicShare_countsOneGrantReadPerResource_forWantOfABatchForm() {
        List<RegionFacts> regions = List.of(facts("us-east-1", 1200, 3000, Set.of()));
        Report report = report("public-share", List.of(
                action("us-east-1", ActionType.REMOVE_GRANT, ResourceType.IMAGE, "ami-1", Outcome.DONE),
                action("us-east-1", ActionType.REMOVE_GRANT, ResourceType.SNAPSHOT, "snap-1", Outcome.DONE),
                action("us-east-1", ActionType.ENABLE_BLOCK_PUBLIC_ACCESS, ResourceType.ACCOUNT,
                        "snapshot-block-public-access", Outcome.DONE)), List.of());

        Map<String, Long> bound = LowerBound.of(HousekeepingFunction.PUBLIC_SHARE, regions, CONFIG, report);

        // The pages of every owned one, and one listing of the public ones each.
        assertThat(bound).containsEntry("DescribeImages", 3L).containsEntry("DescribeSnapshots", 4L)
                .containsEntry("DescribeImageAttribute", 1200L).containsEntry("DescribeSnapshotAttribute", 3000L)
                .containsEntry("ModifyImageAttribute", 1L).containsEntry("ModifySnapshotAttribute", 1L)
                .containsEntry("EnableSnapshotBlockPublicAccess", 1L)
                .containsEntry("GetImageBlockPublicAccessState", 1L);
    }

    @Test
    void expiry_tenCandidatesAReferenceCheck_andLaunchPermissionsOnlyForThoseNothingUses() {
        Set<String> candidates = Set.of("ami-01", "ami-02", "ami-03", "ami-04", "ami-05", "ami-06", "ami-07",
                "ami-08", "ami-09", "ami-10", "ami-11", "ami-12");
        List<RegionFacts> regions = List.of(new RegionFacts("us-east-1", 3000, 500, 450, candidates, false));
        Report report = report("expiry", List.of(
                action("us-east-1", ActionType.DEPRECATE, ResourceType.IMAGE, "ami-01", Outcome.DONE)),
                List.of(new Kept("us-east-1", ResourceType.IMAGE, "ami-02", "in-use: i-0abc (running)"),
                        new Kept("us-east-1", ResourceType.IMAGE, "ami-03", "in-use-unknown: DescribeInstances"),
                        new Kept("us-east-1", ResourceType.IMAGE, "ami-99", "in-use: not a candidate")));

        Map<String, Long> bound = LowerBound.of(HousekeepingFunction.EXPIRY, regions, CONFIG, report);

        assertThat(bound).containsExactly(Map.entry("DescribeImageAttribute", 10L),
                Map.entry("DescribeImageReferences", 2L), Map.entry("DescribeImages", 3L),
                Map.entry("DescribeLaunchConfigurations", 1L), Map.entry("DescribeLaunchTemplateVersions", 3L),
                Map.entry("DescribeSnapshots", 1L), Map.entry("EnableImageDeprecation", 1L));
    }

    @Test
    void crossRegionCopy_readsEachSourceOnce_andCountsCopiesAsCalls() {
        List<RegionFacts> regions = List.of(facts("us-east-1", 1500, 0, Set.of()), facts("eu-west-1", 10, 0, Set.of()));
        Report report = report("cross-region-copy", List.of(
                action("us-east-1", ActionType.COPY, ResourceType.IMAGE, "ami-1", Outcome.DONE)), List.of());

        Map<String, Long> bound = LowerBound.of(HousekeepingFunction.CROSS_REGION_COPY, regions, CONFIG, report);

        assertThat(bound).containsExactly(Map.entry("CopyImage", 1L), Map.entry("DescribeImages", 3L));
    }

    private static RegionFacts facts(String region, int images, int snapshots, Set<String> candidates) {
        return new RegionFacts(region, images, snapshots, 0, candidates, false);
    }

    private static ActionResult action(String region, ActionType type, ResourceType resourceType, String id,
                                       Outcome outcome) {
        return new ActionResult(region, resourceType, id, type, "test", outcome, null);
    }

    private static Report report(String function, List<ActionResult> actions, List<Kept> kept) {
        return new Report(function, false, NOW, List.of("us-east-1"), actions, kept, List.of(), 0);
    }
}
