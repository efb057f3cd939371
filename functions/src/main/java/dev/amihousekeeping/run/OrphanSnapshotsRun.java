package dev.amihousekeeping.run;

import dev.amihousekeeping.config.OrphanScope;
import dev.amihousekeeping.config.OrphanSnapshotsConfig;
import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.Inventory;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.OrphanSnapshotPolicy;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.Snapshot;
import dev.amihousekeeping.core.SnapshotOrigin;
import dev.amihousekeeping.core.port.Precondition;
import dev.amihousekeeping.ec2.Ec2ActionApplier;
import dev.amihousekeeping.ec2.Ec2Exception;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.ec2.Recheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code orphan-snapshots} (DESIGN §5): deletes the snapshots that were made for an AMI that no longer exists, and
 * never one that an AMI, a pending copy, AWS Backup or DLM still needs. Per region: the snapshots, then the images
 * (in that order, see {@link Ec2Gateway#readInventory}), then, in scope {@code unreferenced} only, the volume ids;
 * {@link OrphanSnapshotPolicy} plans; the per-target run ({@link TargetRun}) applies within dry-run and the cap,
 * re-reading each snapshot and every image that could use it just before deleting it (invariant 6). Each action's
 * detail leads with the snapshot's sizes, as the policy planned them ({@link Action#detailLead}).
 */
public record OrphanSnapshotsRun(Housekeeping housekeeping) implements FunctionRun {

    public static final String NAME = "orphan-snapshots";

    /** Error code of a report entry when the volume ids could not be read (scope {@code unreferenced}). */
    public static final String VOLUMES_UNREADABLE = "VolumesUnreadable";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Report run(RunRequest request) {
        OrphanSnapshotsConfig config = request.config().orphanSnapshots();
        if (!config.enabled()) {
            return EventDispatcher.ignored(NAME, request, "orphanSnapshots.enabled is false");
        }
        OrphanSnapshotPolicy policy = new OrphanSnapshotPolicy(config);
        Instant now = request.now();
        // Invariant 13: each snapshot carries the recycle tags before it is deleted (Ec2ActionApplier).
        Map<String, String> recycleTags = request.recycleTags();
        return TargetRun.run(housekeeping, request, NAME, TargetWork.<TargetRead>of(
                (target, gateway) -> read(gateway, target.region(), config.scope()),
                read -> new TargetWork.TargetPlan(new Plan(List.of(), read.kept())
                        .plus(policy.plan(read.inventory(), read.volumeIds(), now)), read.errors()),
                (read, gateway) -> gates(gateway, policy, read.inventory().accountId(), now, recycleTags))
                .failedAs((target, e) -> e instanceof Ec2Exception ec2 ? new RegionError(target.region(),
                        ec2.errorCode(), ec2.operation() + ": " + ec2.errorMessage()
                        + "; nothing was planned in this region") : PerTarget.error(target, e))).report();
    }

    /** What one target's read gave: the inventory, the volume ids in scope unreferenced, and why they are not. */
    private record TargetRead(Inventory inventory, Set<String> volumeIds, List<Kept> kept, List<RegionError> errors) {
    }

    /** The target's inventory and, in scope {@code unreferenced}, its volume ids. */
    private static TargetRead read(Ec2Gateway gateway, String region, OrphanScope scope) {
        List<Kept> kept = new ArrayList<>();
        List<RegionError> errors = new ArrayList<>();
        Inventory inventory = gateway.readInventory(region);
        Set<String> volumeIds = scope == OrphanScope.UNREFERENCED ? volumeIds(gateway, region, kept, errors) : null;
        return new TargetRead(inventory, volumeIds, kept, errors);
    }

    /** Each snapshot and every image that could use it, re-read just before deleting it (invariant 6). */
    private TargetWork.Gates gates(Ec2Gateway gateway, OrphanSnapshotPolicy policy, String accountId, Instant now,
                                   Map<String, String> recycleTags) {
        SnapshotUsers users = new SnapshotUsers(gateway);
        Precondition recheck = Recheck.of(gateway, (action, image) -> Optional.empty(),
                (action, snapshot) -> recheck(policy, users, accountId, action, snapshot, now))
                .and(Precondition.readingAhead(users::prepare));
        return new TargetWork.Gates(recheck, new Ec2ActionApplier(gateway, housekeeping.clock(), recycleTags));
    }

    /**
     * The region's volume ids, read after its snapshots: a snapshot's volume existed before the snapshot did, so a
     * volume missing from a later read is really gone. Null when they cannot be read; the policy then keeps every
     * snapshot that names no AMI, and the report says why.
     */
    private static Set<String> volumeIds(Ec2Gateway gateway, String region, List<Kept> kept,
                                         List<RegionError> errors) {
        try {
            return gateway.readVolumeIds(region);
        } catch (Ec2Exception e) {
            String consequence = "snapshots whose description names no AMI are kept";
            if (gateway.notOffered(e)) {
                // An emulator without DescribeVolumes is a limit of the endpoint, not a failure to alarm on.
                kept.add(new Kept(region, ResourceType.ACCOUNT, "volumes", OrphanSnapshotPolicy.KeepReason.VOLUME_UNKNOWN
                        + ": the endpoint does not offer DescribeVolumes (" + e.errorCode() + "); " + consequence));
                return null;
            }
            errors.add(new RegionError(region, VOLUMES_UNREADABLE, e.operation() + ": " + e.errorCode() + ": "
                    + e.errorMessage() + "; " + consequence));
            return null;
        }
    }

    /**
     * The policy's re-check on what EC2 says now: {@code current} was just re-read; the images are every image
     * that uses the snapshot in any state (DescribeImages by {@code block-device-mapping.snapshot-id} with
     * disabled and deprecated ones) and the AMI its description names. A read that fails throws, which fails the
     * action rather than deleting on a guess. {@code users} holds what was read ahead for this window of deletions.
     */
    static Optional<String> recheck(OrphanSnapshotPolicy policy, SnapshotUsers users, String accountId,
                                    Action action, Snapshot current, Instant now) {
        String region = action.region();
        Map<String, Image> fresh = new LinkedHashMap<>();
        for (Image image : users.using(region, action.resourceId())) {
            fresh.put(image.imageId(), image);
        }
        Set<String> named = new LinkedHashSet<>();
        SnapshotOrigin.parse(current.description()).amiId().ifPresent(named::add);
        if (action instanceof Action.DeleteSnapshot deletion && deletion.namedImageId() != null) {
            named.add(deletion.namedImageId());
        }
        for (String imageId : named) {
            if (!fresh.containsKey(imageId)) {
                users.image(region, imageId).ifPresent(image -> fresh.put(image.imageId(), image));
            }
        }
        Inventory images = new Inventory(region, accountId, now, List.copyOf(fresh.values()), List.of());
        return policy.recheck(current, images, now).map(reason -> "re-check: " + reason);
    }
}
