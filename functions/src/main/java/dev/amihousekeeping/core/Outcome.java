package dev.amihousekeeping.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.amihousekeeping.config.JsonNamed;

/** What happened to a planned action. {@code planned}: dry-run or not applied; {@code skipped}: a gate or re-check held it. */
public enum Outcome implements JsonNamed {
    @JsonProperty("planned") PLANNED,
    @JsonProperty("done") DONE,
    @JsonProperty("failed") FAILED,
    @JsonProperty("skipped") SKIPPED
}
