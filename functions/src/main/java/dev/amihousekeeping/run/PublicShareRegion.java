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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.HashSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What the public-share sweep reads in one region: the owned images and snapshots, each one's grants, and the
 * region's block public access states (null when the endpoint cannot tell).
 *
 * <p>Cost: two listings more ({@code is-public=true}, {@code RestorableByUserIds=all}) find the public ones; then
 * one DescribeImageAttribute per image and one DescribeSnapshotAttribute per snapshot, as the deadline allows. EC2
 * has no batch form, and neither listing can stand in for it: DescribeImages shows only {@code Public}, never an
 * account or organization share, and DescribeSnapshots' {@code RestorableByUserIds=all} finds public snapshots but
 * cannot list shares to accounts nobody knows in advance. A resource that vanished between the listing and its grant
 * read is kept as {@code gone}; the reads run up to 8 at once ({@link GrantReads}); the first other read failure
 * stops that region's grant reads (after the SDK's
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
        List<RegionError> errors,
        SweepCursor.Progress progress) {

    PublicShareRegion {
        Objects.requireNonNull(region, "region");
        images = List.copyOf(images);
        imageGrants = Map.copyOf(imageGrants);
        snapshots = List.copyOf(snapshots);
        snapshotGrants = Map.copyOf(snapshotGrants);
        gone = List.copyOf(gone);
        errors = List.copyOf(errors);
        Objects.requireNonNull(progress, "progress");
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

    /**
     * Reads one target's region; a failed listing throws {@link Ec2Exception} (the region is then reported, not
     * planned). Public resources first, found by listing ({@link Ec2Gateway#publicImageIds},
     * {@link Ec2Gateway#publicSnapshotIds}), and all of them, whatever the deadline: they are the urgent case. Then
     * the others' grants, by resource id ({@code ami-} before {@code snap-}) from after the target's cursor, wrapping
     * around, while {@code window} allows another read; those the deadline left unread are left out of the plan
     * (the sweep's report entry counts them, {@link SweepCursor}).
     */
    static PublicShareRegion read(Ec2Gateway gateway, Target target, boolean includeSnapshots,
                                  SweepCursor.Window window) {
        String region = target.region();
        List<Image> listedImages = gateway.readImages(region);
        List<Snapshot> listedSnapshots = includeSnapshots ? gateway.readSnapshots(region) : List.of();
        Set<String> publicIds = new HashSet<>(gateway.publicImageIds(region));
        if (includeSnapshots) {
            publicIds.addAll(gateway.publicSnapshotIds(region));
        }
        TreeMap<String, ResourceType> byId = new TreeMap<>();
        listedImages.forEach(image -> byId.put(image.imageId(), ResourceType.IMAGE));
        listedSnapshots.forEach(snapshot -> byId.put(snapshot.snapshotId(), ResourceType.SNAPSHOT));
        String account = target.account() != null ? target.account()
                : Stream.concat(listedImages.stream().map(Image::ownerId), listedSnapshots.stream().map(Snapshot::ownerId))
                .filter(Objects::nonNull).findFirst().orElseGet(() -> byId.isEmpty() ? PublicShareRun.UNKNOWN_ACCOUNT
                        : gateway.accountId(region));

        String after = window.after(account, region);
        List<String> rest = byId.keySet().stream().filter(id -> !publicIds.contains(id)).toList();
        List<String> order = new ArrayList<>(after == null ? rest : byId.tailMap(after, false).keySet().stream()
                .filter(id -> !publicIds.contains(id)).toList());
        if (after != null) {
            rest.stream().filter(id -> id.compareTo(after) <= 0).forEach(order::add);
        }
        GrantReads reads = new GrantReads(gateway, region, byId);
        List<String> restRead;
        Set<String> unread = new HashSet<>();
        ExecutorService pool = PacedApply.pool(GrantReads.IN_FLIGHT, "sweep-");
        try {
            reads.readAll(byId.keySet().stream().filter(publicIds::contains).toList(), () -> true, pool, unread);
            restRead = reads.readAll(order, window::allowsRead, pool, unread);
        } finally {
            pool.shutdownNow();
        }
        List<Image> images = listedImages.stream().filter(image -> !reads.gone(image.imageId())
                && !unread.contains(image.imageId())).toList();
        List<Snapshot> snapshots = listedSnapshots.stream().filter(snapshot -> !reads.gone(snapshot.snapshotId())
                && !unread.contains(snapshot.snapshotId())).toList();
        String imageState = blockPublicAccess(gateway, region, "GetImageBlockPublicAccessState",
                () -> gateway.imageBlockPublicAccessState(region), reads.errors);
        String snapshotState = includeSnapshots ? blockPublicAccess(gateway, region, "GetSnapshotBlockPublicAccessState",
                () -> gateway.snapshotBlockPublicAccessState(region), reads.errors) : null;
        SweepCursor.Progress progress = new SweepCursor.Progress(account, region, byId.size(), reads.count,
                restRead, after, restRead.size() == rest.size());
        return new PublicShareRegion(region, images, reads.imageGrants, snapshots, reads.snapshotGrants, imageState,
                snapshotState, reads.gone, reads.errors, progress);
    }

    /** Ids of the owners seen, for the account id: {@code Owners=self} lists only the account's own resources. */
    List<String> ownerIds() {
        List<String> owners = new ArrayList<>();
        images.stream().map(Image::ownerId).filter(Objects::nonNull).findFirst().ifPresent(owners::add);
        snapshots.stream().map(Snapshot::ownerId).filter(Objects::nonNull).findFirst().ifPresent(owners::add);
        return owners;
    }

    /**
     * One region's grant reads, up to {@value #IN_FLIGHT} at once (EC2 has no batch form: one call each, and one at
     * a time the sweep is paced by latency, not by EC2's request bucket), taken into account in the order they
     * started, so that the outcome is the one-at-a-time sweep's: each one's grants, or {@code gone}; the first other
     * failure stops the reads (after the SDK's retries, the next call would most likely fail the same way) and is
     * reported, and what reads were in flight after it are not used. A read starts only while the deadline allows.
     */
    private static final class GrantReads {
        /** The bound of the other reads with no batch form ({@link ExpiryEvidenceReader#GRANT_READS_IN_FLIGHT}). */
        static final int IN_FLIGHT = PacedApply.IN_FLIGHT;

        private final Ec2Gateway gateway;
        private final String region;
        private final Map<String, ResourceType> types;
        private final Map<String, List<LaunchPermission>> imageGrants = new HashMap<>();
        private final Map<String, List<LaunchPermission>> snapshotGrants = new HashMap<>();
        private final List<Kept> gone = new ArrayList<>();
        private final Set<String> goneIds = new HashSet<>();
        private final List<RegionError> errors = new ArrayList<>();
        private int count;

        GrantReads(Ec2Gateway gateway, String region, Map<String, ResourceType> types) {
            this.gateway = gateway;
            this.region = region;
            this.types = types;
        }

        /** One read's answer: the grants, or that the resource is gone, or the EC2 failure. */
        private record Fetched(String resourceId, List<LaunchPermission> grants, Ec2OutcomeException gone,
                               Ec2Exception failure) {
        }

        boolean stopped() {
            return !errors.isEmpty();
        }

        boolean gone(String resourceId) {
            return goneIds.contains(resourceId);
        }

        /**
         * Reads {@code ids} in their order, up to {@value #IN_FLIGHT} at once, each started only while
         * {@code mayStart} says so; from the first that may not, the rest go to {@code unread}. Returns the ids read
         * (gone ones included), in order, up to the first failure.
         */
        List<String> readAll(List<String> ids, BooleanSupplier mayStart, ExecutorService pool, Set<String> unread) {
            List<String> read = new ArrayList<>();
            Deque<Future<Fetched>> inFlight = new ArrayDeque<>();
            for (int i = 0; i < ids.size() && !stopped(); i++) {
                if (!mayStart.getAsBoolean()) {
                    unread.addAll(ids.subList(i, ids.size()));
                    break;
                }
                String id = ids.get(i);
                inFlight.add(pool.submit(() -> fetch(id)));
                if (inFlight.size() >= IN_FLIGHT) {
                    take(inFlight.poll(), read);
                }
            }
            while (!inFlight.isEmpty()) {
                take(inFlight.poll(), read);
            }
            return read;
        }

        /** Runs in the pool: the call alone, no state touched. */
        private Fetched fetch(String resourceId) {
            try {
                return new Fetched(resourceId,
                        PublicShareRun.grants(gateway, types.get(resourceId), region, resourceId), null, null);
            } catch (Ec2OutcomeException e) {
                return new Fetched(resourceId, null, e, null);
            } catch (Ec2Exception e) {
                return new Fetched(resourceId, null, null, e);
            }
        }

        /** Takes one read into account, in the order the reads started; none after the first failure. */
        private void take(Future<Fetched> future, List<String> read) {
            Fetched fetched = PacedApply.result(future, "reading grants in " + region);
            if (stopped()) {
                return;
            }
            String id = fetched.resourceId();
            ResourceType type = types.get(id);
            if (fetched.gone() != null) {
                gone.add(new Kept(region, type, id, "gone: " + fetched.gone().errorCode()));
                goneIds.add(id);
            } else if (fetched.failure() != null) {
                Ec2Exception e = fetched.failure();
                errors.add(new RegionError(region, e.errorCode(), e.operation() + " " + id + ": "
                        + e.errorMessage() + " (grant reads in " + region + " stopped here)"));
                return;
            } else {
                (type == ResourceType.IMAGE ? imageGrants : snapshotGrants).put(id, fetched.grants());
            }
            count++;
            read.add(id);
        }
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
