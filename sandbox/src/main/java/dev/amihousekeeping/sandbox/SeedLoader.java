package dev.amihousekeeping.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns a seed region into live state: fills absent ids and owners, and rejects what EC2 could never hold
 * (malformed or duplicate ids) with a message naming the entry, so a bad fixture fails where it is written.
 */
final class SeedLoader {

    private static final List<String> IMAGE_BPA = List.of("unblocked", "block-new-sharing");
    private static final List<String> SNAPSHOT_BPA = List.of("unblocked", "block-new-sharing", "block-all-sharing");

    private SeedLoader() {
    }

    static RegionState load(String regionName, SeedRegion seed, String accountId, Instant defaultTime) {
        RegionState region = new RegionState(regionName, defaultTime);
        IdGenerator ids = IdGenerator.random();
        String at = "seed: regions." + regionName + ".";
        for (int i = 0; i < seed.snapshots().size(); i++) {
            SeedSnapshot snapshot = seed.snapshots().get(i);
            if (snapshot.snapshotId() == null) {
                snapshot = new SeedSnapshot(ids.next("snap"), snapshot.volumeId(), snapshot.volumeSize(),
                        snapshot.startTime(), snapshot.description(), snapshot.ownerId(), snapshot.tags(),
                        snapshot.createVolumePermissions(), snapshot.state(), snapshot.encrypted(),
                        snapshot.kmsKeyId(), snapshot.fullSnapshotSizeInBytes(), snapshot.storageTier());
            }
            checkNewId(at + "snapshots[" + i + "].snapshotId", snapshot.snapshotId(),
                    IdGenerator.isSnapshotId(snapshot.snapshotId()), "snapshot id (snap-", region.snapshots);
            region.snapshots.put(snapshot.snapshotId(),
                    snapshot.ownerId() == null ? snapshot.withOwner(accountId) : snapshot);
        }
        for (int i = 0; i < seed.images().size(); i++) {
            SeedImage image = seed.images().get(i);
            String where = at + "images[" + i + "]";
            String imageId = image.imageId() != null ? image.imageId() : ids.next("ami");
            checkNewId(where + ".imageId", imageId, IdGenerator.isImageId(imageId), "image id (ami-", region.images);
            for (SeedBlockDevice device : image.blockDeviceMappings()) {
                check(device.snapshotId() == null || IdGenerator.isSnapshotId(device.snapshotId()),
                        where + ".blockDeviceMappings: '" + device.snapshotId() + "' is not an EC2 snapshot id");
            }
            if (!imageId.equals(image.imageId())) {
                image = image.withImageId(imageId);
            }
            region.putImage(image.ownerId() == null ? image.withOwner(accountId) : image);
        }
        for (SeedInstance instance : seed.instances()) {
            SeedInstance withId = instance.instanceId() != null ? instance : new SeedInstance(ids.next("i"),
                    instance.imageId(), instance.state(), instance.instanceType(), instance.launchTime(),
                    instance.tags());
            region.instances.put(withId.instanceId(), withId);
        }
        for (SeedLaunchTemplate template : seed.launchTemplates()) {
            SeedLaunchTemplate withId = template.launchTemplateId() != null ? template : new SeedLaunchTemplate(
                    ids.next("lt"), template.name(), template.versions(), template.defaultVersion(),
                    template.createTime(), template.tags());
            region.launchTemplates.put(withId.launchTemplateId(), withId);
        }
        for (int i = 0; i < seed.volumes().size(); i++) {
            SeedVolume volume = seed.volumes().get(i);
            String where = at + "volumes[" + i + "]";
            String volumeId = volume.volumeId() != null ? volume.volumeId() : ids.next("vol");
            checkNewId(where + ".volumeId", volumeId, IdGenerator.isVolumeId(volumeId), "volume id (vol-",
                    region.volumes);
            check(volume.snapshotId() == null || IdGenerator.isSnapshotId(volume.snapshotId()),
                    where + ".snapshotId '" + volume.snapshotId() + "' is not an EC2 snapshot id");
            oneOf(volume.state(), SeedVolume.STATES::contains, where + ".state", SeedVolume.STATES);
            region.volumes.put(volumeId, new SeedVolume(volumeId, volume.snapshotId(), volume.state(), volume.size(),
                    volume.createTime(), volume.tags()));
        }
        region.recycleBin.load(seed, at, regionName, accountId, region);
        region.ssmParameters.addAll(seed.ssmParameters());
        region.launchConfigurations.addAll(seed.launchConfigurations());
        region.imageBlockPublicAccess = oneOf(seed.imageBlockPublicAccess(), IMAGE_BPA::contains,
                at + "imageBlockPublicAccess", IMAGE_BPA);
        region.snapshotBlockPublicAccess = oneOf(seed.snapshotBlockPublicAccess(), SNAPSHOT_BPA::contains,
                at + "snapshotBlockPublicAccess", SNAPSHOT_BPA);
        return region;
    }

    private static String oneOf(String value, Predicate<String> valid, String where, List<String> allowed) {
        check(valid.test(value), where + " '" + value + "' is not one of " + allowed);
        return value;
    }

    /** An id of the seed: well formed ({@code valid}, else it is not an EC2 {@code kind}) and not seen before. */
    private static void checkNewId(String where, String id, boolean valid, String kind, Map<String, ?> seen) {
        check(valid, where + " '" + id + "' is not an EC2 " + kind + " followed by 8 or 17 hex digits)");
        check(!seen.containsKey(id), where + " '" + id + "' appears twice");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
