package dev.amihousekeeping.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * One EC2 API call being served: its parameters, the caller's account and the region it acts on, and the
 * response being written.
 */
record Ec2Call(QueryRequest request, AccountState state, RegionState region, XmlWriter xml) {

    String account() {
        return state.accountId();
    }

    Instant now() {
        return state.now();
    }

    /** The image, if well-formed and, in this region, the caller's own or shared with it. */
    SeedImage image(String imageId) {
        if (!IdGenerator.isImageId(imageId)) {
            throw Ec2Error.imageMalformed(imageId);
        }
        SeedImage image = visibleImage(imageId);
        if (image == null) {
            throw Ec2Error.imagesNotFound(List.of(imageId));
        }
        return image;
    }

    /** The image of that id this account can see in this region (its own or shared with it); null if none. */
    SeedImage visibleImage(String imageId) {
        return state.visibleImage(region, imageId);
    }

    /** The image, which this account must own to change it. */
    SeedImage ownedImage(String imageId) {
        SeedImage image = image(imageId);
        if (!account().equals(image.ownerId())) {
            throw Ec2Error.notAuthorized(imageId);
        }
        return image;
    }

    SeedSnapshot snapshot(String snapshotId) {
        if (!IdGenerator.isSnapshotId(snapshotId)) {
            throw Ec2Error.snapshotMalformed(snapshotId);
        }
        SeedSnapshot snapshot = region.snapshots.get(snapshotId);
        if (snapshot == null || !visible(snapshot)) {
            throw Ec2Error.snapshotNotFound(snapshotId);
        }
        return snapshot;
    }

    SeedSnapshot ownedSnapshot(String snapshotId) {
        SeedSnapshot snapshot = snapshot(snapshotId);
        if (!account().equals(snapshot.ownerId())) {
            throw new Ec2Error("AuthFailure", "Not authorized for snapshot:" + snapshotId);
        }
        return snapshot;
    }

    boolean visible(SeedImage image) {
        return state.canUse(image);
    }

    boolean sharedWith(SeedImage image, String accountId) {
        return state.sandbox().sharedWith(image, accountId);
    }

    boolean visible(SeedSnapshot snapshot) {
        return account().equals(snapshot.ownerId()) || snapshot.createVolumePermissions().stream()
                .anyMatch(p -> p.isPublicGroup() || account().equals(p.userId()));
    }
}
