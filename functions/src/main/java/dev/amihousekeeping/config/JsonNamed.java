package dev.amihousekeeping.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An enum whose constants are named in JSON (policy file, report, log) by their {@link JsonProperty}: the annotation
 * is the one place that says the name, Jackson reads and writes it, and {@link #json()} returns it for messages,
 * notices and tables. Implemented by enums only.
 */
public interface JsonNamed {

    /** This constant's name in JSON, such as {@code ami-created} or {@code delete-snapshot}. */
    default String json() {
        Enum<?> constant = (Enum<?>) this;
        return JsonNames.OF.get(constant.getDeclaringClass())[constant.ordinal()];
    }
}
