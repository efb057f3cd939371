package dev.amihousekeeping.infra;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.CrossRegionCopyConfig;
import dev.amihousekeeping.config.ExpiryConfig;
import dev.amihousekeeping.config.OrphanScope;
import dev.amihousekeeping.config.PublicShareConfig;
import dev.amihousekeeping.config.PublicShareMode;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The IAM statements of each function (DESIGN §5, §9): exactly the calls its code makes for the policy it runs, in
 * the regions it runs in, as audited from the function runs down to {@code Ec2Gateway} (the table of
 * {@code FunctionActionsTest} names the caller of each action). A call the code makes is granted even where its
 * answer goes unused (the sweep reads block public access without enforcing it); what a switch really turns off is
 * not granted (no {@code ModifyImageAttribute} in alert mode, no {@code CopyImage} without destinations, nothing
 * for a disabled function). Mutating EC2 calls name AMIs and snapshots by region-scoped ARN; the rest have no
 * resource-level permissions and are held to the regions by {@code aws:RequestedRegion}. Exempt tags and AWS
 * Backup/DLM tags are also denied outright, so a bug in a policy cannot delete what the policy keeps.
 */
final class FunctionPermissions {
    /** Tags that AWS Backup and Data Lifecycle Manager put on the AMIs and snapshots they manage (DESIGN §6.4). */
    static final List<String> MANAGED_TAGS = List.of("aws:backup:source-resource", "aws:dlm:lifecycle-policy-id");

    private final Config config;
    private final List<String> regions;

    /** @param regions where the functions read and act: the policy's regions, or the home region when it names none */
    FunctionPermissions(Config config, List<String> regions) {
        this.config = config;
        this.regions = List.copyOf(regions);
    }

    FunctionGrants expiry() {
        ExpiryConfig expiry = config.expiry();
        if (!expiry.enabled()) {
            return FunctionGrants.none();
        }
        List<PolicyStatement> statements = new ArrayList<>();
        // The inventory reads snapshots whatever deleteSnapshots says: it tells which snapshots other AMIs use.
        // Instances, launch templates and SSM parameters are read directly where DescribeImageReferences is not
        // offered, and by DescribeImageReferences itself on the caller's behalf where it is. STS only when a
        // region holds nothing that names the account.
        List<String> reads = new ArrayList<>(List.of("ec2:DescribeImages", "ec2:DescribeSnapshots",
                "ec2:DescribeImageReferences", "ec2:DescribeInstances", "ec2:DescribeLaunchTemplates",
                "ec2:DescribeLaunchTemplateVersions", "autoscaling:DescribeLaunchConfigurations",
                "ssm:DescribeParameters", "sts:GetCallerIdentity"));
        if (!expiry.includeShared()) {
            reads.add("ec2:DescribeImageAttribute"); // launch permissions keep shared AMIs
        }
        statements.add(readInRegions("FindImagesAndUses", reads));
        statements.add(allow("ReadImageParameters", List.of("ssm:GetParameters"), arns(regions,
                r -> "arn:" + Aws.PARTITION + ":ssm:" + r + ":" + Aws.ACCOUNT_ID + ":parameter/*")));
        // DescribeImageReferences reads Image Builder recipes on the caller's behalf; nothing else may.
        statements.add(PolicyStatement.Builder.create().sid("LetImageReferencesReadRecipes")
                .actions(List.of("imagebuilder:ListImageRecipes", "imagebuilder:ListContainerRecipes",
                        "imagebuilder:GetContainerRecipe"))
                .resources(List.of("*"))
                .conditions(Map.of("ForAnyValue:StringEquals", Map.of("aws:CalledVia", List.of("ec2-images.amazonaws.com"))))
                .build());

        List<String> imageActions = expiry.deprecateFirst()
                ? List.of("ec2:EnableImageDeprecation", "ec2:DeregisterImage") : List.of("ec2:DeregisterImage");
        PolicyStatement retire = allow("RetireImages", imageActions, images(regions));
        expiry.selector().tags().forEach((key, value) -> retire.addCondition("StringEquals", Map.of("aws:ResourceTag/" + key, value)));
        statements.add(retire);
        statements.addAll(denyWhenTagged("KeepExemptImage", expiry.exemptTagKeys(), imageActions, images(regions)));
        // The policy keeps what AWS Backup or DLM made; the role may not retire it either, as for their snapshots.
        statements.addAll(denyWhenTagged("KeepManagedImage", MANAGED_TAGS, imageActions, images(regions)));
        if (expiry.deleteSnapshots()) {
            statements.add(allow("DeleteImageSnapshots", List.of("ec2:DeleteSnapshot"), snapshots(regions)));
            statements.addAll(denyWhenTagged("KeepManagedSnapshot", MANAGED_TAGS,
                    List.of("ec2:DeleteSnapshot"), snapshots(regions)));
        }
        // The handler publishes the run's summary (RunNotice): plans, failures, a plan over the cap.
        return new FunctionGrants(statements, true);
    }

    FunctionGrants orphanSnapshots() {
        if (!config.orphanSnapshots().enabled()) {
            return FunctionGrants.none();
        }
        List<String> reads = new ArrayList<>(List.of("ec2:DescribeSnapshots", "ec2:DescribeImages", "sts:GetCallerIdentity"));
        if (config.orphanSnapshots().scope() == OrphanScope.UNREFERENCED) {
            reads.add("ec2:DescribeVolumes"); // "whose source volume is gone"
        }
        List<String> keep = new ArrayList<>(config.orphanSnapshots().exemptTagKeys());
        keep.addAll(MANAGED_TAGS);
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(readInRegions("FindSnapshotsAndImages", reads));
        statements.add(allow("DeleteOrphans", List.of("ec2:DeleteSnapshot"), snapshots(regions)));
        statements.addAll(denyWhenTagged("KeepSnapshot", keep, List.of("ec2:DeleteSnapshot"), snapshots(regions)));
        return new FunctionGrants(statements, true); // a run with failures says so on the topic
    }

