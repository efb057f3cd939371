package dev.amihousekeeping.core;

import dev.amihousekeeping.config.OrphanScope;
import dev.amihousekeeping.config.OrphanSnapshotsConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which snapshots {@code orphan-snapshots} deletes (DESIGN §5). A snapshot is deleted only when this
 * account owns it, no image in the inventory references it (any state), neither AWS Backup nor DLM manages it,
 * no exempt tag is on it, it is not {@code pending}, it is in scope, and it is at least {@code minAgeDays} old.
 * Every snapshot of the inventory gets exactly one {@code delete-snapshot} action or one {@link Kept}.
 *
 * <p>Scope {@code ami-created}: the description, as EC2 writes it (see {@link SnapshotOrigin}), names an AMI
 * of this region and that AMI is not in the inventory. Scope {@code unreferenced}: those, and also a snapshot
 * whose description names no AMI and whose source volume no longer exists. A snapshot whose named AMI still
 * exists is kept in either scope, even when that AMI no longer lists it: the AMI's owner made it for that AMI.
 *
 * <p>The inventory's images must be read after its snapshots (DESIGN §5), so that a snapshot made for an AMI
 * registered meanwhile is seen as referenced.
 */
public final class OrphanSnapshotPolicy {

    private static final double BYTES_PER_GIB = 1024.0 * 1024 * 1024;

    /** The volume id EC2 reports for copied and imported snapshots; it names no volume, so it is never "gone". */
    public static final String PLACEHOLDER_VOLUME_ID = "vol-ffffffff";

    private final OrphanSnapshotsConfig config;
    private final Duration minAge;

    public OrphanSnapshotPolicy(OrphanSnapshotsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.minAge = Duration.ofDays(config.minAgeDays());
    }

    /** Plans with the volume set unknown: in scope {@code unreferenced}, description-less snapshots are kept. */
    public Plan plan(Inventory inventory, Instant now) {
        return plan(inventory, null, now);
    }

    /**
     * Plans one region. {@code existingVolumeIds}: every EBS volume id in the region, or null when they could
     * not be read (then no snapshot is deleted for its volume being gone).
     */
    public Plan plan(Inventory inventory, Set<String> existingVolumeIds, Instant now) {
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(now, "now");
        VolumeLookup volumes = existingVolumeIds == null ? id -> null : existingVolumeIds::contains;
        Evidence evidence = new Evidence(inventory, volumes, now);
        List<Action> actions = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        for (Snapshot snapshot : inventory.snapshots()) {
            Verdict verdict = decide(snapshot, evidence);
            if (verdict.delete()) {
                actions.add(deletion(snapshot, verdict));
            } else {
                kept.add(new Kept(snapshot.region(), ResourceType.SNAPSHOT, snapshot.snapshotId(), verdict.reason()));
            }
        }
        return new Plan(actions, kept);
    }

    /**
     * Re-checks one planned deletion just before it is made (invariant 6): empty when the snapshot still
     * qualifies, else why to skip it. {@code current} is the snapshot as described now (null when it is gone);
     * {@code freshImages} must hold, read now, at least every image that references the snapshot and the image
     * its description names (its snapshots are not used). The volume is not re-read: EBS never reuses a volume
     * id, so a volume gone at plan time stays gone.
     */
    public Optional<String> recheck(Snapshot current, Inventory freshImages, Instant now) {
        Objects.requireNonNull(freshImages, "freshImages");
        Objects.requireNonNull(now, "now");
        if (current == null) {
            return Optional.of(KeepReason.GONE);
        }
        if (!current.region().equals(freshImages.region())) {
            return Optional.of(KeepReason.REGION_MISMATCH + freshImages.region());
        }
        Verdict verdict = decide(current, new Evidence(freshImages, id -> false, now));
        return verdict.delete() ? Optional.empty() : Optional.of(verdict.reason());
    }

    private Verdict decide(Snapshot snapshot, Evidence evidence) {
        if (!config.enabled()) {
            return Verdict.keep(KeepReason.DISABLED);
        }
        if (evidence.accountId() == null || !evidence.accountId().equals(snapshot.ownerId())) {
            return Verdict.keep(KeepReason.NOT_OWNED);
        }
        Set<String> referencedBy = evidence.imagesBySnapshot().get(snapshot.snapshotId());
        if (referencedBy != null && !referencedBy.isEmpty()) {
            return Verdict.keep(KeepReason.REFERENCED_BY + String.join(",", referencedBy));
        }
        Optional<ManagedBy.Evidence> managed = ManagedBy.of(snapshot);
        if (managed.isPresent()) {
            return Verdict.keep(managed.get().by() == ManagedBy.AWS_BACKUP ? KeepReason.AWS_BACKUP : KeepReason.DLM);
        }
        SnapshotOrigin origin = SnapshotOrigin.parse(snapshot.description());
        Optional<String> exempt = ExemptTags.find(snapshot.tags(), config.exemptTagKeys());
        if (exempt.isPresent()) {
            return Verdict.keep(KeepReason.EXEMPT_TAG + exempt.get());
        }
        String state = snapshot.state() == null ? "" : snapshot.state().toLowerCase(Locale.ROOT);
        if (state.equals("pending")) {
            return Verdict.keep(KeepReason.PENDING);
        }
        if (state.equals("recoverable") || state.equals("recovering")) {
            return Verdict.keep(KeepReason.STATE + state);
        }
        Verdict inScope = scope(snapshot, origin, evidence);
        if (!inScope.delete()) {
            return inScope;
        }
        if (snapshot.startTime() == null || snapshot.startTime().plus(minAge).isAfter(evidence.now())) {
            return Verdict.keep(KeepReason.MIN_AGE);
        }
        return inScope;
    }

