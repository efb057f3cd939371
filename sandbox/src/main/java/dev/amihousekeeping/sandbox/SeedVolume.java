package dev.amihousekeeping.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An EBS volume in a seed (DESIGN §8): {@code {"volumeId":"vol-...","snapshotId":"snap-...","state":"in-use"}}.
 * What the housekeeper reads of it is whether it exists, for orphan-snapshots' {@code unreferenced} scope ("the
 * snapshot's source volume is gone"). Absent fields: {@code in-use}, 8 GiB, no source snapshot, no tags.
 */
public record SeedVolume(String volumeId, String snapshotId, String state, Integer size, Instant createTime,
                         Map<String, String> tags) {

    /** EC2's volume states (DescribeVolumes {@code status}). */
    static final List<String> STATES = List.of("creating", "available", "in-use", "deleting", "deleted", "error");

    public SeedVolume {
        state = state == null ? "in-use" : state;
        size = size == null ? 8 : size;
        tags = SeedImage.sortedCopy(tags);
    }

    public static SeedVolume of(String volumeId, String snapshotId, String state) {
        return new SeedVolume(volumeId, snapshotId, state, null, null, null);
    }

    SeedVolume withTags(Map<String, String> newTags) {
        return new SeedVolume(volumeId, snapshotId, state, size, createTime, newTags);
    }
}
