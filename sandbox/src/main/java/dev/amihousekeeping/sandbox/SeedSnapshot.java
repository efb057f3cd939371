package dev.amihousekeeping.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An EBS snapshot in a seed (DESIGN §8). Absent fields: {@code completed}, unencrypted, the seed's account as
 * owner, no tags, no create-volume permissions.
 */
public record SeedSnapshot(
        String snapshotId,
        String volumeId,
        Integer volumeSize,
        Instant startTime,
        String description,
        String ownerId,
        Map<String, String> tags,
        List<SeedVolumePermission> createVolumePermissions,
        String state,
        Boolean encrypted,
        String kmsKeyId,
        Long fullSnapshotSizeInBytes,
        String storageTier) {

    public SeedSnapshot {
        volumeSize = volumeSize == null ? 8 : volumeSize;
        description = description == null ? "" : description;
        tags = SeedImage.sortedCopy(tags);
        createVolumePermissions = createVolumePermissions == null ? List.of() : List.copyOf(createVolumePermissions);
        state = state == null ? "completed" : state;
        encrypted = encrypted != null && encrypted;
        storageTier = storageTier == null ? "standard" : storageTier;
    }

    /** A minimal completed, private snapshot owned by the seed's account. */
    public static SeedSnapshot of(String snapshotId, String volumeId, int volumeSize, Instant startTime,
                                  String description) {
        return new SeedSnapshot(snapshotId, volumeId, volumeSize, startTime, description, null, null, null, null,
                null, null, null, null);
    }

    boolean isPublic() {
        return createVolumePermissions.stream().anyMatch(SeedVolumePermission::isPublicGroup);
    }

    SeedSnapshot withTags(Map<String, String> newTags) {
        return new SeedSnapshot(snapshotId, volumeId, volumeSize, startTime, description, ownerId, newTags,
                createVolumePermissions, state, encrypted, kmsKeyId, fullSnapshotSizeInBytes, storageTier);
    }

    SeedSnapshot withPermissions(List<SeedVolumePermission> permissions) {
        return new SeedSnapshot(snapshotId, volumeId, volumeSize, startTime, description, ownerId, tags,
                permissions, state, encrypted, kmsKeyId, fullSnapshotSizeInBytes, storageTier);
    }

    SeedSnapshot withState(String newState) {
        return new SeedSnapshot(snapshotId, volumeId, volumeSize, startTime, description, ownerId, tags,
                createVolumePermissions, newState, encrypted, kmsKeyId, fullSnapshotSizeInBytes, storageTier);
    }

    SeedSnapshot withOwner(String newOwnerId) {
        return new SeedSnapshot(snapshotId, volumeId, volumeSize, startTime, description, newOwnerId, tags,
                createVolumePermissions, state, encrypted, kmsKeyId, fullSnapshotSizeInBytes, storageTier);
    }
}
