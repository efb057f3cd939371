package dev.amihousekeeping.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amihousekeeping.config.Config;

/**
 * PLACEHOLDER until {@code dev.amihousekeeping.config.ConfigLoader} lands on main: it only checks JSON syntax and maps
 * the document onto the {@link Config} records (which apply the defaults); it does NOT validate values. Delete this
 * class when merging main and switch the one call site in {@link PolicyDocument}.
 */
final class PlaceholderConfigLoader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private PlaceholderConfigLoader() {
    }

    /** Stand-in for {@code ConfigLoader.parse(String)}. */
    static Config parse(String json) {
        try {
            JSON.readTree(json);
            return JSON.readValue(json, Config.class);
        } catch (JsonProcessingException e) {
            throw new PlaceholderConfigException("cannot read the policy: " + e.getOriginalMessage());
        }
    }

    /** Stand-in for {@code ConfigLoader.toMinifiedJson(Config)}. */
    static String toMinifiedJson(Config config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stand-in for {@code dev.amihousekeeping.config.ConfigException}. */
    static final class PlaceholderConfigException extends RuntimeException {
        PlaceholderConfigException(String message) {
            super(message);
        }
    }
}