    private Verdict scope(Snapshot snapshot, SnapshotOrigin origin, Evidence evidence) {
        Optional<String> amiId = origin.amiId();
        if (amiId.isPresent()) {
            String ami = amiId.get();
            return evidence.imageIds().contains(ami)
                    ? Verdict.keep(KeepReason.AMI_EXISTS + ami)
                    : Verdict.delete("orphan: " + ami + " deregistered", ami);
        }
        if (config.scope() != OrphanScope.UNREFERENCED) {
            return Verdict.keep(KeepReason.OUT_OF_SCOPE);
        }
        String volumeId = snapshot.volumeId();
        if (volumeId == null || volumeId.isBlank()) {
            return Verdict.keep(KeepReason.VOLUME_UNKNOWN);
        }
        if (volumeId.equals(PLACEHOLDER_VOLUME_ID)) {
            return Verdict.keep(KeepReason.VOLUME_UNKNOWN + ": " + volumeId);
        }
        Boolean exists = evidence.volumes().exists(volumeId);
        if (exists == null) {
            return Verdict.keep(KeepReason.VOLUME_UNKNOWN);
        }
        return exists
                ? Verdict.keep(KeepReason.VOLUME_EXISTS + volumeId)
                : Verdict.delete("orphan: unreferenced, volume " + volumeId + " gone", null);
    }

    /**
     * The deletion of {@code snapshot}: its volume size is the savings basis, and its sizes lead the report's detail,
     * since they are what a user weighs first; the AMI its description names is what the re-check describes.
     */
    private static Action.DeleteSnapshot deletion(Snapshot snapshot, Verdict verdict) {
        int volumeSize = Math.max(snapshot.volumeSize(), 0);
        return new Action.DeleteSnapshot(snapshot.region(), snapshot.snapshotId(), verdict.reason(), volumeSize,
                snapshot.fullSnapshotSizeInBytes(), verdict.imageId(), List.of(),
                sizes(volumeSize, snapshot.fullSnapshotSizeInBytes()));
    }

    /** {@code 8 GiB volume, 2.37 GiB full snapshot}; the full size only where EC2 reports it; null for neither. */
    static String sizes(int volumeSize, Long fullSizeBytes) {
        List<String> parts = new ArrayList<>(2);
        if (volumeSize > 0) {
            parts.add(volumeSize + " GiB volume");
        }
        if (fullSizeBytes != null) {
            parts.add(String.format(Locale.ROOT, "%.2f GiB full snapshot", fullSizeBytes / BYTES_PER_GIB));
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    /**
     * The reasons a snapshot is kept (or a planned deletion skipped), as they appear in reports. A constant
     * ending in a separator is followed by its evidence: {@code referenced-by: ami-1,ami-2}, {@code exempt-tag Retain}.
     */
    public static final class KeepReason {
        public static final String DISABLED = "disabled";
        public static final String NOT_OWNED = "not-owned";
        public static final String REFERENCED_BY = "referenced-by: ";
        public static final String AWS_BACKUP = ManagedBy.AWS_BACKUP.reason();
        public static final String DLM = ManagedBy.DLM.reason();
        public static final String EXEMPT_TAG = "exempt-tag ";
        public static final String PENDING = "pending";
        /** Followed by {@code recoverable} or {@code recovering}. */
        public static final String STATE = "state: ";
        public static final String AMI_EXISTS = "ami-exists: ";
        public static final String OUT_OF_SCOPE = "out-of-scope";
        /** Alone when the volume set is unknown; {@code volume-unknown: vol-ffffffff} for copied/imported snapshots. */
        public static final String VOLUME_UNKNOWN = "volume-unknown";
        public static final String VOLUME_EXISTS = "volume-exists: ";
        public static final String MIN_AGE = "min-age";
        /** Re-check only: the snapshot no longer exists. */
        public static final String GONE = "gone";
        /** Re-check only: the fresh images are of another region than the snapshot. */
        public static final String REGION_MISMATCH = "region-mismatch: ";

        private KeepReason() {
        }
    }

    /** Whether a volume exists: TRUE, FALSE, or null when unknown. */
    @FunctionalInterface
    private interface VolumeLookup {
        Boolean exists(String volumeId);
    }

    /** What one decision looks at, indexed once per plan so that planning stays linear. */
    private record Evidence(String accountId, Map<String, Set<String>> imagesBySnapshot, Set<String> imageIds,
                            VolumeLookup volumes, Instant now) {
        Evidence(Inventory inventory, VolumeLookup volumes, Instant now) {
            this(inventory.accountId(), inventory.imagesBySnapshot(), inventory.imageIds(), volumes, now);
        }
    }

    private record Verdict(boolean delete, String reason, String imageId) {
        static Verdict keep(String reason) {
            return new Verdict(false, reason, null);
        }

        static Verdict delete(String reason, String imageId) {
            return new Verdict(true, reason, imageId);
        }
    }
}
