package dev.amihousekeeping.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * What one region's Recycle Bin holds (DESIGN §8, seed key {@code recycleBin}): each AMI and snapshot as it was
 * when deleted (its tags include {@code aws:recycle-bin:resource-in-bin}), with when it entered the bin and when
 * its retention ends and it is purged, by the sandbox clock.
 */
public record SeedRecycleBin(List<BinnedImage> images, List<BinnedSnapshot> snapshots) {

    public record BinnedImage(Instant recycleBinEnterTime, Instant recycleBinExitTime, SeedImage image) {
    }

    public record BinnedSnapshot(Instant recycleBinEnterTime, Instant recycleBinExitTime, SeedSnapshot snapshot) {
    }

    public SeedRecycleBin {
        images = images == null ? List.of() : List.copyOf(images);
        snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
    }
}
