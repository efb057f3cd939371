package dev.amihousekeeping.infra;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.CrossRegionCopyConfig;
import dev.amihousekeeping.config.ExpiryConfig;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.CrossRegionCopyPolicy;
import dev.amihousekeeping.run.CrossRegionCopyRun;
import dev.amihousekeeping.run.FunctionCalls;
import dev.amihousekeeping.run.HousekeepingFunction;
import dev.amihousekeeping.run.SweepCursor;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.IConstruct;

/**
 * The IAM statements of each function (DESIGN §5, §9): exactly the calls its code makes for the policy it runs, in
 * the regions it runs in. Which calls those are is not kept here: {@link FunctionCalls} gives them from the
 * declarations beside the code (the readers' {@code IAM_*}, {@code Ec2ActionApplier.iamActions} over what the
 * function can plan); this class decides only how each is scoped, and a call that no statement takes stops the
 * synth. {@code FunctionActionsTest} audits the declarations against a table naming the caller of each action. A
 * call the code makes is granted even where its answer goes unused (the sweep reads block public access without
 * enforcing it); what a switch really turns off is not granted (no {@code ModifyImageAttribute} in alert mode, no
 * {@code CopyImage} without destinations, nothing for a disabled function). Mutating EC2 calls name AMIs and
 * snapshots by region-scoped ARN; the rest have no resource-level permissions and are held to the regions by
 * {@code aws:RequestedRegion}. Exempt tags and AWS Backup/DLM tags are also denied outright, so a bug in a policy
 * cannot delete what the policy keeps.
 */
final class FunctionPermissions {
    private static final String GET_PARAMETERS = "ssm:GetParameters";
    private static final String DESCRIBE_IMAGES = "ec2:DescribeImages";
    /** Tags that AWS Backup and Data Lifecycle Manager put on the AMIs and snapshots they manage (DESIGN §6.4). */
    static final List<String> MANAGED_TAGS = List.of("aws:backup:source-resource", "aws:dlm:lifecycle-policy-id");

    private final Config config;
    private final List<String> regions;
    private final OrganizationSettings organization;
    /** False for the member role: the hub's function keeps the sweep cursor in its own account, never a member's. */
    private final boolean keepsSweepCursor;

    /** @param regions where the functions read and act: the policy's regions, or the home region when it names none */
    FunctionPermissions(Config config, List<String> regions) {
        this(config, regions, null);
    }

    /**
     * @param organization null for a single account ({@link #memberRole} for the member role); else every function that calls
     *                     anything may also assume the member role in the organization's accounts
     */
    FunctionPermissions(Config config, List<String> regions, OrganizationSettings organization) {
        this(config, regions, organization, true);
    }

    private FunctionPermissions(Config config, List<String> regions, OrganizationSettings organization,
                                boolean keepsSweepCursor) {
        this.config = config;
        this.regions = List.copyOf(regions);
        this.organization = organization;
        this.keepsSweepCursor = keepsSweepCursor;
    }

    /** The member role's statements (MemberStack): the functions' calls in a member account, no sweep cursor. */
    static FunctionPermissions memberRole(Config config, List<String> regions) {
        return new FunctionPermissions(config, regions, null, false);
    }

    private Granted granted(HousekeepingFunction function) {
        return new Granted(function, config, organization);
    }

