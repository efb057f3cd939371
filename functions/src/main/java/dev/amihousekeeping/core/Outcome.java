package dev.amihousekeeping.core;

import com.fasterxml.jackson.annotation.JsonValue;

/** What happened to a planned action. {@code planned}: dry-run or not applied; {@code skipped}: a gate or re-check held it. */
public enum Outcome {
    PLANNED("planned"), DONE("done"), FAILED("failed"), SKIPPED("skipped");

    private final String json;

    Outcome(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
