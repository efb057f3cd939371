package dev.amihousekeeping.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.amihousekeeping.config.JsonNamed;

/** The closed set of changes the functions make (DESIGN §7). */
public enum ActionType implements JsonNamed {
    @JsonProperty("deprecate") DEPRECATE,
    @JsonProperty("deregister") DEREGISTER,
    @JsonProperty("delete-snapshot") DELETE_SNAPSHOT,
    @JsonProperty("remove-grant") REMOVE_GRANT,
    @JsonProperty("enable-block-public-access") ENABLE_BLOCK_PUBLIC_ACCESS,
    @JsonProperty("copy") COPY,
    @JsonProperty("tag") TAG
}
