package dev.amihousekeeping.core;

import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static dev.amihousekeeping.testing.Fixtures.REGION;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds images for expiry tests. It starts as the plainest case that expires: owned, available, created
 * 2026-01-01, tagged {@code DeleteOn=2026-06-01}, one 8 GiB snapshot; each test bends one thing.
 */
final class ExpiryTestImage {

    private ExpiryTestImage() {
    }

    /** The plainest image that expires; its one snapshot is {@code snap-} and the image id's suffix. */
    static TestImage expired(String imageId) {
        return new TestImage(REGION, imageId, "web-" + imageId, ACCOUNT, Instant.parse("2026-01-01T00:00:00Z"),
                Map.of("DeleteOn", "2026-06-01"))
                .snapshots(new BlockDevice("/dev/xvda", "snap-" + imageId.substring(4), 8));
    }

    /** The n-th image of a lineage (n from 1 to 9): {@code ami-000n}, named {@code name}, created on 2026-0n-01. */
    static TestImage nth(int n, String name) {
        return expired("ami-000" + n).name(name).created(String.format("2026-%02d-01T00:00:00Z", n));
    }

    /** The region's inventory; its snapshots (read with Owners=self) are the images' own, so the account's. */
    static Inventory inventory(Image... images) {
        return new Inventory(REGION, ACCOUNT, NOW, List.of(images), ownedSnapshots(List.of(images)));
    }

    /** A snapshot this account owns for each snapshot the images map, as read with Owners=self. */
    static List<Snapshot> ownedSnapshots(List<Image> images) {
        Map<String, Snapshot> snapshots = new LinkedHashMap<>();
        for (Image image : images) {
            for (BlockDevice device : image.blockDevices()) {
                if (device.snapshotId() != null) {
                    snapshots.putIfAbsent(device.snapshotId(), new Snapshot(REGION, device.snapshotId(),
                            "vol-0123456789abcdef0", device.volumeSize() == null ? 8 : device.volumeSize(), NOW, "",
                            ACCOUNT, "completed", Map.of(), null));
                }
            }
        }
        return List.copyOf(snapshots.values());
    }

    /** Evidence that finds nothing: every image checked and unused, no grants, deprecation available. */
    static ExpiryEvidence cleanEvidence(Inventory inventory) {
        Map<String, List<LaunchPermission>> grants = new HashMap<>();
        inventory.images().forEach(image -> grants.put(image.imageId(), List.of()));
        return new ExpiryEvidence(InUseIndex.checkingAll().build(), grants, true);
    }
}
