package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.core.port.Applied;
import dev.amihousekeeping.core.port.Precondition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The apply phase of a run that is neither a dry run nor over the cap: up to {@code inFlight} actions at once per
 * target (EC2's request limits are per account and region), the targets in turn ({@link ActionOrder#inTurns}), each
 * action started only after the actions it depends on are over ({@link ActionOrder}), re-checked just before it
 * starts (invariant 6) and not started at all when the run's deadline is too near (invariant 15).
 * <p>One thread, the caller's, walks the actions in that order and does everything but the applying: it waits for
 * an action's prerequisites and for a free slot of its target, checks the deadline, reads ahead for the re-check in
 * windows ({@link Precondition#prepare}, as {@link Executor} describes) and re-checks the action; then a pool thread
 * applies it. So a precondition is only ever called from one thread, in that order, as in a one-at-a-time run, and
 * the re-check is as fresh as the slot it was granted. Results are logged in that order and reported in the plan's,
 * whatever order they finish in.
 * <p>Deadline margins, fixed per kind of action: the time an action may take in a throttled account, with the SDK's
 * retries. {@value #DEREGISTER_MARGIN_SECONDS} s for a deregistration (up to a describe, the deregister and a delete
 * per snapshot, each retried), {@value #MARGIN_SECONDS} s for every other action (one to three calls). An action
 * starts only when its margin, and the largest margin among the actions that wait for it, fit before the deadline:
 * a deregistration does not start when the delete of a snapshot it shares with others could not start after it.
 * What does not start is {@code deferred}; so is an action whose prerequisite was deferred. A done action whose
 * dependent was deferred says so in its detail (a shared snapshot that remains).
 */
final class PacedApply {

    /**
     * Actions in flight at once per target. EC2 refills a mutating action's request bucket at 5 a second (after a
     * burst of 200), per account and region; one call takes 100-300 ms, so one at a time is paced by latency (3-10 a
     * second), and 8 in flight reach the bucket's burst and refill rate with room for slow calls. More in flight
     * would only wait in throttling retries.
     */
    static final int IN_FLIGHT = 8;
    static final long MARGIN_SECONDS = 10;
    static final long DEREGISTER_MARGIN_SECONDS = 20;

    /** The actions in the order they start ({@link ActionOrder#inTurns}); {@code walk} maps them to the plan's. */
    private final List<Action> actions;
    private final List<Integer> walk;
    private final int inFlight;
    private final Function<Action, String> targetOf;
    private final Map<String, Semaphore> slots = new HashMap<>();
    private final Precondition precondition;
    private final ActionApplier applier;
    private final Clock clock;
    private final Instant deadline;
    private final BiConsumer<Action, ActionResult> record;
    private final ActionOrder order;
    private final ActionResult[] results;
    private final List<CompletableFuture<ActionResult>> running;
    private int readAheadEnd;
    private Instant readAheadAt;
    private int logged;

    /**
     * Applies {@code plan}, up to {@code inFlight} actions at once per target ({@code targetOf}: the account and
     * region whose request limits an action counts against), the targets in turn; with {@code inFlight} 1, one
     * action at a time in the plan's order.
     */
    PacedApply(List<Action> plan, int inFlight, Function<Action, String> targetOf, Precondition precondition,
               ActionApplier applier, Clock clock, Instant deadline, BiConsumer<Action, ActionResult> record) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("inFlight must be >= 1, got " + inFlight);
        }
        this.walk = inFlight == 1 ? IntStream.range(0, plan.size()).boxed().toList()
                : ActionOrder.of(plan).inTurns(plan, targetOf);
        this.actions = walk.stream().map(plan::get).toList();
        this.inFlight = inFlight;
        this.targetOf = inFlight == 1 ? action -> "" : targetOf;
        this.precondition = precondition;
        this.applier = applier;
        this.clock = clock;
        this.deadline = deadline;
        this.record = record;
        this.order = ActionOrder.of(actions);
        this.results = new ActionResult[actions.size()];
        this.running = new ArrayList<>(Collections.nCopies(actions.size(), null));
    }

    /** The fixed margin of an action of {@code type} (see the class comment). */
    static Duration margin(ActionType type) {
        return Duration.ofSeconds(type == ActionType.DEREGISTER ? DEREGISTER_MARGIN_SECONDS : MARGIN_SECONDS);
    }

    /**
     * Applies every action, {@code inFlight} at most at once per target (1: each one over before the next starts);
     * the results in the plan's order.
     */
    List<ActionResult> apply() {
        long targets = actions.stream().map(targetOf).distinct().count();
        ExecutorService pool = inFlight > 1
                ? pool(inFlight * (int) Math.max(1, Math.min(targets, PerTarget.MAX_PARALLEL)), "apply-") : null;
        readAheadAt = clock.instant();
        try {
            for (int i = 0; i < actions.size(); i++) {
                Action action = actions.get(i);
                Optional<ActionResult> held = heldBack(i);
                if (held.isPresent()) {
                    results[i] = held.get();
                } else {
                    Semaphore slots = this.slots.computeIfAbsent(targetOf.apply(action), k -> new Semaphore(inFlight));
                    slots.acquireUninterruptibly();
                    ActionResult decided = decideBeforeStart(i);
                    if (decided != null) {
                        results[i] = decided;
                        slots.release();
                    } else if (pool == null) {
                        results[i] = applyReleasing(action, slots);
                    } else {
                        running.set(i, CompletableFuture.supplyAsync(() -> applyReleasing(action, slots), pool));
                    }
                }
                logFinished(i + 1, false);
            }
            logFinished(actions.size(), true);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        tellWhatWasDeferredAfter();
        ActionResult[] inPlanOrder = new ActionResult[results.length];
        for (int i = 0; i < results.length; i++) {
            inPlanOrder[walk.get(i)] = results[i];
        }
        return Arrays.asList(inPlanOrder);
    }

    /** Deferred when an action it waits for was deferred; waits for the others to be over. */
    private Optional<ActionResult> heldBack(int index) {
        for (int prerequisite : order.prerequisites(index)) {
            ActionResult before = await(prerequisite);
            if (before.outcome() == Outcome.DEFERRED) {
                return Optional.of(Executor.result(actions.get(index), Outcome.DEFERRED, "waits for "
                        + before.action().json() + " " + before.resourceId() + ", which was deferred"));
            }
        }
        return Optional.empty();
    }

    /** The outcome that keeps the action from starting (deferred, skipped, failed re-check); null to go ahead. */
    private ActionResult decideBeforeStart(int index) {
        Action action = actions.get(index);
        if (deadline != null) {
            Duration reserve = reserve(index);
            if (clock.instant().plus(reserve).isAfter(deadline)) {
                return Executor.result(action, Outcome.DEFERRED, "deadline " + deadline + ": less than "
                        + reserve.toSeconds() + "s left to start it; the next run plans it again");
            }
        }
        readAheadIfDue(index);
        try {
            Optional<String> skip = precondition.skipReason(action);
            return skip.map(reason -> Executor.result(action, Outcome.SKIPPED, reason)).orElse(null);
        } catch (Exception e) {
            return Executor.result(action, Outcome.FAILED, Executor.describe(e));
        }
    }

    /** The action's margin, and the largest margin of the actions that wait for it. */
    private Duration reserve(int index) {
        Duration after = Duration.ZERO;
        for (int dependent : order.dependents(index)) {
            Duration margin = margin(actions.get(dependent).type());
            after = margin.compareTo(after) > 0 ? margin : after;
        }
        return margin(actions.get(index).type()).plus(after);
    }

    private void readAheadIfDue(int index) {
        boolean stale = Duration.between(readAheadAt, clock.instant()).compareTo(Executor.RECHECK_MAX_AGE) > 0;
        if (index >= readAheadEnd || stale) {
            readAheadEnd = Math.min(actions.size(), index + Executor.RECHECK_WINDOW);
            readAheadAt = clock.instant();
            try {
                precondition.prepare(actions.subList(index, readAheadEnd));
            } catch (Exception e) {
                // Deliberately dropped: each action of the window then reads on its own, and fails if that fails.
            }
        }
    }

    private ActionResult applyReleasing(Action action, Semaphore slots) {
        try {
            Applied applied = applier.apply(action);
            return Executor.result(action, applied.outcome(), applied.detail());
        } catch (Exception e) {
            return Executor.result(action, Outcome.FAILED, Executor.describe(e));
        } finally {
            slots.release();
        }
    }

    /**
     * Records, in plan order, the results of the first {@code started} actions that are over; with {@code wait},
     * waits for each of them.
     */
    private void logFinished(int started, boolean wait) {
        while (logged < started) {
            CompletableFuture<ActionResult> future = running.get(logged);
            if (results[logged] == null && !wait && !future.isDone()) {
                return;
            }
            record.accept(actions.get(logged), await(logged));
            logged++;
        }
    }

    private ActionResult await(int index) {
        if (results[index] == null) {
            try {
                results[index] = running.get(index).join();
            } catch (CompletionException e) {
                // The applier's exceptions are outcomes (applyReleasing); what is left is an Error, as it would be
                // thrown in a one-at-a-time run.
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
        return results[index];
    }

    /** A done deregistration whose shared snapshot's delete was deferred says that the snapshot remains. */
    private void tellWhatWasDeferredAfter() {
        for (int i = 0; i < results.length; i++) {
            if (results[i].outcome() != Outcome.DEFERRED) {
                continue;
            }
            if (!(actions.get(i) instanceof Action.DeleteSnapshot)) {
                continue;
            }
            for (int prerequisite : order.prerequisites(i)) {
                ActionResult done = results[prerequisite];
                if (done.outcome() == Outcome.DONE && actions.get(prerequisite) instanceof Action.Deregister) {
                    String remains = "snapshot " + results[i].resourceId() + " remains: its delete-snapshot was"
                            + " deferred";
                    results[prerequisite] = ActionResult.of(actions.get(prerequisite), done.outcome(),
                            done.detail() == null ? remains : done.detail() + "; " + remains);
                }
            }
        }
    }

    /**
     * The result of a read run in a pool: an interrupt or an exception that is not an EC2 answer (a bug, an SDK
     * misconfiguration) is thrown, as the read would throw it run one at a time. {@code what}: "reading ... in ...".
     */
    static <T> T result(Future<T> future, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException unexpected) {
                throw unexpected;
            }
            throw new IllegalStateException(what + " failed", e.getCause());
        }
    }

    /** {@code threads} daemon threads named {@code prefix} and a number; the caller shuts the pool down. */
    static ExecutorService pool(int threads, String prefix) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
