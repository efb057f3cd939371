package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.ec2.Ec2Gateway;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What orphan-snapshots' re-check (invariant 6) asks EC2 about a snapshot about to be deleted: the images that
 * use it now, and the AMI its description names. {@link #prepare} asks for a window of snapshots in two batched
 * DescribeImages calls (a {@code block-device-mapping.snapshot-id} filter and an {@code image-id} filter); what
 * the window did not cover is asked for on its own. Each answer serves one deletion: it is taken, not kept.
 */
final class SnapshotUsers {

    private final Ec2Gateway gateway;
    private final Map<String, List<Image>> users = new HashMap<>();
    private final Map<String, Optional<Image>> named = new HashMap<>();
    /** The IAM action of {@link #prepare} and the single reads: DescribeImages, by snapshot and by image id. */
    static final Set<String> IAM_ACTIONS = Ec2Gateway.IAM_READ_IMAGES;

    SnapshotUsers(Ec2Gateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Reads ahead for the delete-snapshot actions of {@code upcoming}. The AMI a snapshot's description names is
     * the one the plan recorded ({@link Action.DeleteSnapshot#namedImageId}): a description cannot change.
     */
    void prepare(List<Action> upcoming) {
        users.clear();
        named.clear();
        Map<String, List<String>> snapshots = new LinkedHashMap<>();
        Map<String, List<String>> images = new LinkedHashMap<>();
        for (Action action : upcoming) {
            if (!(action instanceof Action.DeleteSnapshot deletion)) {
                continue;
            }
            snapshots.computeIfAbsent(action.region(), r -> new ArrayList<>()).add(action.resourceId());
            String imageId = deletion.namedImageId();
            if (imageId != null) {
                images.computeIfAbsent(action.region(), r -> new ArrayList<>()).add(imageId);
            }
        }
        snapshots.forEach((region, ids) -> gateway.imagesUsingSnapshots(region, ids)
                .forEach((id, using) -> users.put(key(region, id), using)));
        images.forEach((region, ids) -> {
            Map<String, Image> found = gateway.describeImages(region, ids);
            // The filter's answer is EC2's answer for every id asked: one it does not show is gone.
            ids.forEach(id -> named.put(key(region, id), Optional.ofNullable(found.get(id))));
        });
    }

    /** The images that use {@code snapshotId} now, in any state. */
    List<Image> using(String region, String snapshotId) {
        List<Image> read = users.remove(key(region, snapshotId));
        return read != null ? read : gateway.imagesUsingSnapshot(region, snapshotId);
    }

    /** The image {@code imageId} as it is now, or empty when EC2 no longer knows it. */
    Optional<Image> image(String region, String imageId) {
        Optional<Image> read = named.remove(key(region, imageId));
        return read != null ? read : gateway.describeImage(region, imageId);
    }

    private static String key(String region, String id) {
        return region + "/" + id;
    }
}
