package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.CrossRegionCopyPolicy;
import dev.amihousekeeping.core.LatestParameterPolicy;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.core.port.Applied;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Carries out each kind of {@link Action} through the {@link Ec2Gateway}, reading the action's typed fields as
 * planned. EC2 errors that are outcomes become {@code skipped} (already gone, snapshot in use); other EC2 errors
 * are thrown and become the action's {@code failed} outcome in the executor. Deregistration with snapshots is
 * split into its own class, {@link DeregisterWithSnapshots}, and so is grant removal, {@link GrantRemoval}, which
 * reads the grants before removing them here.
 */
public final class Ec2ActionApplier implements ActionApplier {

    private final Ec2Gateway gateway;
    private final Clock clock;
    private final RecycleTagging recycle;
    private final DeregisterWithSnapshots deregister;
    private final GrantRemoval grantRemoval;

    /** An applier that writes no recycle tags: for functions that deregister or delete nothing worth restoring. */
    public Ec2ActionApplier(Ec2Gateway gateway, Clock clock) {
        this(gateway, clock, Map.of());
    }

    /**
     * {@code recycleTags} (empty: none): written on an image and each snapshot it deletes before a deregistration,
     * and on a snapshot before its deletion (DESIGN §5 "Recycle Bin", invariant 13); when that tagging fails,
     * nothing of the action is deregistered or deleted.
     */
    public Ec2ActionApplier(Ec2Gateway gateway, Clock clock, Map<String, String> recycleTags) {
        this.gateway = gateway;
        this.clock = clock;
        this.recycle = new RecycleTagging(gateway, recycleTags);
        this.deregister = new DeregisterWithSnapshots(gateway, recycle);
        this.grantRemoval = new GrantRemoval(gateway);
    }

    /** The IAM action of a {@link Action.RemoveTags} (reported as {@code tag}): only expiry removes tags. */
    public static final Set<String> IAM_REMOVE_TAGS = Set.of("ec2:DeleteTags");

    /**
     * The EC2 API calls this applier makes for an action of {@code type}, as IAM actions: what a function that
     * applies such actions must be granted (infra derives its policy statements from this, through
     * {@code run/FunctionCalls}). Declared here, beside the code that makes the calls;
     * {@code Ec2ActionApplierPermissionsSandboxTest} applies each kind of action to the sandbox and checks that the
     * calls it sees are exactly these. The re-check's reads (Describe*) are the precondition's, not the applier's.
     * {@code on}: what the calls concern, the image or the snapshot side (a deregistration's snapshots, the image or
     * the snapshot block public access setting), so that a function whose plans never touch snapshots is not granted
     * the snapshot calls; or an SSM parameter, which only {@code set-parameter} changes.
     */
    public static Set<String> apiCalls(ActionType type, ResourceType on) {
        if (on == ResourceType.PARAMETER || type == ActionType.SET_PARAMETER) {
            return type == ActionType.SET_PARAMETER && on == ResourceType.PARAMETER ? Set.of("ssm:PutParameter")
                    : Set.of();
        }
        boolean image = on == ResourceType.IMAGE;
        return switch (type) {
            case MARK -> image ? Set.of("ec2:CreateTags") : Set.of();
            case DEPRECATE -> image ? Set.of("ec2:EnableImageDeprecation") : Set.of();
            case DISABLE -> image ? Set.of("ec2:DisableImage", "ec2:CreateTags") : Set.of();
            // DescribeImages: the image's snapshots when the plan did not name them (DeregisterWithSnapshots);
            // DeleteSnapshot: the snapshots EC2 did not delete with the image; CreateTags: the recycle tags, on the
            // image and on the snapshots it deletes, first (RecycleTagging).
            // DeleteTags: the recycle tags off a snapshot EC2 refused to delete (in use), which stays.
            case DEREGISTER -> image ? Set.of("ec2:CreateTags", "ec2:DeregisterImage", "ec2:DescribeImages")
                    : Set.of("ec2:CreateTags", "ec2:DeleteSnapshot", "ec2:DeleteTags");
            case DELETE_SNAPSHOT -> image ? Set.of() : Set.of("ec2:CreateTags", "ec2:DeleteSnapshot", "ec2:DeleteTags");
            // GrantRemoval reads the grants before and after removing them.
            case REMOVE_GRANT -> image ? Set.of("ec2:DescribeImageAttribute", "ec2:ModifyImageAttribute")
                    : Set.of("ec2:DescribeSnapshotAttribute", "ec2:ModifySnapshotAttribute");
            case ENABLE_BLOCK_PUBLIC_ACCESS -> image
                    ? Set.of("ec2:GetImageBlockPublicAccessState", "ec2:EnableImageBlockPublicAccess")
                    : Set.of("ec2:GetSnapshotBlockPublicAccessState", "ec2:EnableSnapshotBlockPublicAccess");
            case TAG -> Set.of("ec2:CreateTags");
            case COPY -> image ? Set.of("ec2:CopyImage") : Set.of();
            // No function restores: the CLI's restore does, with the user's credentials (RecycleBinGateway).
            case RESTORE -> Set.of();
            case SET_PARAMETER -> Set.of(); // above
        };
    }

