package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.core.port.Applied;
import dev.amihousekeeping.core.port.Precondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The re-check's read-ahead windows (invariant 6 at batch cost): how many actions, how old, and what if it fails. */
class ExecutorReadAheadTest {

    private static final Instant STARTED = Instant.parse("2026-11-01T00:00:00Z");

    private final MovingClock clock = new MovingClock(STARTED);
    private final List<String> calls = new ArrayList<>();

    /** Records each read-ahead as {@code prepare first..last} and each re-check as {@code recheck id}. */
    private final Precondition recording = new RecordingRecheck(calls, upcoming -> calls.add("prepare "
            + upcoming.get(0).resourceId() + ".." + upcoming.get(upcoming.size() - 1).resourceId()));

    private static Action delete(int i) {
        return new Action.DeleteSnapshot("us-east-1", "snap-" + i, "orphan", 0, null, null, List.of(), null);
    }

    private static Plan plan(int actions) {
        return new Plan(IntStream.range(0, actions).mapToObj(ExecutorReadAheadTest::delete).toList(), List.of());
    }

    private static RunRequest run(boolean dryRun) {
        return RunRequest.of("run-1", "orphan-snapshots", List.of("us-east-1"), dryRun, 10_000, STARTED);
    }

    private List<String> prepares() {
        return calls.stream().filter(c -> c.startsWith("prepare")).toList();
    }

    @Test
    void readsAheadInWindowsOfAtMostTheWindowSize_eachBeforeItsFirstAction() {
        Report report = new Executor(RunLog.silent(), clock).execute(run(false), plan(250), List.of(), recording,
                action -> Applied.done("ok"));

        assertThat(prepares()).containsExactly("prepare snap-0..snap-99", "prepare snap-100..snap-199",
                "prepare snap-200..snap-249");
        assertThat(calls.indexOf("prepare snap-100..snap-199")).isEqualTo(calls.indexOf("recheck snap-99") + 1);
        assertThat(calls).filteredOn(c -> c.startsWith("recheck")).hasSize(250);
        assertThat(report.actions()).allSatisfy(a -> assertThat(a.outcome()).isEqualTo(Outcome.DONE));
    }

    @Test
    void readsTheRestAgain_whenTheReadAheadIsOlderThanItsMaximumAge() {
        ActionApplier slowThird = action -> {
            if (action.resourceId().equals("snap-2")) {
                clock.advance(Executor.RECHECK_MAX_AGE.plusMillis(1));
            }
            return Applied.done("ok");
        };

        new Executor(RunLog.silent(), clock).execute(run(false), plan(10), List.of(), recording, slowThird);

        assertThat(prepares()).containsExactly("prepare snap-0..snap-9", "prepare snap-3..snap-9");
        assertThat(calls.indexOf("prepare snap-3..snap-9")).isLessThan(calls.indexOf("recheck snap-3"));
    }

    @Test
    void keepsTheReadAhead_whileItIsExactlyAsOldAsItsMaximumAge() {
        ActionApplier slowFirst = action -> {
            if (action.resourceId().equals("snap-0")) {
                clock.advance(Executor.RECHECK_MAX_AGE);
            }
            return Applied.done("ok");
        };

        new Executor(RunLog.silent(), clock).execute(run(false), plan(3), List.of(), recording, slowFirst);

        assertThat(prepares()).containsExactly("prepare snap-0..snap-2");
    }

    @Test
    void stillRechecksEveryAction_whenTheReadAheadFails() {
        Precondition failingReadAhead = new RecordingRecheck(calls, upcoming -> {
            throw new IllegalStateException("503 from DescribeSnapshots");
        });

        Report report = new Executor(RunLog.silent(), clock).execute(run(false), plan(3), List.of(),
                failingReadAhead, action -> Applied.done("ok"));

        assertThat(calls).containsExactly("recheck snap-0", "recheck snap-1", "recheck snap-2");
        assertThat(report.hasFailures()).isFalse();
    }

    @Test
    void neverReadsAhead_whenDryRun() {
        new Executor(RunLog.silent(), clock).execute(run(true), plan(3), List.of(), recording,
                action -> Applied.done("ok"));

        assertThat(calls).isEmpty();
    }

    @Test
    void readsAheadThroughEveryPartOfACombinedPrecondition() {
        List<String> seen = new ArrayList<>();
        Precondition combined = recording.and(
                Precondition.readingAhead(upcoming -> seen.add("second " + upcoming.size())));

        new Executor(RunLog.silent(), clock).execute(run(false), plan(3), List.of(), combined,
                action -> Applied.done("ok"));

        assertThat(prepares()).containsExactly("prepare snap-0..snap-2");
        assertThat(seen).containsExactly("second 3");
    }
}
