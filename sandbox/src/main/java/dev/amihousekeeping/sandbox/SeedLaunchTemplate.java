package dev.amihousekeeping.sandbox;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** A launch template with its versions; {@code defaultVersion} defaults to 1, as in EC2. */
public record SeedLaunchTemplate(String launchTemplateId, String name, List<SeedLaunchTemplateVersion> versions,
                                 Integer defaultVersion, Instant createTime, Map<String, String> tags) {

    public SeedLaunchTemplate {
        versions = versions == null ? List.of() : versions.stream()
                .sorted(Comparator.comparingInt(SeedLaunchTemplateVersion::versionNumber)).toList();
        defaultVersion = defaultVersion == null ? 1 : defaultVersion;
        tags = SeedImage.sortedCopy(tags);
    }

    public static SeedLaunchTemplate of(String launchTemplateId, String name, int defaultVersion,
                                        List<SeedLaunchTemplateVersion> versions) {
        return new SeedLaunchTemplate(launchTemplateId, name, versions, defaultVersion, null, null);
    }

    int latestVersion() {
        return versions.isEmpty() ? 1 : versions.get(versions.size() - 1).versionNumber();
    }

    SeedLaunchTemplate withTags(Map<String, String> newTags) {
        return new SeedLaunchTemplate(launchTemplateId, name, versions, defaultVersion, createTime, newTags);
    }
}
