package dev.amihousekeeping.core;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an action or a kept entry is about; {@code account} is a region-wide setting such as block public access. */
public enum ResourceType {
    IMAGE("image"), SNAPSHOT("snapshot"), ACCOUNT("account");

    private final String json;

    ResourceType(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
