package dev.amihousekeeping.run;

import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.port.CodedFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Works on several targets at the same time. Each region is its own EC2 endpoint with its own request-rate budget,
 * so a run over three regions waits for the slowest region's listing rather than for the sum of them (issue 9).
 * At most {@value #MAX_PARALLEL} targets at once; the results come back in the order of the targets, so plans and
 * reports read the same as a sequential run's. Targets are independent (DESIGN §5): an exception one target's work
 * lets out becomes that target's result through the caller's {@code failed}, and the others go on.
 */
public final class PerTarget {

    /** The pool's size: targets worked on at the same time (the CLI's bench reports it). */
    public static final int MAX_PARALLEL = 4;

    private PerTarget() {
    }

    static <T> List<T> map(List<Target> targets, Function<Target, T> work, BiFunction<Target, Exception, T> failed) {
        if (targets.size() <= 1) {
            return targets.stream().map(target -> attempt(target, work, failed)).toList();
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(targets.size(), MAX_PARALLEL), runnable -> {
            Thread thread = new Thread(runnable, "target-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(targets.size());
            for (Target target : targets) {
                futures.add(pool.submit(() -> work.apply(target)));
            }
            List<T> results = new ArrayList<>(targets.size());
            for (int i = 0; i < targets.size(); i++) {
                results.add(await(futures.get(i), targets.get(i), failed));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The target's error for an exception its work let out: the service's code when it has one. */
    static RegionError error(Target target, Exception e) {
        if (e instanceof InterruptedException) {
            return new RegionError(target.region(), "Interrupted", "the run was interrupted");
        }
        if (e instanceof CodedFailure coded) {
            return new RegionError(target.region(), coded.errorCode(), e.getMessage());
        }
        return new RegionError(target.region(), e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
    }

    /**
     * As {@link #error}, with only the service's own message after its code: for reads whose operation and region
     * the report entry already makes plain.
     */
    static RegionError serviceError(Target target, Exception e) {
        return e instanceof CodedFailure coded
                ? new RegionError(target.region(), coded.errorCode(), coded.errorMessage())
                : error(target, e);
    }

    private static <T> T attempt(Target target, Function<Target, T> work, BiFunction<Target, Exception, T> failed) {
        try {
            return work.apply(target);
        } catch (RuntimeException e) {
            return failed.apply(target, e);
        }
    }

    private static <T> T await(Future<T> future, Target target, BiFunction<Target, Exception, T> failed) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed.apply(target, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                return failed.apply(target, cause);
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
