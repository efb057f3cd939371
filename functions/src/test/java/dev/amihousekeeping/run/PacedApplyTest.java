package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.core.port.Applied;
import dev.amihousekeeping.core.port.Precondition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The paced executor: several actions at once, dependents after their prerequisites, deadlines (invariant 15). */
class PacedApplyTest {

    private static final Instant STARTED = Instant.parse("2026-11-01T00:00:00Z");

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Precondition recheck = action -> {
        calls.add("recheck " + action.resourceId());
        return Optional.empty();
    };

    private final MovingClock clock = new MovingClock(STARTED);
    private final List<String> applied = Collections.synchronizedList(new ArrayList<>());
    private final ActionApplier applier = action -> {
        applied.add(action.resourceId());
        return Applied.done("ok");
    };

    private static Action delete(String id, String... sharedBy) {
        return new Action.DeleteSnapshot("us-east-1", id, "orphan", 0, null, null, List.of(sharedBy), null);
    }

    private static Action deregister(String id) {
        return new Action.Deregister("us-east-1", id, "expired", true, List.of("snap-own-" + id), List.of(), 0,
                List.of());
    }

    private Report execute(Instant deadline, ActionApplier applier, Action... actions) {
        return execute(deadline, recheck, applier, actions);
    }

    private Report execute(Instant deadline, Precondition recheck, ActionApplier applier, Action... actions) {
        RunRequest run = RunRequest.of("run-1", "expiry", List.of("us-east-1"), false, 10_000, STARTED)
                .withDeadline(deadline);
        return Executor.paced(RunLog.silent(), clock).execute(run, new Plan(List.of(actions), List.of()), List.of(),
                recheck, applier);
    }