    /** {@link #apiCalls(ActionType, ResourceType)} on every side. */
    public static Set<String> apiCalls(ActionType type) {
        Set<String> calls = new TreeSet<>(apiCalls(type, ResourceType.IMAGE));
        calls.addAll(apiCalls(type, ResourceType.SNAPSHOT));
        calls.addAll(apiCalls(type, ResourceType.PARAMETER));
        return Collections.unmodifiableSet(calls);
    }

    /**
     * What EC2 asks of the key of a source AMI encrypted with a customer managed key when CopyImage copies it; EBS
     * holds a grant on the key while it copies (EC2 User Guide, "Copy an AMI": encrypted snapshots; from knowledge,
     * not checked against a live account).
     */
    public static final Set<String> IAM_SOURCE_KEY = Set.of("kms:DescribeKey", "kms:Decrypt", "kms:ReEncryptFrom",
            "kms:CreateGrant");
    /** What EC2 asks of the key a copy is encrypted with ({@code kmsKeyId}): the source key's, and to encrypt. */
    public static final Set<String> IAM_COPY_KEY = Set.of("kms:DescribeKey", "kms:Decrypt", "kms:ReEncryptFrom",
            "kms:CreateGrant", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptTo");

    /**
     * {@link #apiCalls(ActionType, ResourceType)} and the permissions those calls need beyond their own action,
     * which no call log shows (EC2 API and KMS documentation, from knowledge; not checked against a live account):
     * CopyImage with TagSpecifications needs {@code ec2:CreateTags} on the new image, and a source encrypted with a
     * customer managed key needs {@link #IAM_SOURCE_KEY}; a copy into a key of its own needs {@link #IAM_COPY_KEY}
     * too, which {@code run/FunctionCalls} adds where a destination has a {@code kmsKeyId}. DeregisterImage with
     * DeleteAssociatedSnapshots needs {@code ec2:DeleteSnapshot}, already among the calls.
     */
    public static Set<String> iamActions(ActionType type, ResourceType on) {
        Set<String> actions = new TreeSet<>(apiCalls(type, on));
        if (type == ActionType.COPY && on == ResourceType.IMAGE) {
            actions.add("ec2:CreateTags");
            actions.addAll(IAM_SOURCE_KEY);
        }
        if (type == ActionType.SET_PARAMETER && on == ResourceType.PARAMETER) {
            // PutParameter with Tags is also authorized as ssm:AddTagsToResource on the new parameter (SSM user guide,
            // "Tagging parameters"; from knowledge, not checked against a live account): without it the create fails.
            actions.add("ssm:AddTagsToResource");
        }
        return Collections.unmodifiableSet(actions);
    }

    /** {@link #iamActions(ActionType, ResourceType)} on every side, and a copy's own key. */
    public static Set<String> iamActions(ActionType type) {
        Set<String> actions = new TreeSet<>(iamActions(type, ResourceType.IMAGE));
        actions.addAll(iamActions(type, ResourceType.SNAPSHOT));
        actions.addAll(iamActions(type, ResourceType.PARAMETER));
        if (type == ActionType.COPY) {
            actions.addAll(IAM_COPY_KEY);
        }
        return Collections.unmodifiableSet(actions);
    }

    @Override
    public Applied apply(Action action) throws Ec2OutcomeException {
        if (action instanceof Action.Mark mark) {
            return mark(mark);
        }
        if (action instanceof Action.Deprecate deprecate) {
            return deprecate(deprecate);
        }
        if (action instanceof Action.Disable disable) {
            return disable(disable);
        }
        if (action instanceof Action.RemoveTags removal) {
            return removeTags(removal);
        }
        if (action instanceof Action.Deregister deregistration) {
            return deregister.apply(deregistration);
        }
        if (action instanceof Action.DeregisterFailedCopy failedCopy) {
            return deregister.apply(failedCopy);
        }
        if (action instanceof Action.DeleteSnapshot deletion) {
            return deleteSnapshot(deletion);
        }
        if (action instanceof Action.RemoveGrants removal) {
            return grantRemoval.readAndRemove(removal).applied();
        }
        if (action instanceof Action.EnableBlockPublicAccess enable) {
            return enableBlockPublicAccess(enable);
        }
        if (action instanceof Action.Tag tag) {
            return tag(tag);
        }
        if (action instanceof Action.Restore) {
            throw new IllegalArgumentException("a restore is applied by RecycleBinGateway, not by a function");
        }
        if (action instanceof Action.SetParameter set) {
            return setParameter(set);
        }
        return copy((Action.Copy) action);
    }

    private Applied deprecate(Action.Deprecate action) throws Ec2OutcomeException {
        // EC2 refuses a DeprecateAt in the past and rounds seconds; so never earlier than the next whole minute.
        Instant floor = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant at = action.deprecateAt() == null ? floor : max(action.deprecateAt(), floor);
        try {
            gateway.deprecate(action.region(), action.resourceId(), at);
            return Applied.done("deprecation time set to " + at);
        } catch (Ec2OutcomeException e) {
            return goneOrRethrow(e, "image already gone");
        }
    }

    private Applied mark(Action.Mark action) throws Ec2OutcomeException {
        try {
            gateway.createTags(action.region(), List.of(action.resourceId()),
                    Map.of(action.tagKey(), action.noticeDate().toString()));
            return Applied.done("notice: " + action.tagKey() + "=" + action.noticeDate());
        } catch (Ec2OutcomeException e) {
            return goneOrRethrow(e, "image already gone");
        }
    }

    /**
     * DisableImage, then the tag that dates the stage: a tag that fails after the disable fails the action, and the
     * next run, finding the image disabled without its tag, writes the tag only.
     */
    private Applied disable(Action.Disable action) throws Ec2OutcomeException {
        String tag = action.tagKey() + "=" + action.disabledOn();
        try {
            if (!action.alreadyDisabled()) {
                gateway.disableImage(action.region(), action.resourceId());
            }
            gateway.createTags(action.region(), List.of(action.resourceId()),
                    Map.of(action.tagKey(), action.disabledOn().toString()));
            return Applied.done((action.alreadyDisabled() ? "already disabled; " : "disabled; ") + tag);
        } catch (Ec2OutcomeException e) {
            return goneOrRethrow(e, "image already gone");
        }
    }

    private Applied removeTags(Action.RemoveTags action) throws Ec2OutcomeException {
        try {
            gateway.deleteTags(action.region(), List.of(action.resourceId()), action.keys());
            return Applied.done("removed tags " + action.keys());
        } catch (Ec2OutcomeException e) {
            return goneOrRethrow(e, "resource already gone");
        }
    }

    private Applied deleteSnapshot(Action.DeleteSnapshot action) {
        try {
            Optional<String> untagged = recycle.tag(action.region(), List.of(action.resourceId()));
            if (untagged.isPresent()) {
                return Applied.failed(untagged.get());
            }
            gateway.deleteSnapshot(action.region(), action.resourceId());
            return Applied.done("snapshot deleted");
        } catch (Ec2OutcomeException e) {
            if (e.kind() == Ec2OutcomeException.Kind.GONE) {
                return Applied.skipped("snapshot already deleted (" + e.errorCode() + ")");
            }
            // It stays (in use): without the recycle tags, which would say it went.
            String left = recycle.untag(action.region(), List.of(action.resourceId())).map(l -> "; " + l).orElse("");
            return Applied.skipped(e.errorCode() + ": " + e.errorMessage() + left);
        }
    }

    private Applied enableBlockPublicAccess(Action.EnableBlockPublicAccess action) {
        String region = action.region();
        if (action.scope().equals("image")) {
            String before = gateway.imageBlockPublicAccessState(region);
            if ("block-new-sharing".equals(before)) {
                return Applied.skipped("image block public access already block-new-sharing");
            }
            gateway.enableImageBlockPublicAccess(region);
            return Applied.done("image block public access " + before + " -> block-new-sharing");
        }
        // block-new-sharing, as planned: it stops new public shares and leaves existing, allowlisted ones to the
        // grant-by-grant remediation, which honours the allowlist.
        String wanted = action.state();
        String before = gateway.snapshotBlockPublicAccessState(region);
        if (wanted.equals(before) || "block-all-sharing".equals(before)) {
            return Applied.skipped("snapshot block public access already " + before);
        }
        gateway.enableSnapshotBlockPublicAccess(region, wanted);
        return Applied.done("snapshot block public access " + before + " -> " + wanted);
    }

    private Applied tag(Action.Tag action) throws Ec2OutcomeException {
        try {
            gateway.createTags(action.region(), List.of(action.resourceId()), action.tags());
            return Applied.done("tagged " + action.tags());
        } catch (Ec2OutcomeException e) {
            return goneOrRethrow(e, "resource already gone");
        }
    }

    /**
     * Creates the parameter with our {@code ManagedBy} tag, or overwrites the value of one the re-check just read as
     * ours; SSM checks the AMI asynchronously. A parameter someone created since the re-check is left to them.
     */
    private Applied setParameter(Action.SetParameter action) {
        ParameterStore parameters = gateway.parameters();
        if (action.create()) {
            return parameters.create(action.region(), action.resourceId(), action.imageId(),
                    Map.of(LatestParameterPolicy.MANAGED_BY_TAG, LatestParameterPolicy.MANAGED_BY_VALUE))
                    ? Applied.done("created, names " + action.imageId())
                    : Applied.skipped("created by someone else meanwhile (ParameterAlreadyExists); left alone");
        }
        long version = parameters.overwrite(action.region(), action.resourceId(), action.imageId());
        return Applied.done(action.previousValue() + " -> " + action.imageId() + " (version " + version + ")");
    }

    private Applied copy(Action.Copy action) throws Ec2OutcomeException {
        String sourceRegion = action.sourceRegion();
        String sourceImageId = action.sourceImageId();
        String kmsKeyId = action.kmsKeyId();
        ImageCopy copy = new ImageCopy(sourceRegion, sourceImageId, action.region(), action.name(),
                action.description(), kmsKeyId, clientToken(action), action.copyImageTags(), action.tags());
        try {
            String newImageId = gateway.copyImage(copy);
            return Applied.done("copy " + newImageId + " started in " + action.region());
        } catch (Ec2OutcomeException e) {
            return goneOrRethrow(e, "source image " + sourceImageId + " gone in " + sourceRegion);
        } catch (Ec2Exception e) {
            // KMS and permission errors name the place and the key, so that the fix is obvious (DESIGN §5).
            return Applied.failed(e.errorCode() + ": " + e.errorMessage() + " (destination " + action.region()
                    + (kmsKeyId == null ? "" : ", kmsKeyId " + kmsKeyId) + ")");
        }
    }

    /**
     * The planner's token (invariant 7), else the same derivation the planner uses: one definition, in core, so
     * that a copy planned by any path and applied by any path asks EC2 with the same token.
     */
    private static String clientToken(Action.Copy action) {
        String planned = action.clientToken();
        return planned != null && !planned.isBlank() ? planned
                : CrossRegionCopyPolicy.clientToken(action.sourceRegion(), action.sourceImageId(), action.region());
    }

    static Applied goneOrRethrow(Ec2OutcomeException e, String what) throws Ec2OutcomeException {
        if (e.kind() == Ec2OutcomeException.Kind.GONE) {
            return Applied.skipped(what + " (" + e.errorCode() + ")");
        }
        throw e;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
