package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.TestActions;
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.core.port.Applied;
import dev.amihousekeeping.core.port.CodedFailure;
import dev.amihousekeeping.core.port.Precondition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutorTest {

    private static final Instant STARTED = Instant.parse("2026-11-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(STARTED, ZoneOffset.UTC);

    /** Records every call in order, so tests can see what was (not) changed and when the re-check ran. */
    private final List<String> calls = new ArrayList<>();
    private final ActionApplier applier = action -> {
        calls.add("apply " + action.resourceId());
        return Applied.done("ok");
    };
    private final Precondition recheck = action -> {
        calls.add("recheck " + action.resourceId());
        return Optional.empty();
    };
    private final Executor executor = new Executor(RunLog.silent(), CLOCK);

    private static Action deleteSnapshot(String id, int gib) {
        return new Action.DeleteSnapshot("us-east-1", id, "orphan: ami-1 deregistered", gib, null, null, List.of(),
                null);
    }

    private static Action deregister(String id, int gib) {
        return new Action.Deregister("us-east-1", id, "expiry-tag DeleteOn=2026-01-01", true, List.of(), List.of(),
                gib, List.of());
    }

    private static RunRequest run(boolean dryRun, int cap) {
        return RunRequest.of("run-1", "expiry", List.of("us-east-1"), dryRun, cap, STARTED);
    }

    private static Plan plan(Action... actions) {
        return new Plan(List.of(actions), List.of());
    }

    private Report execute(RunRequest run, Plan plan) {
        return executor.execute(run, plan, List.of(), recheck, applier);
    }

    private static List<Outcome> outcomes(Report report) {
        return report.actions().stream().map(ActionResult::outcome).toList();
    }

    @Test
    void plansEverything_andChangesNothing_whenDryRun() {
        Report report = execute(run(true, 100), plan(deregister("ami-1", 8), deleteSnapshot("snap-1", 20)));

        assertThat(calls).isEmpty();
        assertThat(outcomes(report)).containsExactly(Outcome.PLANNED, Outcome.PLANNED);
        assertThat(report.dryRun()).isTrue();
        assertThat(report.hasFailures()).isFalse();
    }

    @Test
    void appliesNothing_whenPlanIsOverMaxActionsPerRun() {
        Report report = execute(run(false, 2),
                plan(deregister("ami-1", 8), deregister("ami-2", 8), deleteSnapshot("snap-1", 20)));

        assertThat(calls).isEmpty();
        assertThat(outcomes(report)).containsOnly(Outcome.SKIPPED).hasSize(3);
        assertThat(report.actions()).extracting(ActionResult::detail)
                .containsOnly("over maxActionsPerRun (3 > 2)");
        assertThat(report.errors()).extracting(RegionError::code).containsExactly("MaxActionsExceeded");
        assertThat(report.hasFailures()).isTrue();
        assertThat(report.estimatedMonthlySavingsUsd()).isZero();
    }

    @Test
    void dryRunShowsTheCapToo_whenPlanIsOverMaxActionsPerRun() {
        Report report = execute(run(true, 1), plan(deregister("ami-1", 8), deregister("ami-2", 8)));

        assertThat(outcomes(report)).containsOnly(Outcome.SKIPPED);
        assertThat(report.errors()).extracting(RegionError::code).containsExactly("MaxActionsExceeded");
    }

    @Test
    void applies_whenPlanIsExactlyAtTheCap() {
        Report report = execute(run(false, 2), plan(deregister("ami-1", 8), deregister("ami-2", 8)));

        assertThat(outcomes(report)).containsExactly(Outcome.DONE, Outcome.DONE);
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void rechecksEachActionJustBeforeApplyingIt() {
        execute(run(false, 100), plan(deregister("ami-1", 8), deregister("ami-2", 8)));

        assertThat(calls).containsExactly("recheck ami-1", "apply ami-1", "recheck ami-2", "apply ami-2");
    }

    @Test
    void skips_whenRecheckFindsTheActionNoLongerApplies() {
        Precondition nowExempt = action -> action.resourceId().equals("ami-1")
                ? Optional.of("exempt-tag Retain") : Optional.empty();

        Report report = executor.execute(run(false, 100), plan(deregister("ami-1", 8), deregister("ami-2", 8)),
                List.of(), nowExempt, applier);

        assertThat(calls).containsExactly("apply ami-2");
        assertThat(report.actions().get(0).outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(report.actions().get(0).detail()).isEqualTo("exempt-tag Retain");
        assertThat(report.actions().get(1).outcome()).isEqualTo(Outcome.DONE);
    }

    @Test
    void oneFailingAction_doesNotStopTheOthers() {
        ActionApplier failsFirst = action -> {
            calls.add("apply " + action.resourceId());
            if (action.resourceId().equals("ami-1")) {
                throw new DeniedByEc2();
            }
            return Applied.done("ok");
        };

        Report report = executor.execute(run(false, 100),
                plan(deregister("ami-1", 8), deregister("ami-2", 8), deleteSnapshot("snap-1", 20)),
                List.of(), recheck, failsFirst);

        assertThat(calls).contains("apply ami-1", "apply ami-2", "apply snap-1");
        assertThat(outcomes(report)).containsExactly(Outcome.FAILED, Outcome.DONE, Outcome.DONE);
        assertThat(report.actions().get(0).detail()).isEqualTo("UnauthorizedOperation: not allowed");
        assertThat(report.hasFailures()).isTrue();
    }

    @Test
    void failsTheAction_whenTheRecheckCannotReadTheResource() {
        Precondition unreadable = action -> {
            throw new IllegalStateException("connection reset");
        };

        Report report = executor.execute(run(false, 100), plan(deregister("ami-1", 8)), List.of(), unreadable,
                applier);

        assertThat(calls).isEmpty();
        assertThat(report.actions().get(0).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.actions().get(0).detail()).isEqualTo("IllegalStateException: connection reset");
    }

    @Test
    void keepsTheApplierOutcome_whenEc2SaysTheResourceIsAlreadyGone() {
        ActionApplier alreadyGone = action -> Applied.skipped("snapshot already deleted (InvalidSnapshot.NotFound)");

        Report report = executor.execute(run(false, 100), plan(deleteSnapshot("snap-1", 20)), List.of(), recheck,
                alreadyGone);

        assertThat(report.actions().get(0).outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(report.estimatedMonthlySavingsUsd()).isZero();
        assertThat(report.hasFailures()).isFalse();
    }

    @Test
    void estimatesSavings_fromPlannedActions_whenDryRun() {
        Report report = execute(run(true, 100), plan(deregister("ami-1", 8), deleteSnapshot("snap-1", 20)));

        assertThat(report.estimatedMonthlySavingsUsd()).isCloseTo(28 * Report.SNAPSHOT_USD_PER_GIB_MONTH, within(0.005));
    }

    @Test
    void estimatesSavings_fromDoneActionsOnly_whenApplied() {
        ActionApplier failsSnapshot = action -> {
            if (action.type() == ActionType.DELETE_SNAPSHOT) {
                throw new DeniedByEc2();
            }
            return Applied.done("ok");
        };

        Report report = executor.execute(run(false, 100), plan(deregister("ami-1", 8), deleteSnapshot("snap-1", 20)),
                List.of(), recheck, failsSnapshot);

        assertThat(report.estimatedMonthlySavingsUsd()).isCloseTo(8 * Report.SNAPSHOT_USD_PER_GIB_MONTH, within(0.005));
    }

    @Test
    void ignoresSizeParameters_thatAreMissingOrNotNumbers() {
        Action noSize = TestActions.of("us-east-1", ResourceType.SNAPSHOT, "snap-2", ActionType.DELETE_SNAPSHOT, "r");
        // Typed now: a size that is not a number cannot be planned; an unknown size is 0.
        Action badSize = new Action.DeleteSnapshot("us-east-1", "snap-3", "r", 0, null, null, List.of(), null);

        Report report = execute(run(true, 100), plan(deleteSnapshot("snap-1", 10), noSize, badSize));

        assertThat(report.estimatedMonthlySavingsUsd()).isCloseTo(10 * Report.SNAPSHOT_USD_PER_GIB_MONTH, within(0.005));
    }

    @Test
    void carriesReadErrorsKeptAndRunFields_intoTheReport() {
        RegionError unreadable = new RegionError("eu-west-1", "UnauthorizedOperation", "no DescribeImages");
        Kept kept = new Kept("us-east-1", ResourceType.IMAGE, "ami-2", "in-use: i-0abc (running)");
        Plan plan = new Plan(List.of(deregister("ami-1", 8)), List.of(kept));
        RunRequest run = RunRequest.of("run-1", "expiry", List.of("us-east-1", "eu-west-1"), false, 100, STARTED);

        Report report = executor.execute(run, plan, List.of(unreadable), recheck, applier);

        assertThat(report.function()).isEqualTo("expiry");
        assertThat(report.startedAt()).isEqualTo(STARTED);
        assertThat(report.regions()).containsExactly("us-east-1", "eu-west-1");
        assertThat(report.kept()).containsExactly(kept);
        assertThat(report.errors()).containsExactly(unreadable);
        assertThat(outcomes(report)).containsExactly(Outcome.DONE);
    }

    /** Stands in for an EC2 refusal: a failure that carries the service's error code. */
    private static final class DeniedByEc2 extends RuntimeException implements CodedFailure {
        @Override
        public ServiceError serviceError() {
            return new ServiceError("UnauthorizedOperation", "not allowed");
        }
    }
}
