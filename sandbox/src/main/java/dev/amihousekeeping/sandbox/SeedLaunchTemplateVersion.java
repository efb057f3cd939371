package dev.amihousekeeping.sandbox;

import java.time.Instant;

/** One version of a launch template; only the image id of its launch data is modelled. */
public record SeedLaunchTemplateVersion(Integer versionNumber, String imageId, Instant createTime) {

    public SeedLaunchTemplateVersion {
        if (versionNumber == null || versionNumber < 1) {
            throw new IllegalArgumentException("a launch template version needs a versionNumber >= 1");
        }
    }

    public static SeedLaunchTemplateVersion of(int versionNumber, String imageId) {
        return new SeedLaunchTemplateVersion(versionNumber, imageId, null);
    }
}
