package dev.amihousekeeping.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An EBS snapshot as read from one region. {@code fullSnapshotSizeInBytes} is null when EC2 does not report it;
 * {@code volumeId} may be the placeholder {@code vol-ffffffff} EC2 uses for copied snapshots.
 */
public record Snapshot(
        String region,
        String snapshotId,
        String volumeId,
        int volumeSize,
        Instant startTime,
        String description,
        String ownerId,
        String state,
        Map<String, String> tags,
        Long fullSnapshotSizeInBytes) {

    public Snapshot {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(snapshotId, "snapshotId");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        description = description == null ? "" : description;
    }

    public Optional<String> tag(String key) {
        return Optional.ofNullable(tags.get(key));
    }
}
