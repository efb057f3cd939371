package dev.amihousekeeping.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds images for expiry tests. It starts as the plainest case that expires: owned, available, created
 * 2026-01-01, tagged {@code DeleteOn=2026-06-01}, one 8 GiB snapshot; each test bends one thing.
 */
final class ExpiryTestImage {

    static final String ACCOUNT = "111122223333";
    static final String REGION = "us-east-1";
    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    private final String imageId;
    private String name;
    private String ownerId = ACCOUNT;
    private ImageState state = ImageState.AVAILABLE;
    private Instant created = Instant.parse("2026-01-01T00:00:00Z");
    private final Map<String, String> tags = new HashMap<>(Map.of("DeleteOn", "2026-06-01"));
    private boolean isPublic;
    private Instant deprecationTime;
    private Instant lastLaunched;
    private boolean protection;
    private final List<BlockDevice> devices = new ArrayList<>();

    private ExpiryTestImage(String imageId) {
        this.imageId = imageId;
        this.name = "web-" + imageId;
        devices.add(new BlockDevice("/dev/xvda", "snap-" + imageId.substring(4), 8));
    }

    static ExpiryTestImage expired(String imageId) {
        return new ExpiryTestImage(imageId);
    }

    ExpiryTestImage name(String value) {
        name = value;
        return this;
    }

    ExpiryTestImage owner(String value) {
        ownerId = value;
        return this;
    }

    ExpiryTestImage state(ImageState value) {
        state = value;
        return this;
    }

    ExpiryTestImage created(String iso) {
        created = iso == null ? null : Instant.parse(iso);
        return this;
    }

    ExpiryTestImage tag(String key, String value) {
        tags.put(key, value);
        return this;
    }

    ExpiryTestImage untag(String key) {
        tags.remove(key);
        return this;
    }

    ExpiryTestImage makePublic() {
        isPublic = true;
        return this;
    }

    ExpiryTestImage deprecated(String iso) {
        deprecationTime = Instant.parse(iso);
        return this;
    }

    ExpiryTestImage launched(String iso) {
        lastLaunched = Instant.parse(iso);
        return this;
    }

    ExpiryTestImage protectedFromDeregistration() {
        protection = true;
        return this;
    }

    ExpiryTestImage snapshots(BlockDevice... blockDevices) {
        devices.clear();
        devices.addAll(List.of(blockDevices));
        return this;
    }

    Image build() {
        return new Image(REGION, imageId, name, ownerId, state, created, tags, isPublic, deprecationTime,
                lastLaunched, protection, null, null, devices);
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
