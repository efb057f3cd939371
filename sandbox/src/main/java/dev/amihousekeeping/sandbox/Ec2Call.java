package dev.amihousekeeping.sandbox;

import java.time.Instant;

/** One EC2 API call being served: its parameters, the region it acts on, and the response being written. */
record Ec2Call(QueryRequest request, SandboxState state, RegionState region, XmlWriter xml) {

    String account() {
        return state.accountId();
    }

    Instant now() {
        return state.now();
    }

    /** The image, if well-formed and present in this region. */
    SeedImage image(String imageId) {
        if (!IdGenerator.isImageId(imageId)) {
            throw Ec2Error.imageMalformed(imageId);
        }
        SeedImage image = region.images.get(imageId);
        if (image == null || !visible(image)) {
            throw Ec2Error.imagesNotFound(java.util.List.of(imageId));
        }
        return image;
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

    /** EC2's "available to you": owned, public, or shared with this account by a launch permission. */
    boolean visible(SeedImage image) {
        return account().equals(image.ownerId()) || image.isPublic()
                || image.launchPermissions().stream().anyMatch(p -> account().equals(p.userId()));
    }

    boolean visible(SeedSnapshot snapshot) {
        return account().equals(snapshot.ownerId()) || snapshot.createVolumePermissions().stream()
                .anyMatch(p -> p.isPublicGroup() || account().equals(p.userId()));
    }
}
