package dev.amihousekeeping.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The EC2 side of the Recycle Bin: {@code ListImagesInRecycleBin}, {@code ListSnapshotsInRecycleBin},
 * {@code RestoreImageFromRecycleBin}, {@code RestoreSnapshotFromRecycleBin}. Only the owner's resources are in
 * its bin, so ids are looked up in this account's region only.
 */
final class RecycleBinActions {

    /** EC2 API reference, ListImagesInRecycleBin: "You can specify up to 20 IDs in a single request." */
    private static final int MAX_IMAGE_IDS = 20;

    private RecycleBinActions() {
    }

    static void register(Map<String, Ec2Action> actions) {
        actions.put("ListImagesInRecycleBin", RecycleBinActions::listImages);
        actions.put("ListSnapshotsInRecycleBin", RecycleBinActions::listSnapshots);
        actions.put("RestoreImageFromRecycleBin", RecycleBinActions::restoreImage);
        actions.put("RestoreSnapshotFromRecycleBin", RecycleBinActions::restoreSnapshot);
    }

    private static void listImages(Ec2Call call) {
        List<String> ids = call.request().list("ImageId");
        if (ids.size() > MAX_IMAGE_IDS) {
            throw Ec2Error.invalidValue("You can specify up to " + MAX_IMAGE_IDS + " image IDs in a single request.");
        }
        ids.stream().filter(id -> !IdGenerator.isImageId(id)).findFirst().ifPresent(id -> {
            throw Ec2Error.imageMalformed(id);
        });
        XmlWriter xml = call.xml();
        list(call, "recycle-bin-images", "imageSet", call.region().recycleBin.images, ids, entry -> {
            SeedImage image = entry.resource();
            xml.start("item").leaf("imageId", image.imageId()).leaf("name", image.name())
                    .leaf("description", image.description())
                    .leaf("recycleBinEnterTime", entry.enterTime()).leaf("recycleBinExitTime", entry.exitTime())
                    .end();
            return image.imageId();
        });
    }

    private static void listSnapshots(Ec2Call call) {
        List<String> ids = call.request().list("SnapshotId");
        ids.stream().filter(id -> !IdGenerator.isSnapshotId(id)).findFirst().ifPresent(id -> {
            throw Ec2Error.snapshotMalformed(id);
        });
        XmlWriter xml = call.xml();
        list(call, "recycle-bin-snapshots", "snapshotSet", call.region().recycleBin.snapshots, ids, entry -> {
            SeedSnapshot snapshot = entry.resource();
            xml.start("item").leaf("snapshotId", snapshot.snapshotId())
                    .leaf("recycleBinEnterTime", entry.enterTime()).leaf("recycleBinExitTime", entry.exitTime())
                    .leaf("description", snapshot.description()).leaf("volumeId", snapshot.volumeId())
                    .end();
            return snapshot.snapshotId();
        });
    }

    /**
     * One page of a bin listing. MaxResults is 1 to 1,000 (EC2 API reference); without it a page holds 1,000.
     * Ids not in the bin are left out rather than refused: the listing answers "which of these are in the bin".
     */
    private static <T> void list(Ec2Call call, String kind, String set, NavigableMap<String, RecycleBin.Entry<T>> bin,
                                 List<String> ids, Function<RecycleBin.Entry<T>, String> writer) {
        Integer maxResults = call.request().integer("MaxResults");
        if (maxResults != null && (maxResults < 1 || maxResults > 1000)) {
            throw Ec2Error.invalidValue("Value ( " + maxResults + " ) for parameter maxResults is invalid. "
                    + "Expecting a value between 1 and 1000.");
        }
        PageRequest requested = PageRequest.of(call.request(), kind, 1, 1000);
        PageRequest page = new PageRequest(kind, maxResults == null ? 1000 : maxResults, requested.after());
        NavigableMap<String, RecycleBin.Entry<T>> owned = new TreeMap<>();
        bin.forEach((id, entry) -> {
            if (ids.isEmpty() || ids.contains(id)) {
                owned.put(id, entry);
            }
        });
        Paging.writeSet(call.xml(), set, Paging.from(owned, page), entry -> true, page, writer);
    }

    private static void restoreImage(Ec2Call call) {
        String imageId = call.request().required("ImageId");
        if (!IdGenerator.isImageId(imageId)) {
            throw Ec2Error.imageMalformed(imageId);
        }
        RegionState region = call.region();
        RecycleBin.Entry<SeedImage> entry = region.recycleBin.images.get(imageId);
        if (entry == null) {
            throw Ec2Error.imagesNotFound(List.of(imageId));
        }
        List<String> missing = new ArrayList<>();
        for (SeedBlockDevice device : entry.resource().blockDeviceMappings()) {
            if (device.snapshotId() != null && !region.snapshots.containsKey(device.snapshotId())) {
                missing.add(device.snapshotId());
            }
        }
        if (!missing.isEmpty()) {
            // AWS documents that an AMI's snapshots must be restored before the AMI, but not the error code a
            // restore without them gets; IncorrectState is an assumption (it is EC2's code for "not now").
            throw Ec2Error.incorrectState("The image " + imageId + " cannot be restored because its snapshots "
                    + String.join(", ", missing) + " are not available. Restore the snapshots from the Recycle Bin "
                    + "first.");
        }
        region.recycleBin.images.remove(imageId);
        SeedImage image = entry.resource();
        region.putImage(image.withTags(RecycleBin.withoutInBinTag(image.tags())));
        call.xml().leaf("return", true);
    }

    private static void restoreSnapshot(Ec2Call call) {
        String snapshotId = call.request().required("SnapshotId");
        if (!IdGenerator.isSnapshotId(snapshotId)) {
            throw Ec2Error.snapshotMalformed(snapshotId);
        }
        RegionState region = call.region();
        RecycleBin.Entry<SeedSnapshot> entry = region.recycleBin.snapshots.remove(snapshotId);
        if (entry == null) {
            throw Ec2Error.snapshotNotFound(snapshotId);
        }
        SeedSnapshot snapshot = entry.resource().withTags(RecycleBin.withoutInBinTag(entry.resource().tags()));
        region.snapshots.put(snapshotId, snapshot);
        call.xml().leaf("snapshotId", snapshot.snapshotId())
                .leaf("description", snapshot.description())
                .leaf("encrypted", snapshot.encrypted())
                .leaf("ownerId", snapshot.ownerId())
                .leaf("progress", "completed".equals(snapshot.state()) ? "100%" : "0%")
                .leaf("startTime", snapshot.startTime() == null ? region.defaultTime : snapshot.startTime())
                .leaf("status", snapshot.state())
                .leaf("volumeId", snapshot.volumeId())
                .leaf("volumeSize", snapshot.volumeSize());
    }
}
