package dev.amihousekeeping.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportMergeTest {

    private static final Instant EARLY = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant LATE = Instant.parse("2026-11-01T00:00:07Z");

    private static ActionResult deleted(String region, String snapshotId) {
        return new ActionResult(region, ResourceType.SNAPSHOT, snapshotId, ActionType.DELETE_SNAPSHOT, "orphan",
                Outcome.DONE, null);
    }

    private static Report part(String region, Instant startedAt, double savings, String snapshotId) {
        return new Report("orphan-snapshots", false, startedAt, List.of(region), List.of(deleted(region, snapshotId)),
                List.of(new Kept(region, ResourceType.SNAPSHOT, "snap-kept-" + region, "too-young")),
                List.of(new RegionError(region, "UnauthorizedOperation", "DescribeVolumes")), savings);
    }

    @Test
    void listsEveryPartsActionsKeptAndErrors_inTheOrderOfTheParts() {
        Report merged = Report.merge(List.of(part("us-east-1", LATE, 0.1, "snap-1"),
                part("eu-west-1", EARLY, 0.2, "snap-2")));

        assertThat(merged.function()).isEqualTo("orphan-snapshots");
        assertThat(merged.regions()).containsExactly("us-east-1", "eu-west-1");
        assertThat(merged.actions()).extracting(ActionResult::resourceId).containsExactly("snap-1", "snap-2");
        assertThat(merged.kept()).extracting(Kept::resourceId)
                .containsExactly("snap-kept-us-east-1", "snap-kept-eu-west-1");
        assertThat(merged.errors()).extracting(RegionError::region).containsExactly("us-east-1", "eu-west-1");
        assertThat(merged.startedAt()).isEqualTo(EARLY);
        // 0.1 + 0.2 is 0.30000000000000004 in doubles: the report says cents.
        assertThat(merged.estimatedMonthlySavingsUsd()).isEqualTo(0.3);
    }

    @Test
    void keepsTheRunIdAndEachAccountOnce_andTheAccountOfEveryEntry() {
        Report east = part("us-east-1", EARLY, 0, "snap-1").withRun("run-1", List.of("111122223333"));
        Report a = new Report("orphan-snapshots", false, EARLY, List.of("eu-west-1"),
                List.of(deleted("eu-west-1", "snap-2").inAccount("222233334444")),
                List.of(new Kept("eu-west-1", ResourceType.SNAPSHOT, "snap-3", "too-young", "222233334444")),
                List.of(new RegionError("eu-west-1", "AccessDenied", "no role", "333344445555")), 0, "run-1",
                List.of("222233334444", "333344445555", "111122223333"));

        Report merged = Report.merge(List.of(east, a));

        assertThat(merged.runId()).isEqualTo("run-1");
        assertThat(merged.accounts()).containsExactly("111122223333", "222233334444", "333344445555");
        assertThat(merged.actions()).extracting(ActionResult::account).containsExactly(null, "222233334444");
        assertThat(merged.kept()).extracting(Kept::account).containsExactly(null, "222233334444");
        assertThat(merged.errors()).extracting(RegionError::account).containsExactly(null, "333344445555");
    }

    @Test
    void namesARegionOnce_whenTwoPartsCoverIt() {
        Report merged = Report.merge(List.of(part("us-east-1", EARLY, 0, "snap-1"),
                part("us-east-1", EARLY, 0, "snap-2")));

        assertThat(merged.regions()).containsExactly("us-east-1");
        assertThat(merged.actions()).hasSize(2);
    }

    @Test
    void refusesReportsOfDifferentFunctionsOrModes() {
        Report orphans = part("us-east-1", EARLY, 0, "snap-1");
        Report expiry = new Report("expiry", false, EARLY, List.of("us-east-1"), List.of(), List.of(), List.of(), 0);
        Report dryRun = new Report("orphan-snapshots", true, EARLY, List.of("us-east-1"), List.of(), List.of(),
                List.of(), 0);

        assertThatThrownBy(() -> Report.merge(List.of(orphans, expiry))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Report.merge(List.of(orphans, dryRun))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Report.merge(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