    FunctionGrants expiry() {
        ExpiryConfig expiry = config.expiry();
        Granted calls = granted(HousekeepingFunction.EXPIRY);
        if (calls.nothing()) {
            return FunctionGrants.none();
        }
        List<PolicyStatement> statements = new ArrayList<>();
        // The inventory reads snapshots whatever deleteSnapshots says: it tells which snapshots other AMIs use.
        // Instances, launch templates and SSM parameters are read directly where DescribeImageReferences is not
        // offered, and by DescribeImageReferences itself on the caller's behalf where it is. STS only when a
        // region holds nothing that names the account. GetParameters names parameters: by ARN.
        List<String> parameterReads = calls.take(List.of(GET_PARAMETERS));
        statements.add(readInRegions("FindImagesAndUses", calls.take(FunctionCalls::reads)));
        if (!parameterReads.isEmpty()) {
            statements.add(allow("ReadImageParameters", parameterReads, arns(regions,
                    r -> "arn:" + Aws.PARTITION + ":ssm:" + r + ":" + Aws.ACCOUNT_ID + ":parameter/*")));
        }
        // DescribeImageReferences reads Image Builder recipes on the caller's behalf; nothing else may.
        List<String> viaEc2 = calls.take(FunctionCalls::readsViaEc2);
        if (!viaEc2.isEmpty()) {
            statements.add(PolicyStatement.Builder.create().sid("LetImageReferencesReadRecipes")
                    .actions(viaEc2)
                    .resources(List.of("*"))
                    .conditions(Map.of("ForAnyValue:StringEquals", Map.of("aws:CalledVia", List.of("ec2-images.amazonaws.com"))))
                    .build());
        }

        // The stage and recycle tags, held to their keys (StageTags), before the retiring calls take the rest.
        List<String> tagging = calls.take(StageTags.TAG_CALLS);
        if (!tagging.isEmpty()) {
            statements.add(StageTags.expiry(config, tagging, concat(images(regions), snapshots(regions))));
        }
        List<String> imageActions = calls.take(FunctionCalls::imageChanges);
        PolicyStatement retire = allow("RetireImages", imageActions, images(regions));
        expiry.selector().tags().forEach((key, value) -> retire.addCondition("StringEquals", Map.of("aws:ResourceTag/" + key, value)));
        statements.add(retire);
        statements.addAll(denyWhenTagged("KeepExemptImage", expiry.exemptTagKeys(), imageActions, images(regions)));
        // The policy keeps what AWS Backup or DLM made; the role may not retire it either, as for their snapshots.
        statements.addAll(denyWhenTagged("KeepManagedImage", MANAGED_TAGS, imageActions, images(regions)));
        List<String> snapshotActions = calls.take(FunctionCalls::snapshotChanges);
        if (!snapshotActions.isEmpty()) {
            statements.add(allow("DeleteImageSnapshots", snapshotActions, snapshots(regions)));
            statements.addAll(denyWhenTagged("KeepManagedSnapshot", MANAGED_TAGS, snapshotActions, snapshots(regions)));
        }
        // The handler publishes the run's summary (RunNotice): plans, failures, a plan over the cap.
        return calls.grants(statements);
    }

    FunctionGrants orphanSnapshots() {
        Granted calls = granted(HousekeepingFunction.ORPHAN_SNAPSHOTS);
        if (calls.nothing()) {
            return FunctionGrants.none();
        }
        List<String> keep = new ArrayList<>(config.orphanSnapshots().exemptTagKeys());
        keep.addAll(MANAGED_TAGS);
        List<String> tagging = calls.take(StageTags.TAG_CALLS);
        List<String> deletes = calls.take(FunctionCalls::snapshotChanges);
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(readInRegions("FindSnapshotsAndImages", calls.take(FunctionCalls::reads)));
        if (!tagging.isEmpty()) {
            // The recycle tags, written on each snapshot before it is deleted.
            statements.add(StageTags.orphanSnapshots(config, tagging, snapshots(regions)));
        }
        statements.add(allow("DeleteOrphans", deletes, snapshots(regions)));
        statements.addAll(denyWhenTagged("KeepSnapshot", keep, deletes, snapshots(regions)));
        return calls.grants(statements); // a run with failures says so on the topic
    }

