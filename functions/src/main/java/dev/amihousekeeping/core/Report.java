package dev.amihousekeeping.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of one function run: the CLI's {@code --json} output and the Lambda return value (DESIGN §7).
 * {@code estimatedMonthlySavingsUsd} counts the snapshot GiB that the run's (planned or done) actions free.
 */
@JsonPropertyOrder({"function", "dryRun", "startedAt", "regions", "actions", "kept", "errors",
        "estimatedMonthlySavingsUsd"})
public record Report(
        String function,
        boolean dryRun,
        Instant startedAt,
        List<String> regions,
        List<ActionResult> actions,
        List<Kept> kept,
        List<RegionError> errors,
        double estimatedMonthlySavingsUsd) {

    /** EBS snapshot storage, standard tier, USD per GiB-month (us-east-1 list price): the basis of every estimate. */
    public static final double SNAPSHOT_USD_PER_GIB_MONTH = 0.05;

    public Report {
        Objects.requireNonNull(function, "function");
        regions = List.copyOf(regions);
        actions = List.copyOf(actions);
        kept = List.copyOf(kept);
        errors = List.copyOf(errors);
    }

    /** A run that did nothing, e.g. an event it deliberately ignored. */
    public static Report empty(String function, boolean dryRun, Instant startedAt, List<String> regions) {
        return new Report(function, dryRun, startedAt, regions, List.of(), List.of(), List.of(), 0);
    }

    /** A run that could not start: bad config, malformed event. It changed nothing and says why. */
    public static Report failed(String function, boolean dryRun, Instant startedAt, List<String> regions,
                                RegionError error) {
        return new Report(function, dryRun, startedAt, regions, List.of(), List.of(), List.of(error), 0);
    }

    /** True when something went wrong that a person should look at: CLI exit 3, Lambda metric {@code ActionsFailed}. */
    @JsonIgnore
    public boolean hasFailures() {
        return !errors.isEmpty() || actions.stream().anyMatch(a -> a.outcome() == Outcome.FAILED);
    }

    @JsonIgnore
    public long count(Outcome outcome) {
        return actions.stream().filter(a -> a.outcome() == outcome).count();
    }
}
