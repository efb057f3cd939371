package dev.amihousekeeping.core;

import java.util.Map;
import java.util.Objects;

/** An SSM parameter as read just now: its full name, its value and its tags. */
public record SsmParameter(String region, String name, String value, Map<String, String> tags) {

    public SsmParameter {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