    FunctionGrants publicShare() {
        Granted calls = granted(HousekeepingFunction.PUBLIC_SHARE);
        if (calls.nothing()) {
            return FunctionGrants.none();
        }
        // The sweep reads each block public access setting to report it, enforced or not; STS names the account
        // when neither the event nor anything owned does.
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(readInRegions("ReadGrantsAndBlockPublicAccess", calls.take(FunctionCalls::reads)));
        // Remediate mode only: alert mode plans no grant removal and no switch.
        List<String> imageGrants = calls.take(FunctionCalls::imageChanges);
        if (!imageGrants.isEmpty()) {
            statements.add(allow("RemoveImageGrants", imageGrants, images(regions)));
            statements.addAll(GrantRemovalOnly.imageGuards(images(regions)));
        }
        List<String> snapshotGrants = calls.take(FunctionCalls::snapshotChanges);
        if (!snapshotGrants.isEmpty()) {
            statements.add(allow("RemoveSnapshotGrants", snapshotGrants, snapshots(regions)));
            statements.addAll(GrantRemovalOnly.snapshotGuards(snapshots(regions)));
        }
        List<String> switches = calls.take(FunctionCalls::accountChanges);
        if (!switches.isEmpty()) {
            // Account-level switches: no resource to name.
            statements.add(readInRegions("EnableBlockPublicAccess", switches));
        }
        // The sweep's cursor (SweepCursor): one parameter, in this account and the function's own region (the
        // stack's), read and overwritten; nothing else of Parameter Store. The member role's sweep keeps none.
        List<String> cursor = calls.take(FunctionCalls::parameters);
        if (!cursor.isEmpty() && keepsSweepCursor) {
            statements.add(allow("KeepSweepCursor", cursor, List.of(sweepCursorArn())));
        }
        return calls.grants(statements); // one alert per finding
    }

    FunctionGrants crossRegionCopy() {
        CrossRegionCopyConfig copy = config.crossRegionCopy();
        Granted calls = granted(HousekeepingFunction.CROSS_REGION_COPY);
        boolean copies = calls.plans(ActionType.COPY);
        List<String> destinations = copies ? copy.destinationRegions() : List.of();
        List<String> everywhere = new ArrayList<>(new LinkedHashSet<>(concat(regions, destinations)));
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(readInRegions("FindImagesAndCopies", calls.take(List.of(DESCRIBE_IMAGES)), everywhere));
        // A new AMI's event reads its snapshots (to stamp them, and re-checks them) even with tagOnCreate off; an
        // AMI State Change names no account, so STS does.
        statements.add(readInRegions("ReadNewImageSnapshots", calls.take(FunctionCalls::reads)));
        if (calls.plans(ActionType.TAG)) {
            // The stamp (TagOnCreatePolicy) on the new AMI and its snapshots, and what of it reaches the copies the
            // AMI already has (CopyStampPolicy): the creator tag and the first expiry tag key, nothing else.
            List<String> stamped = new ArrayList<>(concat(images(regions), snapshots(regions)));
            if (copies) {
                stamped.addAll(images(destinations));
            }
            calls.take(List.of(CopyTags.CREATE_TAGS));
            statements.add(CopyTags.stamp(config, new ArrayList<>(new LinkedHashSet<>(stamped))));
        }
        if (copies) {
            // CopyImage is checked against the source AMI and its snapshots in the source region, and the new AMI
            // and snapshots in the destination (EC2 User Guide, "Grant permissions to copy Amazon EC2 AMIs"): the
            // ARNs name the configured regions only, so no AMI is copied from a region outside the policy; the call
            // itself is held to the destination regions by aws:RequestedRegion.
            statements.add(PolicyStatement.Builder.create().sid("CopyIntoDestinations")
                    .actions(calls.take(List.of("ec2:CopyImage")))
                    .resources(concat(images(everywhere), snapshots(everywhere)))
                    .conditions(Map.of("StringEquals", Map.of("aws:RequestedRegion", destinations)))
                    .build());
            calls.take(List.of(CopyTags.CREATE_TAGS));
            statements.add(CopyTags.onCopy(copy, config.expiry().expiryTagKeys(), concat(images(destinations), snapshots(destinations))));
            // A copy that failed is deregistered before the next try: only in the destinations, and only an AMI
            // with our SourceAmi tag (CrossRegionCopyPolicy deregisters nothing else).
            List<String> deregister = calls.take(List.of("ec2:DeregisterImage"));
            if (!deregister.isEmpty()) {
                statements.add(PolicyStatement.Builder.create().sid("DeregisterFailedCopies")
                        .actions(deregister)
                        .resources(images(destinations))
                        .conditions(Map.of("Null", Map.of("aws:ResourceTag/" + CrossRegionCopyPolicy.SOURCE_AMI_TAG, "false")))
                        .build());
            }
            // A source AMI encrypted with a customer managed key is copied only if EC2 may use that key too.
            statements.addAll(KmsKeyGrant.forSourcesIn(calls.take(FunctionCalls::sourceKeys), regions, everywhere));
            // The copy's key is asked for the source key's actions too: granted there as well.
            List<String> copyKeyActions = calls.takeAgain(FunctionCalls::copyKeys);
            for (String region : destinations) {
                String keyId = copy.kmsKeyIds().get(region);
                if (keyId != null) {
                    statements.addAll(KmsKeyGrant.forCopiesInto(copyKeyActions, region, keyId));
                }
            }
        }
        List<String> parameterCalls = calls.take(FunctionCalls::parameters);
        if (!parameterCalls.isEmpty()) {
            // The latest-AMI parameters: read, created (with their ManagedBy tag) and overwritten only under the
            // prefix, in the regions the catch-up and the events keep them (CrossRegionCopyRun.parameterRegions).
            List<String> parameterRegions = new ArrayList<>(new LinkedHashSet<>(concat(regions,
                    CrossRegionCopyRun.parameterRegions(copy))));
            String prefix = config.latestParameters().prefix();
            statements.add(allow("KeepLatestParameters", parameterCalls, arns(parameterRegions,
                    r -> "arn:" + Aws.PARTITION + ":ssm:" + r + ":" + Aws.ACCOUNT_ID + ":parameter" + prefix + "*")));
        }
        // The handler publishes the catch-up's summary and an event's failures (RunNotice).
        return calls.grants(statements);
    }

