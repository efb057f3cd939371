package dev.amihousekeeping.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.amihousekeeping.config.JsonNamed;

/**
 * What happened to a planned action. {@code planned}: dry-run or not applied; {@code skipped}: a gate or re-check held
 * it; {@code deferred}: not started because the run's deadline was too near (invariant 15), left for the next run,
 * which plans it again. Deferred is not a failure.
 */
public enum Outcome implements JsonNamed {
    @JsonProperty("planned") PLANNED,
    @JsonProperty("done") DONE,
    @JsonProperty("failed") FAILED,
    @JsonProperty("skipped") SKIPPED,
    @JsonProperty("deferred") DEFERRED
}
