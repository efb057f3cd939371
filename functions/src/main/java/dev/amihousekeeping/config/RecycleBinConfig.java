package dev.amihousekeeping.config;

import java.util.Map;

/**
 * {@code recycleBin} section of the policy file (DESIGN §4): what the functions deregister or delete is first tagged
 * {@code tagKey = true} and {@value #RUN_ID_TAG_KEY} = the run id, so that the stack's tag-level Recycle Bin rules keep
 * it {@code retentionDays} and {@code ami-housekeeping restore --run} can find it.
 */
public record RecycleBinConfig(Boolean enabled, Integer retentionDays, String tagKey) {

    /** The second recycle tag: which run sent the resource to the bin. */
    public static final String RUN_ID_TAG_KEY = "HousekeepingRunId";
    /** Recycle Bin's retention period range, in days (rbin CreateRule RetentionPeriod). */
    public static final int MIN_RETENTION_DAYS = 1;
    public static final int MAX_RETENTION_DAYS = 365;

    public RecycleBinConfig {
        enabled = enabled == null || enabled;
        retentionDays = retentionDays == null ? 7 : retentionDays;
        tagKey = tagKey == null ? "HousekeepingRecycle" : tagKey;
    }

    public static RecycleBinConfig defaults() {
        return new RecycleBinConfig(null, null, null);
    }

    /** The tags a resource of run {@code runId} carries before it is deregistered or deleted. */
    public Map<String, String> tags(String runId) {
        return Map.of(tagKey, "true", RUN_ID_TAG_KEY, runId);
    }
}