    /**
     * One function's calls ({@link FunctionCalls}, from the declarations beside the code) as the statements above
     * take them: each statement takes the actions it grants, in its own shape; an action no statement took is a
     * call the role would deny, and stops the synth (a new declaration needs a statement that scopes it).
     */
    private static final class Granted {
        private final HousekeepingFunction function;
        private final FunctionCalls calls;
        private final Set<String> taken = new TreeSet<>();
        private final OrganizationSettings organization;

        Granted(HousekeepingFunction function, Config config, OrganizationSettings organization) {
            this.function = function;
            // The hub's functions reach the other accounts; the member role (organization null) does not.
            this.calls = organization == null ? FunctionCalls.of(function, config)
                    : FunctionCalls.inOrganization(function, config);
            this.organization = organization;
        }

        boolean nothing() {
            return calls.all().isEmpty();
        }

        boolean plans(ActionType type) {
            return calls.plans(type);
        }

        /** Those of {@code actions} the function calls and no statement has taken yet, in their order; they are now. */
        List<String> take(Collection<String> actions) {
            List<String> mine = actions.stream().filter(calls.all()::contains).filter(a -> !taken.contains(a)).toList();
            taken.addAll(mine);
            return mine;
        }

        /** {@link #take} of the function's calls of one kind ({@link FunctionCalls#reads}, ...). */
        List<String> take(Function<FunctionCalls, Set<String>> kind) {
            return take(kind.apply(calls));
        }

        /** Those of one kind of the function's calls, taken or not: for a second statement on other resources. */
        List<String> takeAgain(Function<FunctionCalls, Set<String>> kind) {
            List<String> mine = List.copyOf(kind.apply(calls));
            taken.addAll(mine);
            return mine;
        }

