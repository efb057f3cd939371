package dev.amihousekeeping.core;

import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static dev.amihousekeeping.testing.Fixtures.REGION;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Real-shaped snapshots, images and inventories for the orphan-snapshot tests. */
final class OrphanFixtures {

    static final String OTHER_ACCOUNT = "444455556666";
    static final Instant OLD = NOW.minus(Duration.ofDays(30));

    private OrphanFixtures() {
    }

    static String ami(int n) {
        return String.format("ami-%017x", n);
    }

    static String snap(int n) {
        return String.format("snap-%017x", n);
    }

    static String vol(int n) {
        return String.format("vol-%017x", n);
    }

    static String createImageDescription(String amiId) {
        return "Created by CreateImage(i-0123456789abcdef0) for " + amiId + " from vol-0123456789abcdef0";
    }

    static String copyImageDescription(String destinationAmi) {
        return "Copied for DestinationAmi " + destinationAmi + " from SourceAmi ami-0fedcba9876543210 for SourceSnapshot "
                + "snap-0fedcba9876543210. Task created on 1,566,308,778,174.";
    }

    /** An owned, completed, 30-day-old snapshot with the given description. */
    static SnapshotSpec snapshot(String snapshotId, String description) {
        return new SnapshotSpec(snapshotId, vol(9), 8, OLD, description, ACCOUNT, "completed", Map.of(), 8_589_934_592L);
    }

    static Image image(String imageId, ImageState state, String... snapshotIds) {
        List<BlockDevice> devices = new java.util.ArrayList<>();
        for (int i = 0; i < snapshotIds.length; i++) {
            devices.add(new BlockDevice("/dev/xvd" + (char) ('a' + i), snapshotIds[i], 8));
        }
        return new Image(REGION, imageId, "web-" + imageId, ACCOUNT, state, OLD, Map.of(), false, null, null, false,
                null, null, devices);
    }

    static Inventory inventory(List<Image> images, List<Snapshot> snapshots) {
        return new Inventory(REGION, ACCOUNT, NOW, images, snapshots);
    }

    /** A snapshot under construction; each {@code with...} returns a changed copy. */
    record SnapshotSpec(String snapshotId, String volumeId, int volumeSize, Instant startTime, String description,
                        String ownerId, String state, Map<String, String> tags, Long fullSnapshotSizeInBytes) {

        SnapshotSpec withVolume(String id) {
            return new SnapshotSpec(snapshotId, id, volumeSize, startTime, description, ownerId, state, tags,
                    fullSnapshotSizeInBytes);
        }

        SnapshotSpec withStartTime(Instant t) {
            return new SnapshotSpec(snapshotId, volumeId, volumeSize, t, description, ownerId, state, tags,
                    fullSnapshotSizeInBytes);
        }

        SnapshotSpec withOwner(String owner) {
            return new SnapshotSpec(snapshotId, volumeId, volumeSize, startTime, description, owner, state, tags,
                    fullSnapshotSizeInBytes);
        }

        SnapshotSpec withState(String s) {
            return new SnapshotSpec(snapshotId, volumeId, volumeSize, startTime, description, ownerId, s, tags,
                    fullSnapshotSizeInBytes);
        }

        SnapshotSpec withTags(Map<String, String> t) {
            return new SnapshotSpec(snapshotId, volumeId, volumeSize, startTime, description, ownerId, state, t,
                    fullSnapshotSizeInBytes);
        }

        SnapshotSpec withSizes(int gib, Long bytes) {
            return new SnapshotSpec(snapshotId, volumeId, gib, startTime, description, ownerId, state, tags, bytes);
        }

        Snapshot build() {
            return new Snapshot(REGION, snapshotId, volumeId, volumeSize, startTime, description, ownerId, state, tags,
                    fullSnapshotSizeInBytes);
        }
    }
}
