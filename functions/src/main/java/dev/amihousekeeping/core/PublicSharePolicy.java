package dev.amihousekeeping.core;

import dev.amihousekeeping.config.PublicShareConfig;
import dev.amihousekeeping.config.PublicShareMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides which grants public-share removes (DESIGN §5). A grant is offending when it is {@code group=all}
 * (public; allowed only for an AMI listed in {@code allowedPublicImageIds}, never for a snapshot) or names an
 * account, organization or OU that is not on its allowlist; this account itself is always allowed.
 *
 * <p>Callers pass the grants as they are <em>now</em> (DescribeImageAttribute/DescribeSnapshotAttribute), never
 * the grants an event asked for. In {@code remediate} mode each resource with offending grants gets one
 * {@code remove-grant} action that carries exactly those grants in {@link Action.RemoveGrants#grants()}, and nothing else
 * (invariant 9). In {@code alert} mode it is {@link Kept} with {@code alert-only: <reason>}: alert mode plans no
 * action at all, so no executor can change anything in it, and the report still lists the finding.
 */
public final class PublicSharePolicy {

    /** {@code resourceId} of the account-wide setting for AMIs. */
    public static final String IMAGE_BLOCK_PUBLIC_ACCESS = "image-block-public-access";
    /** {@code resourceId} of the account-wide setting for EBS snapshots. */
    public static final String SNAPSHOT_BLOCK_PUBLIC_ACCESS = "snapshot-block-public-access";
    /** Action parameter of {@code enable-block-public-access}: the state to set. */
    /** The state the sweep sets: new public sharing is refused, existing grants stay until removed. */
    public static final String BLOCK_NEW_SHARING = "block-new-sharing";
    /** The only state in which block public access is off, for AMIs and for snapshots alike. */
    public static final String UNBLOCKED = "unblocked";

    private final PublicShareConfig config;
    private final String ownAccountId;
    private static final Pattern ORGANIZATIONS_ARN = Pattern.compile(
            "arn:aws[a-z-]*:organizations::[0-9]{12}:(?:organization|ou)/(o-[a-z0-9]{10,32})(?:/ou-[a-z0-9-]+)?");

    private final Set<String> allowedAccountIds;
    private final Set<String> allowedOrganizationArns;
    private final Set<String> allowedOrganizationalUnitArns;
    /** The {@code o-...} ids of the allowed organizations: an ARN names its management account, an id does not. */
    private final Set<String> allowedOrganizationIds;
    private final Set<String> allowedPublicImageIds;

    public PublicSharePolicy(PublicShareConfig config, String ownAccountId) {
        this.config = Objects.requireNonNull(config, "config");
        this.ownAccountId = Objects.requireNonNull(ownAccountId, "ownAccountId");
        this.allowedAccountIds = Set.copyOf(config.allowedAccountIds());
        this.allowedOrganizationArns = Set.copyOf(config.allowedOrganizationArns());
        this.allowedOrganizationalUnitArns = Set.copyOf(config.allowedOrganizationalUnitArns());
        this.allowedOrganizationIds = config.allowedOrganizationArns().stream().map(PublicSharePolicy::orgIdOf)
                .flatMap(Optional::stream).collect(Collectors.toUnmodifiableSet());
        this.allowedPublicImageIds = Set.copyOf(config.allowedPublicImageIds());
    }

    /** Which of an image's current launch permissions offend. */
    public PublicShareFinding inspectImage(String region, String imageId, List<LaunchPermission> currentGrants) {
        return inspect(region, ResourceType.IMAGE, imageId, currentGrants);
    }

    /** Which of a snapshot's current create-volume permissions offend. */
    public PublicShareFinding inspectSnapshot(String region, String snapshotId, List<LaunchPermission> currentGrants) {
        return inspect(region, ResourceType.SNAPSHOT, snapshotId, currentGrants);
    }

    /** The event path for an image: one {@code remove-grant} action, or one {@link Kept} with the reason. */
    public Plan planImage(String region, String imageId, List<LaunchPermission> currentGrants) {
        return plan(inspectImage(region, imageId, currentGrants));
    }

    /** The event path for a snapshot: one {@code remove-grant} action, or one {@link Kept} with the reason. */
    public Plan planSnapshot(String region, String snapshotId, List<LaunchPermission> currentGrants) {
        return plan(inspectSnapshot(region, snapshotId, currentGrants));
    }

    /** The plan for one finding: exactly one action or one kept entry. */
    public Plan plan(PublicShareFinding finding) {
        Objects.requireNonNull(finding, "finding");
        Optional<String> keep = keepRegardless(finding.resourceType());
        if (keep.isPresent()) {
            return kept(finding, keep.get());
        }
        if (!finding.hasOffendingGrants()) {
            return kept(finding, finding.allowedPublic() ? KeepReason.ALLOWED_PUBLIC_IMAGE : KeepReason.NO_OFFENDING);
        }
        if (config.mode() == PublicShareMode.ALERT) {
            return kept(finding, KeepReason.ALERT_ONLY + finding.reason());
        }
        Action remove = new Action.RemoveGrants(finding.region(), finding.resourceType(), finding.resourceId(),
                finding.reason(), finding.offending());
        return new Plan(List.of(remove), List.of());
    }

    /**
     * The scheduled sweep over one or more regions' owned images and snapshots. {@code imageGrants} and
     * {@code snapshotGrants} map resource id to its current grants (an empty list for none); a resource missing
     * from its map is kept as {@code grants-not-read}. Every resource gets exactly one action or one kept entry.
     */
    public Plan sweep(List<Image> images, Map<String, List<LaunchPermission>> imageGrants,
                      List<Snapshot> snapshots, Map<String, List<LaunchPermission>> snapshotGrants) {
        List<Action> actions = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        for (Image image : images) {
            Plan one = sweepOne(image.region(), ResourceType.IMAGE, image.imageId(), image.ownerId(), imageGrants);
            actions.addAll(one.actions());
            kept.addAll(one.kept());
        }
        for (Snapshot snapshot : snapshots) {
            Plan one = sweepOne(snapshot.region(), ResourceType.SNAPSHOT, snapshot.snapshotId(), snapshot.ownerId(),
                    snapshotGrants);
            actions.addAll(one.actions());
            kept.addAll(one.kept());
        }
        return new Plan(actions, kept);
    }

    /**
     * The sweep's findings with offending grants, for alerts: the same rules as {@link #sweep}, without the
     * resources it keeps.
     */
    public List<PublicShareFinding> findings(List<Image> images, Map<String, List<LaunchPermission>> imageGrants,
                                             List<Snapshot> snapshots,
                                             Map<String, List<LaunchPermission>> snapshotGrants) {
        List<PublicShareFinding> findings = new ArrayList<>();
        if (!config.enabled()) {
            return findings;
        }
        for (Image image : images) {
            List<LaunchPermission> grants = imageGrants.get(image.imageId());
            if (grants != null && owned(image.ownerId())) {
                findings.add(inspectImage(image.region(), image.imageId(), grants));
            }
        }
        if (config.includeSnapshots()) {
            for (Snapshot snapshot : snapshots) {
                List<LaunchPermission> grants = snapshotGrants.get(snapshot.snapshotId());
                if (grants != null && owned(snapshot.ownerId())) {
                    findings.add(inspectSnapshot(snapshot.region(), snapshot.snapshotId(), grants));
                }
            }
        }
        findings.removeIf(finding -> !finding.hasOffendingGrants());
        return findings;
    }

    /**
     * Block public access for one region, from the states GetImageBlockPublicAccessState and
     * GetSnapshotBlockPublicAccessState report ({@code unblocked}, {@code block-new-sharing}, and for snapshots
     * {@code block-all-sharing}); null when the endpoint could not tell. With {@code enforceBlockPublicAccess}
     * and {@code remediate}, an {@code unblocked} setting gets an {@code enable-block-public-access} action
     * (resource type {@code account}, scope {@code image|snapshot} and state {@code block-new-sharing}, see
     * {@link Action.EnableBlockPublicAccess}); otherwise a kept entry says
     * what the state is.
     */
    public Plan blockPublicAccess(String region, String imageState, String snapshotState) {
        Objects.requireNonNull(region, "region");
        Plan image = blockPublicAccessOf(region, IMAGE_BLOCK_PUBLIC_ACCESS, "image", imageState,
                keepRegardless(ResourceType.IMAGE));
        Plan snapshot = blockPublicAccessOf(region, SNAPSHOT_BLOCK_PUBLIC_ACCESS, "snapshot", snapshotState,
                keepRegardless(ResourceType.SNAPSHOT));
        return image.plus(snapshot);
    }

    /**
     * Re-checks a planned {@code remove-grant} just before it is made (invariant 6), against the grants read now:
     * the action to make with the grants that offend now, or empty when none do. Offence is a property of the
     * grant, so a grant added since the plan is removed too, and one already removed is not asked for again.
     */
    public Optional<Action.RemoveGrants> recheck(Action planned, List<LaunchPermission> currentGrants) {
        requireRemoveGrant(planned);
        return plan(inspect(planned.region(), planned.resourceType(), planned.resourceId(), currentGrants))
                .actions().stream().findFirst().map(Action.RemoveGrants.class::cast);
    }

    /** After remediation: the grants re-read afterwards that still offend; empty means the resource is clean. */
    public List<LaunchPermission> remainingOffending(Action removeGrant, List<LaunchPermission> grantsAfter) {
        requireRemoveGrant(removeGrant);
        return inspect(removeGrant.region(), removeGrant.resourceType(), removeGrant.resourceId(), grantsAfter)
                .offending();
    }

    private PublicShareFinding inspect(String region, ResourceType type, String resourceId,
                                       List<LaunchPermission> currentGrants) {
        Objects.requireNonNull(currentGrants, "currentGrants");
        Set<LaunchPermission> grants = new LinkedHashSet<>(currentGrants);
        boolean publicAllowed = type == ResourceType.IMAGE && allowedPublicImageIds.contains(resourceId);
        List<LaunchPermission> offending = new ArrayList<>();
        boolean allowedPublic = false;
        for (LaunchPermission grant : grants) {
            if (grant.isPublic() && publicAllowed) {
                allowedPublic = true;
            } else if (offends(grant)) {
                offending.add(grant);
            }
        }
        return new PublicShareFinding(region, type, resourceId, List.copyOf(grants), offending, allowedPublic);
    }

    private boolean offends(LaunchPermission grant) {
        if (grant.group() != null) {
            // "all" is the only group EC2 has; any other group is unknown, so it is on no allowlist either.
            return true;
        }
        if (grant.userId() != null) {
            return !grant.userId().equals(ownAccountId) && !allowedAccountIds.contains(grant.userId());
        }
        if (grant.organizationArn() != null) {
            return !allowedOrganizationArns.contains(grant.organizationArn())
                    && !orgIdOf(grant.organizationArn()).map(allowedOrganizationIds::contains).orElse(false);
        }
        // An OU is narrower than its organization: a grant to an OU of an allowed organization is allowed.
        return !allowedOrganizationalUnitArns.contains(grant.organizationalUnitArn())
                && !orgIdOf(grant.organizationalUnitArn()).map(allowedOrganizationIds::contains).orElse(false);
    }

    private Plan sweepOne(String region, ResourceType type, String resourceId, String ownerId,
                          Map<String, List<LaunchPermission>> grantsById) {
        Optional<String> keep = keepRegardless(type);
        if (keep.isPresent()) {
            return new Plan(List.of(), List.of(new Kept(region, type, resourceId, keep.get())));
        }
        if (!owned(ownerId)) {
            return new Plan(List.of(), List.of(new Kept(region, type, resourceId, KeepReason.NOT_OWNED + ownerId)));
        }
        List<LaunchPermission> grants = grantsById.get(resourceId);
        if (grants == null) {
            return new Plan(List.of(), List.of(new Kept(region, type, resourceId, KeepReason.GRANTS_NOT_READ)));
        }
        return plan(inspect(region, type, resourceId, grants));
    }

    /**
     * The organization id of an organization ARN
     * ({@code arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5}) or an OU ARN ({@code arn:aws:organizations::111122223333:ou/o-a1b2c3d4e5/ou-ab12-cd34ef56}), the forms in the
     * Organizations ARN reference; empty for anything else.
     */
    static Optional<String> orgIdOf(String arn) {
        Matcher m = ORGANIZATIONS_ARN.matcher(arn == null ? "" : arn);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** A null owner is unknown, not foreign: EC2 refuses to change another account's resource anyway. */
    private boolean owned(String ownerId) {
        return ownerId == null || ownerId.equals(ownAccountId);
    }

    /** Why a resource of this type is kept whatever its grants: the function or snapshots are switched off. */
    private Optional<String> keepRegardless(ResourceType type) {
        if (!config.enabled()) {
            return Optional.of(KeepReason.DISABLED);
        }
        if (type == ResourceType.SNAPSHOT && !config.includeSnapshots()) {
            return Optional.of(KeepReason.SNAPSHOTS_EXCLUDED);
        }
        return Optional.empty();
    }

    private Plan blockPublicAccessOf(String region, String setting, String what, String state,
                                     Optional<String> keepRegardless) {
        String reason;
        if (keepRegardless.isPresent()) {
            reason = keepRegardless.get();
        } else if (state == null) {
            reason = KeepReason.BLOCK_PUBLIC_ACCESS_UNKNOWN;
        } else if (!state.equals(UNBLOCKED)) {
            reason = KeepReason.BLOCK_PUBLIC_ACCESS + state;
        } else if (!config.enforceBlockPublicAccess()) {
            reason = KeepReason.BLOCK_PUBLIC_ACCESS_NOT_ENFORCED + state;
        } else if (config.mode() == PublicShareMode.ALERT) {
            reason = KeepReason.ALERT_ONLY + what + " block public access is " + state;
        } else {
            Action enable = new Action.EnableBlockPublicAccess(region, setting, what + " block public access is "
                    + state, what, BLOCK_NEW_SHARING);
            return new Plan(List.of(enable), List.of());
        }
        return new Plan(List.of(), List.of(new Kept(region, ResourceType.ACCOUNT, setting, reason)));
    }

    private static Plan kept(PublicShareFinding finding, String reason) {
        return new Plan(List.of(),
                List.of(new Kept(finding.region(), finding.resourceType(), finding.resourceId(), reason)));
    }

    private static void requireRemoveGrant(Action action) {
        Objects.requireNonNull(action, "action");
        if (action.type() != ActionType.REMOVE_GRANT) {
            throw new IllegalArgumentException("not a remove-grant action: " + action.type().json());
        }
    }

    /**
     * The reasons a resource or setting is kept, as they appear in reports. A constant ending in a separator is
     * followed by its evidence: {@code alert-only: public: group=all}, {@code block-public-access: block-new-sharing}.
     */
    public static final class KeepReason {
        public static final String DISABLED = "disabled";
        public static final String SNAPSHOTS_EXCLUDED = "snapshots-excluded";
        public static final String NO_OFFENDING = "no-offending-grants";
        public static final String ALLOWED_PUBLIC_IMAGE = "allowed-public-image";
        /** Followed by the finding's reason; alert mode reports and changes nothing. */
        public static final String ALERT_ONLY = "alert-only: ";
        /** Followed by the owner account id. */
        public static final String NOT_OWNED = "not-owned: ";
        /** Sweep only: the caller passed no grants for this resource, so nothing is known about them. */
        public static final String GRANTS_NOT_READ = "grants-not-read";
        /** Followed by the state, which is on ({@code block-new-sharing}, {@code block-all-sharing}). */
        public static final String BLOCK_PUBLIC_ACCESS = "block-public-access: ";
        /** Followed by the state ({@code unblocked}); {@code enforceBlockPublicAccess} is false. */
        public static final String BLOCK_PUBLIC_ACCESS_NOT_ENFORCED = "block-public-access-not-enforced: ";
        /** The endpoint did not report the state (moto and older endpoints lack the API). */
        public static final String BLOCK_PUBLIC_ACCESS_UNKNOWN = "block-public-access-unknown";

        private KeepReason() {
        }
    }
}