        /**
         * In an organization the function acts in a member account through that account's member role (MemberStack):
         * the role's name in any account of this organization ({@code aws:ResourceOrgID}), nothing else.
         */
        private List<PolicyStatement> reachMembers() {
            List<PolicyStatement> statements = new ArrayList<>();
            List<String> assume = take(FunctionCalls::memberRoles);
            if (!assume.isEmpty()) {
                statements.add(PolicyStatement.Builder.create().sid("AssumeMemberRole")
                        .actions(assume)
                        // Any account: which accounts are members is the organization's to say, at run time.
                        .resources(List.of("arn:" + Aws.PARTITION + ":iam::*:role/" + organization.memberRoleName()))
                        .conditions(Map.of("StringEquals", Map.of("aws:ResourceOrgID", organization.organizationId())))
                        .build());
            }
            List<String> listing = take(FunctionCalls::organization);
            if (!listing.isEmpty()) {
                // Organizations' List* calls have no resource-level permissions (Resource "*"); a global service,
                // so aws:RequestedRegion would name its endpoint's region, not the policy's.
                statements.add(PolicyStatement.Builder.create().sid("ListOrganizationAccounts")
                        .actions(listing)
                        .resources(List.of("*"))
                        .build());
            }
            return statements;
        }

        /** The statements, and the topic when the function notifies; every call placed, or the synth stops. */
        FunctionGrants grants(List<PolicyStatement> statements) {
            if (organization != null) {
                statements = new ArrayList<>(statements);
                statements.addAll(reachMembers());
            }
            Set<String> left = new TreeSet<>(calls.all());
            left.removeAll(taken);
            left.removeAll(calls.notifications()); // HousekeepingFunction grants the topic (and its key)
            if (!left.isEmpty()) {
                throw new IllegalStateException(function.functionName() + " calls " + left
                        + ", which no statement of FunctionPermissions grants");
            }
            return new FunctionGrants(statements, !calls.notifications().isEmpty());
        }
    }

    /** The nag findings that these statements cause on purpose, each with the reason it is the least we can grant. */
    static void suppressExpectedWildcards(IConstruct roleOrPolicy) {
        NagSuppressions.addResourceSuppressions(roleOrPolicy, List.of(
                suppression("Describe*/Get* calls of EC2, SSM and Auto Scaling, STS GetCallerIdentity, and the"
                                + " account-level block public access switches, have no resource-level permissions; every"
                                + " such statement is held to the configured regions by aws:RequestedRegion (Image Builder"
                                + " reads only via DescribeImageReferences, by aws:CalledVia).",
                        "Resource::*"),
                suppression("Which AMIs and snapshots a run touches is decided at run time from the policy; the ARNs"
                                + " are limited to the configured regions, exempt or AWS Backup/DLM tags are denied, grant"
                                + " changes are held to removals and tags to the keys the functions write; a copy's new"
                                + " AMI and snapshots have no id before CopyImage (AWS's own example uses image/* and"
                                + " snapshot/* there).",
                        RegexAppliesTo.builder().regex("/^Resource::arn:<AWS::Partition>:ec2:(?:[a-z0-9-]+|<AWS::Region>)::(image|snapshot)\\/\\*$/").build()),
                suppression("An AMI id may be the value of any SSM parameter (the in-use check of DESIGN §5); read-only,"
                                + " this account, the configured regions.",
                        RegexAppliesTo.builder().regex("/^Resource::arn:<AWS::Partition>:ssm:(?:[a-z0-9-]+|<AWS::Region>):<AWS::AccountId>:parameter\\/\\*$/").build()),
                suppression("The latest-AMI parameters are one per lineage, named at run time from the AMIs: prefix*"
                                + " of this account in the configured regions only.",
                        RegexAppliesTo.builder().regex("/^Resource::arn:<AWS::Partition>:ssm:(?:[a-z0-9-]+|<AWS::Region>):<AWS::AccountId>:parameter\\/.+\\*$/").build()),
                suppression("A copy key configured by alias is matched by kms:ResourceAliases on key/*, and only via EC2"
                                + " in its region (kms:ViaService); a source AMI's key is whichever its owner chose, so"
                                + " key/* of this account in the source regions, only via EC2 in the configured regions"
                                + " and grants only for AWS resources.",
                        RegexAppliesTo.builder().regex("/^Resource::arn:(?:aws[a-z-]*|<AWS::Partition>):kms:(?:[a-z0-9-]+|<AWS::Region>):(?:\\d{12}|<AWS::AccountId>):key\\/\\*$/").build())), true);
    }

