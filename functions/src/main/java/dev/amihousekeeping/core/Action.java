package dev.amihousekeeping.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One planned change, as the policy decided it: everything the applier needs is a typed field, read as it was
 * planned, never parsed back from text. {@code reason} is the rule that fired, in words a user reads before
 * turning dry-run off; {@link #type()} is the action's name in the report (DESIGN §7).
 */
public sealed interface Action {

    String region();

    /** What the action changes: its type's resource, or the one a {@link RemoveGrants} or {@link Tag} names. */
    default ResourceType resourceType() {
        return type().resourceType().orElseThrow();
    }

    String resourceId();

    ActionType type();

    String reason();

    /** The snapshot GiB this action frees when done: the basis of the savings estimate. */
    default double freedGiB() {
        return 0;
    }

    /**
     * What the report's detail leads with whatever the outcome (orphan-snapshots: the snapshot's sizes, what a user
     * weighs first); null for none.
     */
    default String detailLead() {
        return null;
    }

    /**
     * {@code mark} an image (the notice stage, {@code expiry.noticeDays}): tag {@code tagKey} = {@code noticeDate}, the
     * first day a later stage may touch it. Planned only for an image without that tag: a notice date is never moved.
     */
    record Mark(String region, String resourceId, String reason, String tagKey, LocalDate noticeDate)
            implements Action {

        public Mark {
            requireCommon(region, resourceId, reason);
            Objects.requireNonNull(tagKey, "tagKey");
            Objects.requireNonNull(noticeDate, "noticeDate");
        }

        @Override
        public ActionType type() {
            return ActionType.MARK;
        }
    }

    /**
     * {@code disable} an image (DisableImage: reversible by EnableImage; its launch permissions go) and tag
     * {@code tagKey} = {@code disabledOn}, which dates the stage. {@code alreadyDisabled}: it is disabled but lacks
     * the tag (a person disabled it, or the tag did not land), so only the tag is written.
     */
    record Disable(String region, String resourceId, String reason, String tagKey, LocalDate disabledOn,
                   boolean alreadyDisabled, List<String> newestInLineage) implements Action {

        public Disable {
            requireCommon(region, resourceId, reason);
            Objects.requireNonNull(tagKey, "tagKey");
            Objects.requireNonNull(disabledOn, "disabledOn");
            newestInLineage = newestInLineage == null ? List.of() : List.copyOf(newestInLineage);
        }

        @Override
        public ActionType type() {
            return ActionType.DISABLE;
        }
    }

    /**
     * {@code deprecate} an image. EC2 refuses a DeprecateAt in the past and rounds seconds to the nearest minute
     * (EnableImageDeprecation API reference), so the applier sends the later of {@code deprecateAt} (the plan's
     * now; null: none asked) and its own clock rounded up to the next minute. {@code newestInLineage}: the newest
     * {@code keepLatest} images of its lineage at planning, which the re-check reads again.
     */
    record Deprecate(String region, String resourceId, String reason, Instant deprecateAt,
                     List<String> newestInLineage) implements Action {

        public Deprecate {
            requireCommon(region, resourceId, reason);
            newestInLineage = newestInLineage == null ? List.of() : List.copyOf(newestInLineage);
        }

        @Override
        public ActionType type() {
            return ActionType.DEPRECATE;
        }
    }

    /**
     * {@code deregister} an image. With {@code deleteSnapshots}, {@code snapshotIds} are deleted with it: only ones
     * no other image uses and this account owns; null means "not planned: the image's snapshots as read just before
     * deregistering". {@code keptSnapshots} are the image's snapshots that stay, each with why
     * ({@code snap-1 (used by ami-2)}); when there are any, EC2 is not asked to delete associated snapshots at all and
     * only {@code snapshotIds} are deleted. {@code snapshotGiB}: the total size of {@code snapshotIds}.
     */
    record Deregister(String region, String resourceId, String reason, boolean deleteSnapshots,
                      List<String> snapshotIds, List<String> keptSnapshots, long snapshotGiB,
                      List<String> newestInLineage) implements Action {

        public Deregister {
            requireCommon(region, resourceId, reason);
            snapshotIds = snapshotIds == null ? null : List.copyOf(snapshotIds);
            keptSnapshots = keptSnapshots == null ? List.of() : List.copyOf(keptSnapshots);
            newestInLineage = newestInLineage == null ? List.of() : List.copyOf(newestInLineage);
            if (snapshotGiB < 0) {
                throw new IllegalArgumentException("snapshotGiB must not be negative: " + snapshotGiB);
            }
        }

        @Override
        public ActionType type() {
            return ActionType.DEREGISTER;
        }

        @Override
        public double freedGiB() {
            return snapshotGiB;
        }
    }

    /**
     * {@code deregister} a copy cross-region-copy made that ended {@code failed}: the only image that function ever
     * deregisters. Its snapshots, if any are left, are CopyImage's: orphan-snapshots deletes them in its time. The
     * re-check wants it still failed, tagged as a copy of {@code sourceImageId} and owned by {@code ownerId}.
     */
    record DeregisterFailedCopy(String region, String resourceId, String reason, String sourceImageId,
                                String sourceRegion, String ownerId) implements Action {

        public DeregisterFailedCopy {
            requireCommon(region, resourceId, reason);
            Objects.requireNonNull(sourceImageId, "sourceImageId");
            Objects.requireNonNull(sourceRegion, "sourceRegion");
        }

        @Override
        public ActionType type() {
            return ActionType.DEREGISTER;
        }
    }

    /**
     * {@code delete-snapshot}. {@code volumeSizeGiB} (0: unknown) is the savings basis; {@code fullSizeBytes} (null:
     * EC2 did not report it) is shown; {@code namedImageId} is the AMI the description names, so that a re-check
     * describes exactly that AMI; {@code sharedBy} the deregistered images that used it (expiry); {@code detailLead}
     * what the report's detail leads with.
     */
    record DeleteSnapshot(String region, String resourceId, String reason, int volumeSizeGiB, Long fullSizeBytes,
                          String namedImageId, List<String> sharedBy, String detailLead) implements Action {

        public DeleteSnapshot {
            requireCommon(region, resourceId, reason);
            sharedBy = sharedBy == null ? List.of() : List.copyOf(sharedBy);
            if (volumeSizeGiB < 0) {
                throw new IllegalArgumentException("volumeSizeGiB must not be negative: " + volumeSizeGiB);
            }
        }

        @Override
        public ActionType type() {
            return ActionType.DELETE_SNAPSHOT;
        }

        @Override
        public double freedGiB() {
            return volumeSizeGiB;
        }
    }

    /** {@code remove-grant}: exactly {@code grants} from an image (launch) or a snapshot (create-volume). */
    record RemoveGrants(String region, ResourceType resourceType, String resourceId, String reason,
                        List<LaunchPermission> grants) implements Action {

        public RemoveGrants {
            requireCommon(region, resourceId, reason);
            if (resourceType != ResourceType.IMAGE && resourceType != ResourceType.SNAPSHOT) {
                throw new IllegalArgumentException("grants are removed from an image or a snapshot, not " + resourceType);
            }
            grants = List.copyOf(grants);
        }

        @Override
        public ActionType type() {
            return ActionType.REMOVE_GRANT;
        }
    }

    /**
     * {@code enable-block-public-access} of one region's {@code scope} ({@code image} or {@code snapshot}); the
     * resource id is the setting's name. {@code state} is what snapshots get ({@code block-new-sharing} or
     * {@code block-all-sharing}); images have one blocked state, {@code block-new-sharing}.
     */
    record EnableBlockPublicAccess(String region, String resourceId, String reason, String scope, String state)
            implements Action {

        public EnableBlockPublicAccess {
            requireCommon(region, resourceId, reason);
            if (!"image".equals(scope) && !"snapshot".equals(scope)) {
                throw new IllegalArgumentException("scope must be image or snapshot, got " + scope);
            }
            Objects.requireNonNull(state, "state");
        }

        @Override
        public ActionType type() {
            return ActionType.ENABLE_BLOCK_PUBLIC_ACCESS;
        }
    }

    /**
     * {@code copy}: the region is the DESTINATION, the resource the source image ({@code resourceId}) in
     * {@code sourceRegion}. {@code name} is required by CopyImage; {@code kmsKeyId} set means an encrypted copy;
     * {@code clientToken} is deterministic per source and destination (invariant 7); {@code tags} go on the new
     * image; {@code replacesFailedCopies} are the failed copies that must be deregistered before it goes.
     */
    record Copy(String region, String resourceId, String reason, String sourceRegion, String name,
                String description, String kmsKeyId, String clientToken, boolean copyImageTags,
                Map<String, String> tags, List<String> replacesFailedCopies) implements Action {

        public Copy {
            requireCommon(region, resourceId, reason);
            Objects.requireNonNull(sourceRegion, "sourceRegion");
            Objects.requireNonNull(name, "name");
            tags = sorted(tags);
            replacesFailedCopies = replacesFailedCopies == null ? List.of() : List.copyOf(replacesFailedCopies);
        }

        /** The source image's id: the resource the copy is planned for. */
        public String sourceImageId() {
            return resourceId;
        }

        /** Whether the copy is encrypted: a KMS key is configured for its destination. */
        public boolean encrypted() {
            return kmsKeyId != null;
        }

        @Override
        public ActionType type() {
            return ActionType.COPY;
        }
    }

    /** {@code tag}: add {@code tags} (sorted by key) to an image or a snapshot; at least one. */
    record Tag(String region, ResourceType resourceType, String resourceId, String reason, Map<String, String> tags)
            implements Action {

        public Tag {
            requireCommon(region, resourceId, reason);
            Objects.requireNonNull(resourceType, "resourceType");
            tags = sorted(tags);
            if (tags.isEmpty()) {
                throw new IllegalArgumentException("a tag action needs at least one tag");
            }
        }

        @Override
        public ActionType type() {
            return ActionType.TAG;
        }
    }

    /**
     * {@code restore} an image or a snapshot from the Recycle Bin ({@code ami-housekeeping restore}), then remove
     * {@code stageTags} from it: the tags of the housekeeper's stages that it still carries. {@code enableImage}: the
     * image was disabled by the housekeeper's disable stage (it carries {@code HousekeepingDisabledOn}), so the
     * restore undoes that stage too. {@code binExitTime}: when the bin purges it (null: unknown).
     */
    record Restore(String region, ResourceType resourceType, String resourceId, String reason,
                   List<String> stageTags, boolean enableImage, Instant binExitTime) implements Action {

        public Restore {
            requireCommon(region, resourceId, reason);
            if (resourceType != ResourceType.IMAGE && resourceType != ResourceType.SNAPSHOT) {
                throw new IllegalArgumentException("the Recycle Bin restores an image or a snapshot, not "
                        + resourceType);
            }
            if (enableImage && resourceType != ResourceType.IMAGE) {
                throw new IllegalArgumentException("only an image is enabled after its restore");
            }
            stageTags = stageTags == null ? List.of() : List.copyOf(stageTags);
        }

        @Override
        public ActionType type() {
            return ActionType.RESTORE;
        }

        @Override
        public String detailLead() {
            return binExitTime == null ? null : "in the Recycle Bin until " + binExitTime;
        }
    }

    /**
     * {@code tag}, removing: delete the tags {@code keys} from an image or a snapshot (expiry: the notice tag of an
     * AMI that was exempted or is no longer expired). Reported under the action name {@code tag}, the one DESIGN §7
     * has for a change of tags.
     */
    record RemoveTags(String region, ResourceType resourceType, String resourceId, String reason, List<String> keys)
            implements Action {

        public RemoveTags {
            requireCommon(region, resourceId, reason);
            Objects.requireNonNull(resourceType, "resourceType");
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("a tag removal needs at least one key");
            }
        }

        @Override
        public ActionType type() {
            return ActionType.TAG;
        }
    }

    /**
     * {@code set-parameter}: the SSM parameter {@code resourceId} (its full name) in {@code region} names
     * {@code imageId}, the newest available AMI of {@code lineage} there, created at {@code imageCreatedAt}.
     * {@code create}: the parameter did not exist at planning, so it is created with the {@code ManagedBy} tag;
     * otherwise it existed, tagged as ours, and its value is overwritten. {@code previousValue}: its value at
     * planning (null when created). The re-check reads the parameter, its tags and the images again.
     */
    record SetParameter(String region, String resourceId, String reason, String imageId, Instant imageCreatedAt,
                        String lineage, boolean create, String previousValue) implements Action {

        public SetParameter {
            requireCommon(region, resourceId, reason);
            Objects.requireNonNull(imageId, "imageId");
            Objects.requireNonNull(lineage, "lineage");
        }

        @Override
        public ActionType type() {
            return ActionType.SET_PARAMETER;
        }
    }

    private static void requireCommon(String region, String resourceId, String reason) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(reason, "reason");
    }

    private static Map<String, String> sorted(Map<String, String> tags) {
        return tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }
}
