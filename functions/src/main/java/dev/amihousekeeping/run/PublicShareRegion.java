package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.Snapshot;
import dev.amihousekeeping.ec2.Ec2Exception;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.ec2.Ec2OutcomeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the public-share sweep reads in one region: the owned images and snapshots, each one's grants, and the
 * region's block public access states (null when the endpoint cannot tell).
 *
 * <p>Cost: one DescribeImageAttribute per image and one DescribeSnapshotAttribute per snapshot. EC2 has no batch
 * form, and neither listing can stand in for it: DescribeImages shows only {@code Public}, never an account or
 * organization share, and DescribeSnapshots' {@code RestorableByUserIds=all} finds public snapshots but cannot
 * list shares to accounts nobody knows in advance. A resource that vanished between the listing and its grant
 * read is kept as {@code gone}; the first other read failure stops that region's grant reads (after the SDK's
 * retries, the next call would most likely fail the same way) and is reported, and the resources left unread are
 * kept as {@code grants-not-read} by the policy.
 */
record PublicShareRegion(
        String region,
        List<Image> images,
        Map<String, List<LaunchPermission>> imageGrants,
        List<Snapshot> snapshots,
        Map<String, List<LaunchPermission>> snapshotGrants,
        String imageBlockPublicAccess,
        String snapshotBlockPublicAccess,
        List<Kept> gone,
        List<RegionError> errors) {

    PublicShareRegion {
        Objects.requireNonNull(region, "region");
        images = List.copyOf(images);
        imageGrants = Map.copyOf(imageGrants);
        snapshots = List.copyOf(snapshots);
        snapshotGrants = Map.copyOf(snapshotGrants);
        gone = List.copyOf(gone);
        errors = List.copyOf(errors);
    }

    /** The IAM actions of {@link #read}: the listings, each one's grants, the block public access states. */
    static Set<String> iamActions(boolean includeSnapshots) {
        Set<String> actions = new TreeSet<>(Ec2Gateway.IAM_READ_IMAGES);
        actions.addAll(Ec2Gateway.IAM_READ_LAUNCH_PERMISSIONS);
        actions.addAll(Ec2Gateway.IAM_READ_IMAGE_BLOCK_PUBLIC_ACCESS);
        if (includeSnapshots) {
            actions.addAll(Ec2Gateway.IAM_READ_SNAPSHOTS);
            actions.addAll(Ec2Gateway.IAM_READ_CREATE_VOLUME_PERMISSIONS);
            actions.addAll(Ec2Gateway.IAM_READ_SNAPSHOT_BLOCK_PUBLIC_ACCESS);
        }
        return actions;
    }

    /** Reads one region; a failed listing throws {@link Ec2Exception} (the region is then reported, not planned). */
    static PublicShareRegion read(Ec2Gateway gateway, String region, boolean includeSnapshots) {
        List<Image> listedImages = gateway.readImages(region);
        List<Snapshot> listedSnapshots = includeSnapshots ? gateway.readSnapshots(region) : List.of();
        List<Kept> gone = new ArrayList<>();
        List<RegionError> errors = new ArrayList<>();
        Map<String, List<LaunchPermission>> imageGrants = new HashMap<>();
        Map<String, List<LaunchPermission>> snapshotGrants = new HashMap<>();
        List<Image> images = readGrants(gateway, region, ResourceType.IMAGE, listedImages, Image::imageId,
                imageGrants, gone, errors);
        List<Snapshot> snapshots = readGrants(gateway, region, ResourceType.SNAPSHOT, listedSnapshots,
                Snapshot::snapshotId, snapshotGrants, gone, errors);
        String imageState = blockPublicAccess(gateway, region, "GetImageBlockPublicAccessState",
                () -> gateway.imageBlockPublicAccessState(region), errors);
        String snapshotState = includeSnapshots ? blockPublicAccess(gateway, region, "GetSnapshotBlockPublicAccessState",
                () -> gateway.snapshotBlockPublicAccessState(region), errors) : null;
        return new PublicShareRegion(region, images, imageGrants, snapshots, snapshotGrants, imageState,
                snapshotState, gone, errors);
    }

    /** Ids of the owners seen, for the account id: {@code Owners=self} lists only the account's own resources. */
    List<String> ownerIds() {
        List<String> owners = new ArrayList<>();
        images.stream().map(Image::ownerId).filter(Objects::nonNull).findFirst().ifPresent(owners::add);
        snapshots.stream().map(Snapshot::ownerId).filter(Objects::nonNull).findFirst().ifPresent(owners::add);
        return owners;
    }

    /**
     * Reads each resource's grants into {@code grants} and returns the resources still there; once {@code errors}
     * holds a failure, the rest are returned unread.
     */
    private static <T> List<T> readGrants(Ec2Gateway gateway, String region, ResourceType type, List<T> listed,
                                          Function<T, String> id, Map<String, List<LaunchPermission>> grants,
                                          List<Kept> gone, List<RegionError> errors) {
        List<T> present = new ArrayList<>(listed.size());
        for (T resource : listed) {
            String resourceId = id.apply(resource);
            if (!errors.isEmpty()) {
                present.add(resource);
                continue;
            }
            try {
                grants.put(resourceId, PublicShareRun.grants(gateway, type, region, resourceId));
                present.add(resource);
            } catch (Ec2OutcomeException e) {
                gone.add(new Kept(region, type, resourceId, "gone: " + e.errorCode()));
            } catch (Ec2Exception e) {
                present.add(resource);
                errors.add(new RegionError(region, e.errorCode(), e.operation() + " " + resourceId + ": "
                        + e.errorMessage() + " (grant reads in " + region + " stopped here)"));
            }
        }
        return present;
    }

    /**
     * One block public access state; null when the endpoint does not offer the API (moto, older emulators: the
     * policy keeps it as unknown) or refused (reported).
     */
    private static String blockPublicAccess(Ec2Gateway gateway, String region, String operation,
                                            Supplier<String> read, List<RegionError> errors) {
        try {
            return read.get();
        } catch (Ec2Exception e) {
            if (!gateway.notOffered(e)) {
                errors.add(new RegionError(region, e.errorCode(), operation + ": " + e.errorMessage()));
            }
            return null;
        }
    }
}
