package dev.amihousekeeping.run;

import dev.amihousekeeping.config.AccountsConfig;
import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.CrossRegionCopyConfig;
import dev.amihousekeeping.config.ExpiryConfig;
import dev.amihousekeeping.config.OrphanScope;
import dev.amihousekeeping.config.PublicShareConfig;
import dev.amihousekeeping.config.PublicShareMode;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.ec2.Ec2ActionApplier;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.ec2.ImageReferenceReader;
import dev.amihousekeeping.ec2.OrganizationAccounts;
import dev.amihousekeeping.ec2.ParameterStore;
import dev.amihousekeeping.ec2.Recheck;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The IAM actions a function's code can call under a policy, from the declarations beside the calls: the readers'
 * ({@code IAM_*} of {@link Ec2Gateway}, {@link ParameterStore}, {@code ImageReferenceReader}, {@code LaunchConfigurationReader},
 * {@link Recheck}, {@link SnapshotUsers}, {@link ExpiryEvidenceReader}, {@link PublicShareRegion}, {@link Notifier})
 * and {@link Ec2ActionApplier#iamActions(ActionType, ResourceType)} over the kinds of action the function can plan
 * under that policy, each group in the order declared. Grouped as IAM scopes them, for infra to build its statements from:
 *
 * @param plans          the action types the function can plan
 * @param reads          Describe/Get/List calls, read-only (infra holds them to the regions; most have no
 *                       resource-level permissions)
 * @param readsViaEc2    what EC2 reads on the function's behalf and the function never calls itself
 * @param imageChanges   mutations of AMIs
 * @param snapshotChanges mutations of snapshots
 * @param accountChanges account-level settings of a region (block public access)
 * @param sourceKeys     KMS actions on the key of an encrypted source AMI, for CopyImage
 * @param copyKeys       KMS actions on a key a copy is encrypted with ({@code crossRegionCopy.kmsKeyIds})
 * @param notifications  the notifier's
 * @param parameters     reads and writes of the latest-AMI parameters ({@code latestParameters}): infra holds them to
 *                       the parameters under the prefix, by ARN; public-share's sweep cursor ({@link SweepCursor}):
 *                       infra holds them to that one parameter, by ARN
 * @param memberRoles    {@code sts:AssumeRole} into another account's member role ({@link Ec2Gateway#IAM_ASSUME_ROLE}):
 *                       only {@link #inOrganization}; infra grants it on the member role's name only
 * @param organization   Organizations reads ({@link AccountTargets#IAM_ACTIONS}, {@link OrganizationAccounts}):
 *                       only {@link #inOrganization}; a global service, not held to the policy's regions
 */
public record FunctionCalls(Set<ActionType> plans, Set<String> reads, Set<String> readsViaEc2,
                            Set<String> imageChanges, Set<String> snapshotChanges, Set<String> accountChanges,
                            Set<String> sourceKeys, Set<String> copyKeys, Set<String> notifications,
                            Set<String> parameters, Set<String> memberRoles, Set<String> organization) {

    private static final String ORGANIZATIONS = "organizations:";

    public FunctionCalls {
        plans = plans.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(plans));
        reads = ordered(reads);
        readsViaEc2 = ordered(readsViaEc2);
        imageChanges = ordered(imageChanges);
        snapshotChanges = ordered(snapshotChanges);
        accountChanges = ordered(accountChanges);
        sourceKeys = ordered(sourceKeys);
        copyKeys = ordered(copyKeys);
        notifications = ordered(notifications);
        parameters = ordered(parameters);
        memberRoles = ordered(memberRoles);
        organization = ordered(organization);
    }

    /** What {@code function} can call under {@code config}; nothing when its switch is off (its run returns first). */
    public static FunctionCalls of(HousekeepingFunction function, Config config) {
        return calls(function, config).build();
    }

    /**
     * What {@code function} can call as a hub function of an organization deployment (DESIGN §9): {@link #of}, and
     * the calls that reach the other accounts. Every function assumes the member role (a map item of another
     * account, an event from one, a consumer of a shared AMI); each one's state machine asks it for the targets
     * ({@code listTargets}: {@link AccountTargets#resolve}), which lists the organization's accounts when the policy
     * says {@code accounts.organization}; expiry's consumer check lists them for a grant to the organization or an
     * OU ({@code SharedImageConsumers}). Nothing for a function that is switched off.
     */
    public static FunctionCalls inOrganization(HousekeepingFunction function, Config config) {
        Builder calls = calls(function, config);
        if (calls.isEmpty()) {
            return calls.build();
        }
        calls.memberRoles.addAll(Ec2Gateway.IAM_ASSUME_ROLE);
        AccountsConfig accounts = config.accounts();
        boolean consumers = function == HousekeepingFunction.EXPIRY && accounts != null && accounts.checkConsumers()
                && config.expiry().includeShared();
        if (accounts != null && accounts.organization()) {
            calls.read(AccountTargets.IAM_ACTIONS);
        } else if (consumers) {
            calls.read(OrganizationAccounts.IAM_ACTIONS);
        }
        return calls.build();
    }

    private static Builder calls(HousekeepingFunction function, Config config) {
        return switch (function) {
            case EXPIRY -> expiry(config.expiry(), config.accounts());
            case ORPHAN_SNAPSHOTS -> orphanSnapshots(config);
            case PUBLIC_SHARE -> publicShare(config.publicShare());
            case CROSS_REGION_COPY -> crossRegionCopy(config);
        };
    }

    /** Every action of every group. */
    public Set<String> all() {
        Set<String> all = new LinkedHashSet<>();
        for (Set<String> group : List.of(reads, readsViaEc2, imageChanges, snapshotChanges, accountChanges,
                sourceKeys, copyKeys, notifications, parameters, memberRoles, organization)) {
            all.addAll(group);
        }
        return Collections.unmodifiableSet(all);
    }

    public boolean plans(ActionType type) {
        return plans.contains(type);
    }

    private static Builder expiry(ExpiryConfig expiry, AccountsConfig accounts) {
        if (!expiry.enabled()) {
            return none();
        }
        Builder calls = new Builder();
        calls.read(Ec2Gateway.IAM_READ_INVENTORY);
        calls.read(ExpiryEvidenceReader.iamActions(expiry.includeShared()
                && (accounts == null || !accounts.checkConsumers())));
        calls.read(Recheck.IAM_ACTIONS);
        if (expiry.noticeDays() != null) {
            calls.plan(ActionType.MARK, ResourceType.IMAGE);
            // The notice tag of an AMI exempted or no longer expired is removed (a tag action, RemoveTags).
            calls.plans.add(ActionType.TAG);
            calls.imageChanges.addAll(Ec2ActionApplier.IAM_REMOVE_TAGS);
        }
        if (expiry.deprecateFirst()) {
            calls.plan(ActionType.DEPRECATE, ResourceType.IMAGE);
        }
        if (expiry.disableFirst()) {
            calls.plan(ActionType.DISABLE, ResourceType.IMAGE);
        }
        calls.plan(ActionType.DEREGISTER, ResourceType.IMAGE);
        if (expiry.deleteSnapshots()) {
            // With the image, and on their own where other deregistered images shared them (ExpiryPolicy).
            calls.plan(ActionType.DEREGISTER, ResourceType.SNAPSHOT);
            calls.plan(ActionType.DELETE_SNAPSHOT, ResourceType.SNAPSHOT);
        }
        return calls.notifying(); // the run's summary (RunNotice)
    }

    private static Builder orphanSnapshots(Config config) {
        if (!config.orphanSnapshots().enabled()) {
            return none();
        }
        Builder calls = new Builder();
        calls.read(Ec2Gateway.IAM_READ_INVENTORY);
        if (config.orphanSnapshots().scope() == OrphanScope.UNREFERENCED) {
            calls.read(Ec2Gateway.IAM_READ_VOLUMES); // "whose source volume is gone"
        }
        calls.read(Recheck.IAM_ACTIONS);
        calls.read(SnapshotUsers.IAM_ACTIONS);
        calls.plan(ActionType.DELETE_SNAPSHOT, ResourceType.SNAPSHOT);
        return calls.notifying();
    }

    private static Builder publicShare(PublicShareConfig share) {
        if (!share.enabled()) {
            return none();
        }
        Builder calls = new Builder();
        // The sweep reads the grants and block public access states whatever the mode; the event path re-reads the
        // grants; STS names the account when neither the event nor anything owned does.
        calls.read(PublicShareRegion.iamActions(share.includeSnapshots()));
        calls.read(Ec2Gateway.IAM_ACCOUNT_ID);
        // The sweep's cursor (SweepCursor): one parameter of the deployment's own, read and written.
        calls.parameters.addAll(ParameterStore.IAM_TEXT);
        if (share.mode() == PublicShareMode.REMEDIATE) {
            calls.plan(ActionType.REMOVE_GRANT, ResourceType.IMAGE);
            if (share.includeSnapshots()) {
                calls.plan(ActionType.REMOVE_GRANT, ResourceType.SNAPSHOT);
            }
            if (share.enforceBlockPublicAccess()) {
                calls.plan(ActionType.ENABLE_BLOCK_PUBLIC_ACCESS, ResourceType.IMAGE);
                if (share.includeSnapshots()) {
                    calls.plan(ActionType.ENABLE_BLOCK_PUBLIC_ACCESS, ResourceType.SNAPSHOT);
                }
            }
        }
        return calls.notifying(); // one alert per finding
    }

    private static Builder crossRegionCopy(Config config) {
        CrossRegionCopyConfig copy = config.crossRegionCopy();
        Builder calls = new Builder();
        // A new AMI's event reads the AMI and its snapshots (to stamp them, and re-checks them) whatever the
        // switches say; the catch-up reads sources and destinations; an AMI State Change names no account.
        calls.read(Ec2Gateway.IAM_READ_IMAGES);
        calls.read(Ec2Gateway.IAM_READ_SNAPSHOTS);
        calls.read(Ec2Gateway.IAM_ACCOUNT_ID);
        calls.read(Recheck.IAM_ACTIONS);
        if (config.tagOnCreate().enabled()) {
            // TagOnCreatePolicy stamps the new AMI and its snapshots, CopyStampPolicy the AMI's copies.
            calls.plan(ActionType.TAG, ResourceType.IMAGE);
            calls.plan(ActionType.TAG, ResourceType.SNAPSHOT);
        }
        boolean copies = copy.enabled() && !copy.destinationRegions().isEmpty();
        if (copies) {
            calls.plan(ActionType.COPY, ResourceType.IMAGE);
            // A copy that failed is deregistered before it is made again (CrossRegionCopyPolicy).
            calls.plan(ActionType.DEREGISTER, ResourceType.IMAGE);
            if (copy.destinationRegions().stream().anyMatch(copy.kmsKeyIds()::containsKey)) {
                calls.copyKeys.addAll(Ec2ActionApplier.IAM_COPY_KEY);
            }
        }
        if (config.latestParameters().enabled()) {
            // LatestParameters reads each parameter and its tags, plans and re-checks; the images its value names
            // are DescribeImages, read above.
            calls.parameters.addAll(ParameterStore.IAM_READ);
            calls.plan(ActionType.SET_PARAMETER, ResourceType.PARAMETER);
        }
        return calls.notifying(); // the catch-up's summary and an event's failures (RunNotice)
    }

    private static Builder none() {
        return new Builder();
    }

    /** In the order declared: a function's kinds of action as its stages go (deprecate before deregister). */
    private static Set<String> ordered(Collection<String> actions) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(actions));
    }

    private static final class Builder {
        private final Set<ActionType> plans = EnumSet.noneOf(ActionType.class);
        private final Set<String> reads = new LinkedHashSet<>();
        private final Set<String> readsViaEc2 = new LinkedHashSet<>();
        private final Set<String> imageChanges = new LinkedHashSet<>();
        private final Set<String> snapshotChanges = new LinkedHashSet<>();
        private final Set<String> accountChanges = new LinkedHashSet<>();
        private final Set<String> sourceKeys = new LinkedHashSet<>();
        private final Set<String> copyKeys = new LinkedHashSet<>();
        private final Set<String> notifications = new LinkedHashSet<>();
        private final Set<String> parameters = new LinkedHashSet<>();
        private final Set<String> memberRoles = new LinkedHashSet<>();
        private final Set<String> organization = new LinkedHashSet<>();

        /**
         * A reader's declaration; what EC2 reads on the caller's behalf is told apart by its declaration's name,
         * Organizations by its service.
         */
        void read(Set<String> actions) {
            for (String action : actions) {
                (ImageReferenceReader.IAM_ACTIONS_VIA_EC2.contains(action) ? readsViaEc2
                        : action.startsWith(ORGANIZATIONS) ? organization : reads).add(action);
            }
        }

        boolean isEmpty() {
            return build().all().isEmpty();
        }

        /** The applier's declaration for one kind of action, each IAM action in its group. */
        void plan(ActionType type, ResourceType on) {
            plans.add(type);
            for (String action : Ec2ActionApplier.iamActions(type, on)) {
                if (on == ResourceType.PARAMETER) {
                    parameters.add(action);
                } else if (action.startsWith("kms:")) {
                    sourceKeys.add(action);
                } else if (isRead(action)) {
                    reads.add(action);
                } else if (type == ActionType.ENABLE_BLOCK_PUBLIC_ACCESS) {
                    accountChanges.add(action);
                } else {
                    (on == ResourceType.IMAGE ? imageChanges : snapshotChanges).add(action);
                }
            }
        }

        Builder notifying() {
            notifications.addAll(Notifier.IAM_ACTIONS);
            return this;
        }

        FunctionCalls build() {
            return new FunctionCalls(plans, reads, readsViaEc2, imageChanges, snapshotChanges, accountChanges,
                    sourceKeys, copyKeys, notifications, parameters, memberRoles, organization);
        }

        /** IAM's Read and List access levels, by the API's own verb. */
        private static boolean isRead(String action) {
            String name = action.substring(action.indexOf(':') + 1);
            return name.startsWith("Describe") || name.startsWith("Get") || name.startsWith("List");
        }
    }
}
