package dev.amihousekeeping.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Reads several regions at the same time. Each region is its own EC2 endpoint with its own request-rate budget,
 * so a run over three regions waits for the slowest region's listing rather than for the sum of them (issue 9).
 * The results come back in the order of the regions, so plans and reports read the same as a sequential run's.
 * A read should turn its region's failures into its result; an exception it lets out is rethrown here.
 */
final class PerRegion {

    private static final int MAX_THREADS = 4;

    private PerRegion() {
    }

    static <T> List<T> read(List<String> regions, Function<String, T> read) {
        if (regions.size() <= 1) {
            return regions.stream().map(read).toList();
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(regions.size(), MAX_THREADS), runnable -> {
            Thread thread = new Thread(runnable, "region-read-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(regions.size());
            for (String region : regions) {
                futures.add(pool.submit(() -> read.apply(region)));
            }
            List<T> results = new ArrayList<>(regions.size());
            for (Future<T> future : futures) {
                results.add(await(future));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading regions", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
