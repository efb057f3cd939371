package dev.amihousekeeping.core;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What an action or a kept entry is about; {@code account} is a region-wide setting such as block public access,
 * {@code event} a trigger a function deliberately ignored (the kept entry says why).
 */
public enum ResourceType {
    IMAGE("image"), SNAPSHOT("snapshot"), ACCOUNT("account"), EVENT("event");

    private final String json;

    ResourceType(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