    /** In an organization: the findings of {@code AssumeMemberRole} and {@code ListOrganizationAccounts}, with their reasons. */
    static void suppressMemberRoleWildcard(IRole role) {
        NagSuppressions.addResourceSuppressions(role, List.of(
                suppression("In an organization: Organizations ListAccounts, read-only, for the run's targets and the"
                                + " consumers of an AMI shared with the organization; Organizations List* calls have"
                                + " no resource-level permissions and require Resource *.",
                        "Resource::*"),
                suppression("In an organization: the member role, by its one name, in whichever account of the"
                                + " organization (aws:ResourceOrgID) the run's target is; member accounts come and go"
                                + " with the organization, so no list of account ids could stay right.",
                        RegexAppliesTo.builder().regex("/^Resource::arn:<AWS::Partition>:iam::\\*:role\\/[\\w+=,.@-]+$/").build()),
                suppression("The merge step reads the result files its function's Distributed Map wrote, whose names"
                                + " Step Functions chooses at run time: that function's folder of the run-results"
                                + " bucket only, read-only.",
                        RegexAppliesTo.builder().regex("/^Resource::<RunResults[0-9A-F]+\\.Arn>\\/[a-z-]+\\/\\*$/").build())), true);
    }

    private static NagPackSuppression suppression(String reason, Object appliesTo) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason).appliesTo(List.of(appliesTo)).build();
    }

    /** The ARN of the sweep cursor's parameter ({@link SweepCursor#DEFAULT_PARAMETER}, a name that starts with /). */
    static String sweepCursorArn() {
        return "arn:" + Aws.PARTITION + ":ssm:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":parameter"
                + SweepCursor.DEFAULT_PARAMETER;
    }

    private PolicyStatement readInRegions(String sid, List<String> actions) {
        return readInRegions(sid, actions, regions);
    }

    private static PolicyStatement readInRegions(String sid, List<String> actions, List<String> inRegions) {
        return PolicyStatement.Builder.create().sid(sid)
                .actions(actions)
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:RequestedRegion", inRegions)))
                .build();
    }

    private static PolicyStatement allow(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).build();
    }

    /** One Deny per tag key: the keys of one {@code Null} condition would all have to be present at once. */
    private static List<PolicyStatement> denyWhenTagged(String sid, List<String> tagKeys, List<String> actions,
                                                        List<String> resources) {
        List<PolicyStatement> denies = new ArrayList<>();
        for (int i = 0; i < tagKeys.size(); i++) {
            Map<String, Object> tagPresent = new LinkedHashMap<>();
            tagPresent.put("aws:ResourceTag/" + tagKeys.get(i), "false");
            denies.add(PolicyStatement.Builder.create().sid(sid + (i + 1)).effect(Effect.DENY)
                    .actions(actions).resources(resources)
                    .conditions(Map.of("Null", tagPresent)).build());
        }
        return denies;
    }

    private static List<String> images(List<String> inRegions) {
        return arns(inRegions, r -> "arn:" + Aws.PARTITION + ":ec2:" + r + "::image/*");
    }

    private static List<String> snapshots(List<String> inRegions) {
        return arns(inRegions, r -> "arn:" + Aws.PARTITION + ":ec2:" + r + "::snapshot/*");
    }

    private static List<String> arns(List<String> inRegions, java.util.function.UnaryOperator<String> arn) {
        return inRegions.stream().map(arn).toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
