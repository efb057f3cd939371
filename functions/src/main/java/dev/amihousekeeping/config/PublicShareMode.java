package dev.amihousekeeping.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code remediate} removes offending grants; {@code alert} only reports them. */
public enum PublicShareMode implements JsonNamed {
    @JsonProperty("remediate") REMEDIATE,
    @JsonProperty("alert") ALERT
}