    FunctionGrants publicShare() {
        PublicShareConfig share = config.publicShare();
        if (!share.enabled()) {
            return FunctionGrants.none();
        }
        boolean remediate = share.mode() == PublicShareMode.REMEDIATE;
        // The sweep reads each block public access setting to report it, enforced or not; STS names the account
        // when neither the event nor anything owned does.
        List<String> reads = new ArrayList<>(List.of("ec2:DescribeImages", "ec2:DescribeImageAttribute",
                "ec2:GetImageBlockPublicAccessState", "sts:GetCallerIdentity"));
        if (share.includeSnapshots()) {
            reads.addAll(List.of("ec2:DescribeSnapshots", "ec2:DescribeSnapshotAttribute",
                    "ec2:GetSnapshotBlockPublicAccessState"));
        }
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(readInRegions("ReadGrantsAndBlockPublicAccess", reads));
        if (remediate) {
            statements.add(allow("RemoveImageGrants", List.of("ec2:ModifyImageAttribute"), images(regions)));
            statements.addAll(GrantRemovalOnly.imageGuards(images(regions)));
            if (share.includeSnapshots()) {
                statements.add(allow("RemoveSnapshotGrants", List.of("ec2:ModifySnapshotAttribute"), snapshots(regions)));
                statements.addAll(GrantRemovalOnly.snapshotGuards(snapshots(regions)));
            }
            if (share.enforceBlockPublicAccess()) {
                // Account-level switches: no resource to name. Alert mode only reports an unblocked setting.
                statements.add(readInRegions("EnableBlockPublicAccess", share.includeSnapshots()
                        ? List.of("ec2:EnableImageBlockPublicAccess", "ec2:EnableSnapshotBlockPublicAccess")
                        : List.of("ec2:EnableImageBlockPublicAccess")));
            }
        }
        return new FunctionGrants(statements, true); // one alert per finding
    }

    FunctionGrants crossRegionCopy() {
        CrossRegionCopyConfig copy = config.crossRegionCopy();
        List<String> destinations = copy.enabled() ? copy.destinationRegions() : List.of();
        List<String> everywhere = new ArrayList<>(new LinkedHashSet<>(concat(regions, destinations)));
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(readInRegions("FindImagesAndCopies", List.of("ec2:DescribeImages"), everywhere));
        // A new AMI's event reads its snapshots (to stamp them, and re-checks them) even with tagOnCreate off; an
        // AMI State Change names no account, so STS does.
        statements.add(readInRegions("ReadNewImageSnapshots", List.of("ec2:DescribeSnapshots", "sts:GetCallerIdentity")));
        boolean copies = !destinations.isEmpty();
        if (config.tagOnCreate().enabled()) {
            // The stamp (TagOnCreatePolicy) on the new AMI and its snapshots, and what of it reaches the copies the
            // AMI already has (CopyStampPolicy): the creator tag and the first expiry tag key, nothing else.
            List<String> stamped = new ArrayList<>(concat(images(regions), snapshots(regions)));
            if (copies) {
                stamped.addAll(images(destinations));
            }
            statements.add(CopyTags.stamp(config, new ArrayList<>(new LinkedHashSet<>(stamped))));
        }
        if (copies) {
            // CopyImage is checked against the source AMI and its snapshots in the source region, and the new AMI
            // and snapshots in the destination (EC2 User Guide, "Grant permissions to copy Amazon EC2 AMIs"): the
            // ARNs name the configured regions only, so no AMI is copied from a region outside the policy; the call
            // itself is held to the destination regions by aws:RequestedRegion.
            statements.add(PolicyStatement.Builder.create().sid("CopyIntoDestinations")
                    .actions(List.of("ec2:CopyImage"))
                    .resources(concat(images(everywhere), snapshots(everywhere)))
                    .conditions(Map.of("StringEquals", Map.of("aws:RequestedRegion", destinations)))
                    .build());
            statements.add(CopyTags.onCopy(copy, config.expiry().expiryTagKeys(), concat(images(destinations), snapshots(destinations))));
            // A source AMI encrypted with a customer managed key is copied only if EC2 may use that key too.
            statements.addAll(KmsKeyGrant.forSourcesIn(regions, everywhere));
            for (String region : destinations) {
                String keyId = copy.kmsKeyIds().get(region);
                if (keyId != null) {
                    statements.addAll(KmsKeyGrant.forCopiesInto(region, keyId));
                }
            }
        }
        // The handler publishes the catch-up's summary and an event's failures (RunNotice).
        return new FunctionGrants(statements, true);
    }

    /** The nag findings that these statements cause on purpose, each with the reason it is the least we can grant. */
    static void suppressExpectedWildcards(IRole role) {
        NagSuppressions.addResourceSuppressions(role, List.of(
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
                suppression("A copy key configured by alias is matched by kms:ResourceAliases on key/*, and only via EC2"
                                + " in its region (kms:ViaService); a source AMI's key is whichever its owner chose, so"
                                + " key/* of this account in the source regions, only via EC2 in the configured regions"
                                + " and grants only for AWS resources.",
                        RegexAppliesTo.builder().regex("/^Resource::arn:(?:aws[a-z-]*|<AWS::Partition>):kms:(?:[a-z0-9-]+|<AWS::Region>):(?:\\d{12}|<AWS::AccountId>):key\\/\\*$/").build())), true);
    }

    private static NagPackSuppression suppression(String reason, Object appliesTo) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason).appliesTo(List.of(appliesTo)).build();
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
