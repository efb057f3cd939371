package dev.amihousekeeping.config;

import java.util.List;

/** {@code orphanSnapshots} section of the policy file (DESIGN §4). */
public record OrphanSnapshotsConfig(Boolean enabled, Integer minAgeDays, OrphanScope scope, List<String> exemptTagKeys) {

    public OrphanSnapshotsConfig {
        enabled = enabled == null || enabled;
        minAgeDays = minAgeDays == null ? 7 : minAgeDays;
        scope = scope == null ? OrphanScope.AMI_CREATED : scope;
        exemptTagKeys = exemptTagKeys == null ? List.of("DoNotDelete", "Retain") : List.copyOf(exemptTagKeys);
    }

    public static OrphanSnapshotsConfig defaults() {
        return new OrphanSnapshotsConfig(null, null, null, null);
    }
}
