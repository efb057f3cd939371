package dev.amihousekeeping.infra;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigException;
import dev.amihousekeeping.config.ConfigLoader;

/**
 * The housekeeping policy as the functions will read it from {@code HOUSEKEEPING_CONFIG}: validated at synth by the
 * functions' own loader, so a policy that would stop a function at cold start stops {@code cdk synth} with the same
 * message instead.
 *
 * @param config       the effective policy, defaults applied
 * @param minifiedJson what every function gets in {@code HOUSEKEEPING_CONFIG}
 * @param source       where it came from, for messages ({@code housekeeping} context or the file name)
 */
public record PolicyDocument(Config config, String minifiedJson, String source) {

    /** The one place that calls the policy validator. */
    static PolicyDocument parse(String json, String source) {
        try {
            Config config = ConfigLoader.parse(json);
            return new PolicyDocument(config, ConfigLoader.toMinifiedJson(config), source);
        } catch (ConfigException e) {
            throw new InvalidSettingsException("invalid housekeeping policy (" + source + "): " + e.getMessage(), e);
        }
    }
}
