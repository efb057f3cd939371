package dev.amihousekeeping.run;

import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.port.Applied;
import dev.amihousekeeping.core.port.Precondition;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetRunTest {

    private static final String EAST = "us-east-1";
    private static final String WEST = "us-west-2";

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Housekeeping housekeeping = new Housekeeping(null,
            new Executor(RunLog.silent(), Clock.fixed(NOW, ZoneOffset.UTC)), null, Clock.fixed(NOW, ZoneOffset.UTC));

    /** Plans two snapshot deletions a target; a target in {@code failing} throws while it is read. */
    private TargetWork<Target> twoDeletions(String... failing) {
        return TargetWork.of((target, gateway) -> {
            if (List.of(failing).contains(target.region())) {
                throw new IllegalStateException("cannot list " + target.region());
            }
            return target;
        },
                // The same ids in every target: only the target that planned an action may re-check and apply it.
                target -> new TargetWork.TargetPlan(new Plan(List.of(deletion(target, "snap-1"),
                        deletion(target, "snap-2")), List.of())),
                (target, gateway) -> new TargetWork.Gates(recheck(target), action -> {
                    calls.add(target.region() + " apply " + action.region() + "/" + action.resourceId());
                    return Applied.done("ok");
                }));
    }

    private Precondition recheck(Target target) {
        return new Precondition() {
            @Override
            public Optional<String> skipReason(Action action) {
                calls.add(target.region() + " recheck " + action.region() + "/" + action.resourceId());
                return Optional.empty();
            }

            @Override
            public void prepare(List<Action> upcoming) {
                calls.add(target.region() + " prepare " + upcoming.size());
            }
        };
    }

    private static Action deletion(Target target, String snapshotId) {
        return new Action.DeleteSnapshot(target.region(), snapshotId, "orphan", 1, null, null, List.of(), null);
    }

    private static RunRequest request(List<Target> targets, boolean dryRun, int cap) {
        return new RunRequest("run-1", null, Config.defaults(), targets, dryRun, NOW, cap);
    }

    @Test
    void appliesEachAction_throughTheGatesOfTheTargetThatPlannedIt() {
        Report report = TargetRun.run(housekeeping, request(List.of(Target.own(EAST), Target.own(WEST)), false, 10),
                "orphan-snapshots", twoDeletions()).report();

        assertThat(report.actions()).extracting(ActionResult::region, ActionResult::resourceId, ActionResult::outcome)
                .containsExactly(tuple(EAST, "snap-1", Outcome.DONE), tuple(EAST, "snap-2", Outcome.DONE),
                        tuple(WEST, "snap-1", Outcome.DONE), tuple(WEST, "snap-2", Outcome.DONE));
        assertThat(calls).containsExactly("us-east-1 prepare 2", "us-west-2 prepare 2",
                "us-east-1 recheck us-east-1/snap-1", "us-east-1 apply us-east-1/snap-1",
                "us-east-1 recheck us-east-1/snap-2", "us-east-1 apply us-east-1/snap-2",
                "us-west-2 recheck us-west-2/snap-1", "us-west-2 apply us-west-2/snap-1",
                "us-west-2 recheck us-west-2/snap-2", "us-west-2 apply us-west-2/snap-2");
        assertThat(report.function()).isEqualTo("orphan-snapshots");
        assertThat(report.regions()).containsExactly(EAST, WEST);
    }

    @Test
    void reportsATargetThatCannotBeRead_andAppliesTheOthers() {
        Report report = TargetRun.run(housekeeping, request(List.of(Target.own(EAST), Target.own(WEST)), false, 10),
                "orphan-snapshots", twoDeletions(EAST)).report();

        assertThat(report.errors()).extracting(RegionError::region, RegionError::code)
                .containsExactly(tuple(EAST, "IllegalStateException"));
        assertThat(report.actions()).extracting(ActionResult::region, ActionResult::outcome)
                .containsExactly(tuple(WEST, Outcome.DONE), tuple(WEST, Outcome.DONE));
    }

    @Test
    void invariant5_appliesNothing_whenAllTargetsTogetherPlanMoreThanMaxActionsPerRun() {
        // Two actions a target is under the cap of 3; four for the run is over it.
        Report report = TargetRun.run(housekeeping, request(List.of(Target.own(EAST), Target.own(WEST)), false, 3),
                "orphan-snapshots", twoDeletions()).report();

        assertThat(report.actions()).extracting(ActionResult::outcome).containsOnly(Outcome.SKIPPED).hasSize(4);
        assertThat(report.errors()).extracting(RegionError::code).containsExactly(Executor.MAX_ACTIONS_EXCEEDED);
        assertThat(calls).isEmpty();
    }

    @Test
    void invariant1_changesNothingInAnyTarget_whenDryRun() {
        Report report = TargetRun.run(housekeeping, request(List.of(Target.own(EAST), Target.own(WEST)), true, 10),
                "orphan-snapshots", twoDeletions()).report();

        assertThat(report.actions()).extracting(ActionResult::outcome).containsOnly(Outcome.PLANNED).hasSize(4);
        assertThat(calls).isEmpty();
    }

    @Test
    void mergesOneTargetRunsPerInvocation_intoTheReportOfOneRunOverAllTargets() {
        List<Target> targets = List.of(Target.own(EAST), Target.own(WEST));
        Report whole = TargetRun.run(housekeeping, request(targets, false, 10), "orphan-snapshots",
                twoDeletions(WEST)).report();
        List<Report> parts = targets.stream().map(target -> TargetRun.run(housekeeping,
                request(List.of(target), false, 10), "orphan-snapshots", twoDeletions(WEST)).report()).toList();

        assertThat(Report.merge(parts)).isEqualTo(whole);
    }
}
