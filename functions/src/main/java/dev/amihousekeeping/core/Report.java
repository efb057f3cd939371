package dev.amihousekeeping.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The result of one function run: the CLI's {@code --json} output and the Lambda return value (DESIGN §7).
 * {@code estimatedMonthlySavingsUsd} counts the snapshot GiB that the run's (planned or done) actions free.
 * {@code runId} ties the report to its log lines and Recycle Bin tags; {@code accounts} are the accounts the run
 * covered, each once (empty when the run did not learn its own account's id).
 */
@JsonPropertyOrder({"function", "runId", "dryRun", "startedAt", "accounts", "regions", "actions", "kept", "errors",
        "estimatedMonthlySavingsUsd"})
public record Report(
        String function,
        boolean dryRun,
        Instant startedAt,
        List<String> regions,
        List<ActionResult> actions,
        List<Kept> kept,
        List<RegionError> errors,
        double estimatedMonthlySavingsUsd,
        String runId,
        List<String> accounts) {

    /** EBS snapshot storage, standard tier, USD per GiB-month (us-east-1 list price): the basis of every estimate. */
    public static final double SNAPSHOT_USD_PER_GIB_MONTH = 0.05;

    public Report {
        Objects.requireNonNull(function, "function");
        regions = List.copyOf(regions);
        actions = List.copyOf(actions);
        kept = List.copyOf(kept);
        errors = List.copyOf(errors);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** A report without a run id or accounts: one built by hand, or read from an older version. */
    public Report(String function, boolean dryRun, Instant startedAt, List<String> regions, List<ActionResult> actions,
                  List<Kept> kept, List<RegionError> errors, double estimatedMonthlySavingsUsd) {
        this(function, dryRun, startedAt, regions, actions, kept, errors, estimatedMonthlySavingsUsd, null, null);
    }

    /** This report of run {@code runId} over {@code accounts}. */
    public Report withRun(String runId, List<String> accounts) {
        return new Report(function, dryRun, startedAt, regions, actions, kept, errors, estimatedMonthlySavingsUsd,
                runId, accounts);
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

    /**
     * The reports of one function's runs over different targets as one: a run split into one invocation per
     * target (a Step Functions map item each) reports what a single run over all of them would list. Actions,
     * kept entries and errors in the order of {@code reports}; the regions each once in that order; the earliest
     * start; the savings summed (each already in cents); the accounts each once in order; the first part's
     * run id (the map items of one execution share it). {@code maxActionsPerRun} held for each part, not for
     * their sum: a merge cannot hold back what the parts already did.
     */
    public static Report merge(List<Report> reports) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("no reports to merge");
        }
        Report first = reports.get(0);
        List<String> regions = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        List<ActionResult> actions = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        List<RegionError> errors = new ArrayList<>();
        Instant startedAt = first.startedAt();
        double savings = 0;
        for (Report report : reports) {
            if (!report.function().equals(first.function()) || report.dryRun() != first.dryRun()) {
                throw new IllegalArgumentException("cannot merge a report of " + report.function()
                        + (report.dryRun() ? " (dry run)" : "") + " into one of " + first.function()
                        + (first.dryRun() ? " (dry run)" : ""));
            }
            report.regions().stream().filter(region -> !regions.contains(region)).forEach(regions::add);
            report.accounts().stream().filter(account -> !accounts.contains(account)).forEach(accounts::add);
            actions.addAll(report.actions());
            kept.addAll(report.kept());
            errors.addAll(report.errors());
            startedAt = report.startedAt().isBefore(startedAt) ? report.startedAt() : startedAt;
            savings += report.estimatedMonthlySavingsUsd();
        }
        return new Report(first.function(), first.dryRun(), startedAt, regions, actions, kept, errors,
                Math.round(savings * 100) / 100.0, first.runId(), accounts);
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
