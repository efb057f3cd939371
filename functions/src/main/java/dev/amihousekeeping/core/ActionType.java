package dev.amihousekeeping.core;

import com.fasterxml.jackson.annotation.JsonValue;

/** The closed set of changes the functions make (DESIGN §7). */
public enum ActionType {
    DEPRECATE("deprecate"),
    DEREGISTER("deregister"),
    DELETE_SNAPSHOT("delete-snapshot"),
    REMOVE_GRANT("remove-grant"),
    ENABLE_BLOCK_PUBLIC_ACCESS("enable-block-public-access"),
    COPY("copy"),
    TAG("tag");

    private final String json;

    ActionType(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
