package dev.amihousekeeping.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** {@code remediate} removes offending grants; {@code alert} only reports them. */
public enum PublicShareMode implements JsonNamed {
    REMEDIATE("remediate"), ALERT("alert");

    private final String json;

    PublicShareMode(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
