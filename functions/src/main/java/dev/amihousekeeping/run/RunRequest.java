package dev.amihousekeeping.run;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.ResourceType;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One run of one function, however it was triggered, and the gates the {@link Executor} runs it under: the
 * validated policy, the targets to cover, whether to change anything ({@code dryRun}, invariant 1), the cap
 * ({@code maxActionsPerRun}, invariant 5) and the clock. The Lambda handlers set {@code dryRun} from the policy; the
 * CLI sets it from the absence of {@code --apply}. {@code now} is when the run began, before any inventory was
 * read, and becomes the report's {@code startedAt}. {@code runId} ties log lines together (the Lambda request id
 * or a random id). {@code function} is null until the request reaches its function ({@link #forFunction}): a
 * request is made before the dispatcher knows where an event goes. {@code skipped} are the organization's accounts
 * the targets leave out because they are not ACTIVE: the report lists them as kept ({@link #notCovered}).
 */
public record RunRequest(String runId, String function, Config config, List<Target> targets, boolean dryRun,
                         Instant now, int maxActionsPerRun, List<SkippedAccount> skipped) {

    public RunRequest {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(now, "now");
        // A region named twice (--regions us-east-1,us-east-1) would plan every action twice and count it twice
        // against maxActionsPerRun: each target once, in the order first named.
        targets = List.copyOf(new LinkedHashSet<>(targets));
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one region");
        }
        if (maxActionsPerRun < 0) {
            throw new IllegalArgumentException("maxActionsPerRun must be >= 0, got " + maxActionsPerRun);
        }
        runId = runId == null ? UUID.randomUUID().toString() : runId;
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    /** A run that skips no account. */
    public RunRequest(String runId, String function, Config config, List<Target> targets, boolean dryRun,
                      Instant now, int maxActionsPerRun) {
        this(runId, function, config, targets, dryRun, now, maxActionsPerRun, null);
    }

    /** A run over {@code regions} of the credentials' own account, capped by the policy. */
    public RunRequest(Config config, List<String> regions, boolean dryRun, Instant now, String runId) {
        this(runId, null, config, regions.stream().map(Target::own).toList(), dryRun, now,
                config.maxActionsPerRun());
    }

    /** The gates alone, for an executor given a plan directly (no policy: the defaults), with a fresh run id. */
    public static RunRequest of(String function, List<String> regions, boolean dryRun, int maxActionsPerRun,
                                Instant startedAt) {
        return of(null, function, regions, dryRun, maxActionsPerRun, startedAt);
    }

    /** As above, with {@code runId}. */
    public static RunRequest of(String runId, String function, List<String> regions, boolean dryRun,
                                int maxActionsPerRun, Instant startedAt) {
        return new RunRequest(runId, Objects.requireNonNull(function, "function"), Config.defaults(),
                regions.stream().map(Target::own).toList(), dryRun, startedAt, maxActionsPerRun);
    }

    /** The regions of the targets, each once, in order: the report's {@code regions}. */
    public List<String> regions() {
        return targets.stream().map(Target::region).distinct().toList();
    }

    /**
     * The tags this run writes on what it deregisters or deletes before it does (DESIGN §5 "Recycle Bin", invariant
     * 13): {@code recycleBin.tagKey = true} and {@code HousekeepingRunId} = {@link #runId}; empty when the policy's
     * {@code recycleBin.enabled} is false.
     */
    public Map<String, String> recycleTags() {
        return config.recycleBin().enabled() ? config.recycleBin().tags(runId) : Map.of();
    }

    /** When the run began: the report's {@code startedAt}. */
    public Instant startedAt() {
        return now;
    }

    /** This request as the run of {@code function}: what the executor and the log name. */
    public RunRequest forFunction(String function) {
        return new RunRequest(runId, Objects.requireNonNull(function, "function"), config, targets, dryRun, now,
                maxActionsPerRun, skipped);
    }

    /** This request over {@code targets}, leaving out {@code skipped}: the run over the policy's accounts. */
    public RunRequest over(List<Target> targets, List<SkippedAccount> skipped) {
        return new RunRequest(runId, function, config, targets, dryRun, now, maxActionsPerRun, skipped);
    }

    /** A kept entry per skipped account and region of the run: the report's record of what it left out. */
    public List<Kept> notCovered() {
        return skipped.stream().flatMap(account -> regions().stream().map(region -> new Kept(region,
                ResourceType.ACCOUNT, account.account(), SkippedAccount.NOT_ACTIVE + ": " + account.reason(),
                account.account()))).toList();
    }

    /** This request narrowed to {@code region} of the same account: an event acts where its resource lives. */
    public RunRequest inRegion(String region) {
        return new RunRequest(runId, function, config, List.of(targets.get(0).inRegion(region)),
                dryRun, now, maxActionsPerRun);
    }
}
