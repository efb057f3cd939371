package dev.amihousekeeping.core;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An AMI or a snapshot in one region's Recycle Bin, as {@code ListImagesInRecycleBin} /
 * {@code ListSnapshotsInRecycleBin} show it, with its tags (read by {@code DescribeTags}: the listings carry none).
 * {@code description} is a snapshot's (it names the AMI CreateImage or CopyImage made it for) or an image's.
 * {@code exitTime}: when the bin purges it for good.
 */
public record BinnedResource(String region, ResourceType type, String resourceId, String description,
                             Instant enterTime, Instant exitTime, Map<String, String> tags) {

    public BinnedResource {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(resourceId, "resourceId");
        if (type != ResourceType.IMAGE && type != ResourceType.SNAPSHOT) {
            throw new IllegalArgumentException("the Recycle Bin holds images and snapshots, not " + type);
        }
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    public BinnedResource withTags(Map<String, String> newTags) {
        return new BinnedResource(region, type, resourceId, description, enterTime, exitTime, newTags);
    }
}