    @Test
    void appliesSeveralActionsAtOnce_andReportsThemInPlanOrder() {
        // Holds the first actions until four are in flight at once: a one-at-a-time run would time out here.
        HeldTogether slow = new HeldTogether(4);
        Action[] actions = IntStream.range(0, 20).mapToObj(i -> delete("snap-" + i)).toArray(Action[]::new);

        Report report = execute(null, slow, actions);

        assertThat(slow.mostInFlight.get()).isGreaterThanOrEqualTo(4).isLessThanOrEqualTo(PacedApply.IN_FLIGHT);
        assertThat(report.actions()).extracting(ActionResult::resourceId)
                .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "snap-" + i).toList());
        assertThat(report.actions()).allSatisfy(a -> assertThat(a.outcome()).isEqualTo(Outcome.DONE));
        assertThat(calls).filteredOn(c -> c.startsWith("recheck")).hasSize(20);
    }

    @Test
    void deletesASharedSnapshot_onlyAfterEveryDeregistrationThatUsesIt_isOver() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        ActionApplier applier = action -> {
            events.add("start " + action.resourceId());
            if (action.resourceId().equals("ami-1")) {
                Thread.sleep(200);
            }
            events.add("end " + action.resourceId());
            return Applied.done("ok");
        };

        Report report = execute(null, applier, deregister("ami-1"), deregister("ami-2"),
                delete("snap-shared", "ami-1", "ami-2"), deregister("ami-3"));

        assertThat(events.indexOf("start snap-shared")).isGreaterThan(events.indexOf("end ami-1"))
                .isGreaterThan(events.indexOf("end ami-2"));
        assertThat(report.actions()).extracting(ActionResult::resourceId)
                .containsExactly("ami-1", "ami-2", "snap-shared", "ami-3");
    }

    @Test
    void oneFailingAction_doesNotStopTheOthers_whileTheyRunAtOnce_invariant10() {
        ActionApplier applier = action -> {
            if (action.resourceId().equals("snap-3")) {
                throw new IllegalStateException("boom");
            }
            return Applied.done("ok");
        };
        Action[] actions = IntStream.range(0, 12).mapToObj(i -> delete("snap-" + i)).toArray(Action[]::new);

        Report report = execute(null, applier, actions);

        assertThat(report.count(Outcome.FAILED)).isEqualTo(1);
        assertThat(report.count(Outcome.DONE)).isEqualTo(11);
        assertThat(report.actions().get(3).detail()).isEqualTo("IllegalStateException: boom");
    }

    @Test
    void deadlineAlreadyPast_defersEveryAction_andNothingIsReadOrChanged_invariant15() {

        Report report = execute(STARTED.minusSeconds(1), applier, deregister("ami-1"), delete("snap-1"));

        assertThat(report.actions()).allSatisfy(a -> assertThat(a.outcome()).isEqualTo(Outcome.DEFERRED));
        assertThat(report.actions().get(0).detail()).contains("deadline " + STARTED.minusSeconds(1));
        assertThat(applied).isEmpty();
        assertThat(calls).isEmpty();
        assertThat(report.hasFailures()).isFalse();
    }

    @Test
    void neverStartsAnActionPastTheDeadlineMargin_andDefersTheRest_invariant15() {
        List<Instant> startedAt = Collections.synchronizedList(new ArrayList<>());
        // Each action's re-check, just before it starts, takes 7 s: the time runs out part-way.
        Precondition slowRecheck = action -> {
            startedAt.add(clock.instant());
            clock.advance(Duration.ofSeconds(7));
            return Optional.empty();
        };
        Instant deadline = STARTED.plusSeconds(120);
        Action[] actions = IntStream.range(0, 30).mapToObj(i -> delete("snap-" + i)).toArray(Action[]::new);

        Report report = execute(deadline, slowRecheck, applier, actions);

        assertThat(report.count(Outcome.DONE)).isPositive();
        assertThat(report.count(Outcome.DEFERRED)).isPositive();
        assertThat(report.count(Outcome.DONE) + report.count(Outcome.DEFERRED)).isEqualTo(30);
        assertThat(startedAt).allSatisfy(at -> assertThat(at.plusSeconds(PacedApply.MARGIN_SECONDS))
                .isBeforeOrEqualTo(deadline));
        List<Outcome> outcomes = report.actions().stream().map(ActionResult::outcome).toList();
        assertThat(outcomes.subList(outcomes.indexOf(Outcome.DEFERRED), outcomes.size()))
                .as("once the margin is reached, everything after is deferred").containsOnly(Outcome.DEFERRED);
        assertThat(report.hasFailures()).isFalse();
    }

    @Test
    void startsNoDeregistration_whoseSharedSnapshotDeleteCouldNotStartAfterIt_invariant15() {
        // Room for a deregistration (20 s), not for it and the shared snapshot's delete after it (20 + 10 s).
        Instant deadline = STARTED.plusSeconds(PacedApply.DEREGISTER_MARGIN_SECONDS + 5);

        Report report = execute(deadline, applier, deregister("ami-1"), deregister("ami-2"),
                delete("snap-shared", "ami-1", "ami-2"), deregister("ami-3"));

        assertThat(applied).containsExactly("ami-3");
        assertThat(report.actions()).extracting(ActionResult::outcome).containsExactly(Outcome.DEFERRED,
                Outcome.DEFERRED, Outcome.DEFERRED, Outcome.DONE);
        assertThat(report.actions().get(2).detail()).isEqualTo("waits for deregister ami-1, which was deferred");
    }

    @Test
    void aDoneDeregistration_namesItsSharedSnapshotThatRemains_whenThatDeleteWasDeferred() {
        ActionApplier applier = action -> {
            clock.advance(Duration.ofSeconds(30));
            return Applied.done("deregistered");
        };
        Instant deadline = STARTED.plusSeconds(PacedApply.DEREGISTER_MARGIN_SECONDS + PacedApply.MARGIN_SECONDS);

        Report report = execute(deadline, applier, deregister("ami-1"), delete("snap-shared", "ami-1"));

        assertThat(report.actions()).extracting(ActionResult::outcome).containsExactly(Outcome.DONE,
                Outcome.DEFERRED);
        assertThat(report.actions().get(0).detail())
                .isEqualTo("deregistered; snapshot snap-shared remains: its delete-snapshot was deferred");
    }

    @Test
    void eachTargetHasItsOwnSlots_andTheTargetsGoInTurn() {
        // EC2's request limits are per account and region: two regions' deletes go at once, up to IN_FLIGHT each.
        // The first ones are held until more are in flight than one set of slots for the run would allow.
        int moreThanOneTarget = PacedApply.IN_FLIGHT + 4;
        HeldTogether slow = new HeldTogether(moreThanOneTarget);
        List<Action> actions = new ArrayList<>();
        IntStream.range(0, 16).forEach(i -> actions.add(delete("snap-east-" + i)));
        IntStream.range(0, 16).forEach(i -> actions.add(new Action.DeleteSnapshot("eu-west-1", "snap-west-" + i,
                "orphan", 0, null, null, List.of(), null)));

        Report report = execute(null, slow, actions.toArray(Action[]::new));

        assertThat(report.actions()).extracting(ActionResult::outcome).containsOnly(Outcome.DONE);
        assertThat(slow.mostInFlight.get()).isGreaterThanOrEqualTo(moreThanOneTarget)
                .isLessThanOrEqualTo(2 * PacedApply.IN_FLIGHT);
        // Reported in the plan's order, whatever order they started in.
        assertThat(report.actions()).extracting(ActionResult::resourceId)
                .containsExactlyElementsOf(actions.stream().map(Action::resourceId).toList());
    }

    /** An applier that holds each action until {@code together} are in flight at once (or 5 s: then it fails). */
    private static final class HeldTogether implements ActionApplier {
        private final CountDownLatch together;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger mostInFlight = new AtomicInteger();

        HeldTogether(int together) {
            this.together = new CountDownLatch(together);
        }

        @Override
        public Applied apply(Action action) throws InterruptedException {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            together.countDown();
            boolean reached = together.await(5, TimeUnit.SECONDS);
            inFlight.decrementAndGet();
            return reached ? Applied.done("ok") : Applied.failed("never " + together.getCount() + " more at once");
        }
    }
}
