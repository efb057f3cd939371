package dev.amihousekeeping.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.amihousekeeping.config.JsonNamed;

/**
 * What an action or a kept entry is about; {@code account} is a region-wide setting such as block public access,
 * {@code event} a trigger a function deliberately ignored (the kept entry says why), {@code parameter} an SSM
 * parameter (latest-AMI parameters), named by its full name.
 */
public enum ResourceType implements JsonNamed {
    @JsonProperty("image") IMAGE,
    @JsonProperty("snapshot") SNAPSHOT,
    @JsonProperty("account") ACCOUNT,
    @JsonProperty("event") EVENT,
    @JsonProperty("parameter") PARAMETER
}
