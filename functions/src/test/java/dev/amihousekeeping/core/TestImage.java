package dev.amihousekeeping.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Image} under construction for core tests: each suite starts it as its plainest case
 * ({@link ExpiryTestImage#expired}, {@link CopyFixtures#source}) and each test bends one thing.
 */
final class TestImage {

    private String region;
    private final String imageId;
    private String name;
    private String ownerId;
    private ImageState state = ImageState.AVAILABLE;
    private Instant created;
    private final Map<String, String> tags = new HashMap<>();
    private boolean isPublic;
    private Instant deprecationTime;
    private Instant lastLaunched;
    private boolean protection;
    private String sourceImageId;
    private String sourceRegion;
    private final List<BlockDevice> devices = new ArrayList<>();

    TestImage(String region, String imageId, String name, String ownerId, Instant created, Map<String, String> tags) {
        this.region = region;
        this.imageId = imageId;
        this.name = name;
        this.ownerId = ownerId;
        this.created = created;
        this.tags.putAll(tags);
    }

    TestImage region(String value) {
        region = value;
        return this;
    }

    TestImage name(String value) {
        name = value;
        return this;
    }

    TestImage owner(String value) {
        ownerId = value;
        return this;
    }

    TestImage state(ImageState value) {
        state = value;
        return this;
    }

    TestImage created(Instant value) {
        created = value;
        return this;
    }

    TestImage created(String iso) {
        return created(iso == null ? null : Instant.parse(iso));
    }

    TestImage tag(String key, String value) {
        tags.put(key, value);
        return this;
    }

    TestImage untag(String key) {
        tags.remove(key);
        return this;
    }

    TestImage makePublic() {
        isPublic = true;
        return this;
    }

    TestImage deprecated(String iso) {
        deprecationTime = Instant.parse(iso);
        return this;
    }

    TestImage launched(String iso) {
        lastLaunched = Instant.parse(iso);
        return this;
    }

    TestImage protectedFromDeregistration() {
        protection = true;
        return this;
    }

    TestImage copiedFrom(String id, String fromRegion) {
        sourceImageId = id;
        sourceRegion = fromRegion;
        return this;
    }

    /** Replaces the image's block devices with these. */
    TestImage snapshots(BlockDevice... blockDevices) {
        devices.clear();
        devices.addAll(List.of(blockDevices));
        return this;
    }

    /** Replaces the image's block devices with one 8 GiB volume a snapshot, on /dev/xvda, /dev/xvdb, ... */
    TestImage snapshots(String... snapshotIds) {
        devices.clear();
        for (String id : snapshotIds) {
            devices.add(new BlockDevice("/dev/xvd" + (char) ('a' + devices.size()), id, 8));
        }
        return this;
    }

    Image build() {
        return new Image(region, imageId, name, ownerId, state, created, tags, isPublic, deprecationTime,
                lastLaunched, protection, sourceImageId, sourceRegion, devices);
    }
}
