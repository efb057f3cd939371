package dev.amihousekeeping.core;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one region holds, read at {@code readAt}: the account's images (every state, disabled and deprecated
 * included) and snapshots. Lookup maps are derived once here so that policies stay linear at 10,000s of items.
 */
public record Inventory(String region, String accountId, Instant readAt, List<Image> images, List<Snapshot> snapshots) {

    public Inventory {
        Objects.requireNonNull(region, "region");
        images = List.copyOf(images);
        snapshots = List.copyOf(snapshots);
    }

    public Optional<Image> image(String imageId) {
        return images.stream().filter(i -> i.imageId().equals(imageId)).findFirst();
    }

    /** snapshot id -> ids of every image in this inventory that references it, whatever the image's state. */
    public Map<String, Set<String>> imagesBySnapshot() {
        Map<String, Set<String>> index = new HashMap<>();
        for (Image image : images) {
            for (String snapshotId : image.snapshotIds()) {
                index.computeIfAbsent(snapshotId, k -> new java.util.TreeSet<>()).add(image.imageId());
            }
        }
        return Collections.unmodifiableMap(index);
    }

    /** snapshot id -> the snapshot, for every snapshot of this inventory. */
    public Map<String, Snapshot> snapshotsById() {
        return snapshots.stream().collect(Collectors.toUnmodifiableMap(Snapshot::snapshotId, s -> s, (a, b) -> a));
    }

    public Set<String> imageIds() {
        return images.stream().map(Image::imageId).collect(Collectors.toUnmodifiableSet());
    }
}
