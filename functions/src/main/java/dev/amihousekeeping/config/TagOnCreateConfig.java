package dev.amihousekeeping.config;

/** {@code tagOnCreate} section of the policy file (DESIGN §4). */
public record TagOnCreateConfig(Boolean enabled, String creatorTagKey, Integer defaultRetentionDays) {

    public TagOnCreateConfig {
        enabled = enabled == null || enabled;
        creatorTagKey = creatorTagKey == null ? "CreatedBy" : creatorTagKey;
    }

    public static TagOnCreateConfig defaults() {
        return new TagOnCreateConfig(null, null, null);
    }
}
