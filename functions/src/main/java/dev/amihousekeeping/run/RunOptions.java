package dev.amihousekeeping.run;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What one function run is and the gates it runs under: {@code dryRun} (invariant 1) and
 * {@code maxActionsPerRun} (invariant 5). {@code startedAt} is when the run began, before the inventory was
 * read, and becomes the report's {@code startedAt}. {@code runId} ties the run's log lines together (the Lambda
 * request id, or a random id for the CLI).
 */
public record RunOptions(String runId, String function, List<String> regions, boolean dryRun, int maxActionsPerRun,
                         Instant startedAt) {

    public RunOptions {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(startedAt, "startedAt");
        regions = List.copyOf(regions);
        if (maxActionsPerRun < 0) {
            throw new IllegalArgumentException("maxActionsPerRun must be >= 0, got " + maxActionsPerRun);
        }
    }

    /** A run with a fresh random run id. */
    public static RunOptions of(String function, List<String> regions, boolean dryRun, int maxActionsPerRun,
                                Instant startedAt) {
        return new RunOptions(UUID.randomUUID().toString(), function, regions, dryRun, maxActionsPerRun, startedAt);
    }
}
