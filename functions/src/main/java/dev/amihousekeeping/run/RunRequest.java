package dev.amihousekeeping.run;

import dev.amihousekeeping.config.Config;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One run of one function, however it was triggered: the validated policy, the regions to cover, whether to
 * change anything, and the clock. The Lambda handlers set {@code dryRun} from the policy; the CLI sets it from the
 * absence of {@code --apply}. {@code runId} ties log lines together (the Lambda request id or a random id).
 */
public record RunRequest(Config config, List<String> regions, boolean dryRun, Instant now, String runId) {

    public RunRequest {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(now, "now");
        // A region named twice (--regions us-east-1,us-east-1) would plan every action twice and count it twice
        // against maxActionsPerRun: each region once, in the order first named.
        regions = List.copyOf(new LinkedHashSet<>(regions));
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one region");
        }
        runId = runId == null ? UUID.randomUUID().toString() : runId;
    }

    /** The options the {@link Executor} gates a run with. */
    public RunOptions options(String function) {
        return new RunOptions(runId, function, regions, dryRun, config.maxActionsPerRun(), now);
    }
}
