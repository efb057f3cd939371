package dev.amihousekeeping.core;

import dev.amihousekeeping.config.Selector;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An AMI as read from one region. Nullable fields are the ones EC2 may omit: {@code name},
 * {@code deprecationTime}, {@code lastLaunchedTime}, {@code sourceImageId}, {@code sourceRegion}.
 */
public record Image(
        String region,
        String imageId,
        String name,
        String ownerId,
        ImageState state,
        Instant creationDate,
        Map<String, String> tags,
        boolean isPublic,
        Instant deprecationTime,
        Instant lastLaunchedTime,
        boolean deregistrationProtection,
        String sourceImageId,
        String sourceRegion,
        List<BlockDevice> blockDevices) {

    public Image {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(state, "state");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        blockDevices = blockDevices == null ? List.of() : List.copyOf(blockDevices);
    }

    /** True when {@code selector} (a function's tags and name pattern) picks this image. */
    public boolean isSelectedBy(Selector selector) {
        return selector.matches(tags, name);
    }

    public Optional<String> tag(String key) {
        return Optional.ofNullable(tags.get(key));
    }

    /** Snapshot ids of this image's EBS block devices, in mapping order. */
    public List<String> snapshotIds() {
        return blockDevices.stream().map(BlockDevice::snapshotId).filter(Objects::nonNull).toList();
    }

    /** Total GiB of this image's EBS snapshots, the basis of the savings estimate. */
    public long snapshotGiB() {
        return blockDevices.stream()
                .filter(b -> b.snapshotId() != null && b.volumeSize() != null)
                .mapToLong(BlockDevice::volumeSize)
                .sum();
    }
}
