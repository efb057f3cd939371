package dev.amihousekeeping.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.OrphanScope;
import dev.amihousekeeping.config.PublicShareMode;
import dev.amihousekeeping.run.FunctionCalls;
import dev.amihousekeeping.run.HousekeepingFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.Stack;

/**
 * Each function's grants are exactly the AWS calls its code can make under the policy. {@link #CALLS} is the audit
 * of the code, from each {@code FunctionRun} down through {@code Ec2Gateway}, {@code ImageReferenceReader},
 * {@code LaunchConfigurationReader}, {@code Ec2ActionApplier}, {@code Recheck} and {@code SnsNotifier}: one row per
 * action, naming the code that calls it and the policy under which it can. A call added to the functions needs a
 * declaration beside it (from which {@link FunctionCalls} and then {@link FunctionPermissions} derive the grant) and a
 * row here; {@code FunctionCallsInSandboxTest} catches the ones the sandbox sees without either.
 */
class FunctionActionsTest {
    private static final List<String> REGIONS = List.of("us-east-1");

    /** One action a function's code calls, when the policy lets it, and where in the code. */
    record Call(String action, Predicate<Config> when, String calledBy) {
    }

    /** A function whose run returns before any call when this is false (its {@code enabled} switch). */
    static final Map<String, Predicate<Config>> RUNS = Map.of(
            "expiry", c -> c.expiry().enabled(),
            "orphan-snapshots", c -> c.orphanSnapshots().enabled(),
            "public-share", c -> c.publicShare().enabled(),
            // A new AMI's event is read whatever crossRegionCopy.enabled and tagOnCreate.enabled say.
            "cross-region-copy", c -> true);

    static final Map<String, List<Call>> CALLS = Map.of(
            "expiry", List.of(
                    call("ec2:DescribeImages", "Ec2Gateway.readInventory; Recheck.prepare (describeImages) and"
                            + " .skipReason (describeImage) before each action; DeregisterWithSnapshots when the plan names no"
                            + " snapshots"),
                    call("ec2:DescribeSnapshots", "Ec2Gateway.readInventory reads snapshots first, whatever"
                            + " deleteSnapshots says (they tell which snapshots other AMIs use)"),
                    call("sts:GetCallerIdentity", "Ec2Gateway.accountId from readInventory, when a region holds no"
                            + " owned image or snapshot"),
                    call("ec2:DescribeImageReferences", "ImageReferenceReader.describeImageReferences from"
                            + " ExpiryEvidenceReader.read and .reread (the re-check)"),
                    call("ec2:DescribeInstances", "ImageReferenceReader.instances in the fallback (read, reread);"
                            + " DescribeImageReferences on the caller's behalf"),
                    call("ec2:DescribeLaunchTemplates", "ImageReferenceReader.launchTemplates: old $Default versions,"
                            + " every version in the fallback; DescribeImageReferences on the caller's behalf"),
                    call("ec2:DescribeLaunchTemplateVersions", "ImageReferenceReader.launchTemplateReferences;"
                            + " DescribeImageReferences on the caller's behalf"),
                    call("ssm:DescribeParameters", "ImageReferenceReader.imageParameterNames in the fallback;"
                            + " DescribeImageReferences on the caller's behalf"),
                    call("ssm:GetParameters", "ImageReferenceReader.ssmParameters in the fallback;"
                            + " DescribeImageReferences on the caller's behalf"),
                    call("imagebuilder:ListImageRecipes", "DescribeImageReferences on the caller's behalf"),
                    call("imagebuilder:ListContainerRecipes", "DescribeImageReferences on the caller's behalf"),
                    call("imagebuilder:GetContainerRecipe", "DescribeImageReferences on the caller's behalf"),
                    call("autoscaling:DescribeLaunchConfigurations", "LaunchConfigurationReader.launchConfigurations"
                            + " (the SDK's Auto Scaling client) from ExpiryEvidenceReader.read"),
                    call("ec2:DescribeImageAttribute", c -> !c.expiry().includeShared(), "Ec2Gateway.launchPermissions"
                            + " from ExpiryEvidenceReader.read and .reread, for candidates nothing uses"),
                    call("ec2:EnableImageDeprecation", c -> c.expiry().deprecateFirst(), "Ec2ActionApplier.deprecate"),
                    call("ec2:CreateTags", "RecycleTagging.tag before DeregisterWithSnapshots.apply and"
                            + " Ec2ActionApplier.deleteSnapshot; Ec2ActionApplier.mark and .disable (the stage tags)"),
                    call("ec2:DeleteTags", c -> c.expiry().noticeDays() != null || c.expiry().deleteSnapshots(),
                            "Ec2ActionApplier.removeTags: the notice tag of an AMI exempted or no longer expired;"
                            + " RecycleTagging.untag: the recycle tags off a snapshot EC2 refused to delete (in use)"),
                    call("ec2:DisableImage", c -> c.expiry().disableFirst(), "Ec2ActionApplier.disable"),
                    call("ec2:DeregisterImage", "DeregisterWithSnapshots.apply -> Ec2Gateway.deregister"),
                    call("ec2:DeleteSnapshot", c -> c.expiry().deleteSnapshots(), "Ec2Gateway.deregister"
                            + " (DeleteAssociatedSnapshots), then DeregisterWithSnapshots for each snapshot left"),
                    call("sns:Publish", "SnsNotifier, from FunctionHandler: the run's RunNotice")),
            "orphan-snapshots", List.of(
                    call("ec2:DescribeSnapshots", "Ec2Gateway.readInventory; Recheck.prepare (describeSnapshots)"
                            + " and .skipReason (describeSnapshot) before each delete"),
                    call("ec2:DescribeImages", "Ec2Gateway.readInventory; OrphanSnapshotsRun.recheck"
                            + " through SnapshotUsers (imagesUsingSnapshots, describeImages, batched; single reads)"),
                    call("sts:GetCallerIdentity", "Ec2Gateway.accountId from readInventory in an empty region"),
                    call("ec2:DescribeVolumes", c -> c.orphanSnapshots().scope() == OrphanScope.UNREFERENCED,
                            "Ec2Gateway.readVolumeIds from OrphanSnapshotsRun.volumeIds"),
                    call("ec2:CreateTags", "RecycleTagging.tag before Ec2ActionApplier.deleteSnapshot"),
                    call("ec2:DeleteTags", "RecycleTagging.untag: the recycle tags off a snapshot EC2 refused to"
                            + " delete (in use)"),
                    call("ec2:DeleteSnapshot", "Ec2ActionApplier.deleteSnapshot"),
                    call("sns:Publish", "SnsNotifier, from FunctionHandler: the run's RunNotice")),
            "public-share", List.of(
                    call("ec2:DescribeImages", "Ec2Gateway.readImages and .publicImageIds from PublicShareRegion.read"
                            + " (the sweep)"),
                    call("ec2:DescribeImageAttribute", "Ec2Gateway.launchPermissions: PublicShareRegion.read, the"
                            + " event path, PublicShareApplier's re-check (GrantRemoval's before), GrantRemoval's"
                            + " read back, PublicShareAlerts.grantsNow when there was no read back"),
                    call("ec2:GetImageBlockPublicAccessState", "PublicShareRegion.read on every sweep, enforced or"
                            + " not; Ec2ActionApplier.enableBlockPublicAccess"),
                    call("sts:GetCallerIdentity", "Ec2Gateway.accountId from PublicShareRun.sweepAccount and"
                            + " .eventAccount, when nothing else names the account"),
                    call("ec2:DescribeSnapshots", c -> c.publicShare().includeSnapshots(),
                            "Ec2Gateway.readSnapshots and .publicSnapshotIds from PublicShareRegion.read"),
                    call("ec2:DescribeSnapshotAttribute", c -> c.publicShare().includeSnapshots(),
                            "Ec2Gateway.createVolumePermissions, wherever launchPermissions is read for images"),
                    call("ec2:GetSnapshotBlockPublicAccessState", c -> c.publicShare().includeSnapshots(),
                            "PublicShareRegion.read; Ec2ActionApplier.enableBlockPublicAccess"),
                    call("ec2:ModifyImageAttribute", FunctionActionsTest::remediates,
                            "Ec2Gateway.removeLaunchPermissions from GrantRemoval.remove"),
                    call("ec2:ModifySnapshotAttribute", c -> remediates(c) && c.publicShare().includeSnapshots(),
                            "Ec2Gateway.removeCreateVolumePermissions from GrantRemoval.remove"),
                    call("ec2:EnableImageBlockPublicAccess", c -> remediates(c)
                            && c.publicShare().enforceBlockPublicAccess(), "Ec2ActionApplier.enableBlockPublicAccess"),
                    call("ec2:EnableSnapshotBlockPublicAccess", c -> remediates(c)
                                    && c.publicShare().enforceBlockPublicAccess() && c.publicShare().includeSnapshots(),
                            "Ec2ActionApplier.enableBlockPublicAccess"),
                    call("ssm:GetParameter", "ParameterStore.readText from SweepCursor.load: the sweep's cursor"),
                    call("ssm:PutParameter", "ParameterStore.writeText from SweepCursor.keep (not in a dry run)"),
                    call("sns:Publish", "SnsNotifier, from PublicShareAlerts.send (one alert per finding) and"
                            + " FunctionHandler (the RunNotice of a run with errors)")),
            "cross-region-copy", List.of(
                    call("ec2:DescribeImages", "RegionImages (catch-up sources, destinations), CrossRegionCopyRun"
                            + " .stampAndCopy and .copyFailed (describeImage), Recheck.prepare and .skipReason"),
                    call("ec2:DescribeSnapshots", "CrossRegionCopyRun.stampAndCopy reads the new AMI's snapshots,"
                            + " tagOnCreate or not; Recheck.prepare and .skipReason before a snapshot's tag"),
                    call("sts:GetCallerIdentity", "Ec2Gateway.accountId: an AMI State Change names no account;"
                            + " a catch-up region without AMIs"),
                    call("ec2:CreateTags", c -> c.tagOnCreate().enabled() || copies(c), "Ec2ActionApplier.tag"
                            + " (tag-on-create); CopyImage's TagSpecifications and CopyImageTags"),
                    call("ec2:CopyImage", FunctionActionsTest::copies, "Ec2Gateway.copyImage from"
                            + " Ec2ActionApplier.copy"),
                    call("ec2:DeregisterImage", FunctionActionsTest::copies, "DeregisterWithSnapshots.apply of"
                            + " CrossRegionCopyPolicy's DeregisterFailedCopy (a failed copy, before it is made again)"),
                    call("kms:DescribeKey", FunctionActionsTest::copies, "EC2, for CopyImage with a kmsKeyId or of"
                            + " a source encrypted with a customer managed key"),
                    call("kms:Decrypt", FunctionActionsTest::copies, "EC2, as kms:DescribeKey"),
                    call("kms:GenerateDataKeyWithoutPlaintext", FunctionActionsTest::encrypts,
                            "EC2, for CopyImage with a kmsKeyId"),
                    call("kms:ReEncryptFrom", FunctionActionsTest::copies, "EC2, as kms:DescribeKey"),
                    call("kms:ReEncryptTo", FunctionActionsTest::encrypts, "EC2, for CopyImage with a kmsKeyId"),
                    call("kms:CreateGrant", FunctionActionsTest::copies, "EBS, as kms:DescribeKey"),
                    call("ssm:GetParameter", FunctionActionsTest::keepsLatest, "ParameterStore.read from"
                            + " LatestParameters.plan and .recheck"),
                    call("ssm:ListTagsForResource", FunctionActionsTest::keepsLatest, "ParameterStore.read: whose"
                            + " the parameter is (ManagedBy)"),
                    call("ssm:PutParameter", FunctionActionsTest::keepsLatest, "ParameterStore.create and"
                            + " .overwrite from Ec2ActionApplier.setParameter"),
                    call("ssm:AddTagsToResource", FunctionActionsTest::keepsLatest, "SSM, for PutParameter with"
                            + " Tags (ParameterStore.create)"),
                    call("sns:Publish", "SnsNotifier, from FunctionHandler: the run's RunNotice")));

    /** Policies that flip every switch the table's conditions read, each one way and the other. */
    static final List<String> POLICIES = List.of(
            "{}",
            "{\"expiry\": {\"deleteSnapshots\": false, \"deprecateFirst\": false, \"includeShared\": true}}",
            "{\"expiry\": {\"noticeDays\": 14, \"disableFirst\": true}}",
            "{\"orphanSnapshots\": {\"scope\": \"unreferenced\"}}",
            "{\"publicShare\": {\"enforceBlockPublicAccess\": true}}",
            "{\"publicShare\": {\"enforceBlockPublicAccess\": true, \"includeSnapshots\": false}}",
            "{\"publicShare\": {\"mode\": \"alert\", \"enforceBlockPublicAccess\": true}}",
            "{\"tagOnCreate\": {\"enabled\": false}, \"crossRegionCopy\": {\"enabled\": true,"
                    + " \"destinationRegions\": [\"us-west-2\"], \"kmsKeyIds\": {\"us-west-2\": \"alias/ami-dr\"}}}",
            "{\"crossRegionCopy\": {\"enabled\": true, \"destinationRegions\": [\"us-west-2\"]}}",
            "{\"latestParameters\": {\"enabled\": true}, \"crossRegionCopy\": {\"enabled\": true,"
                    + " \"destinationRegions\": [\"us-west-2\"]}}",
            "{\"expiry\": {\"enabled\": false}, \"orphanSnapshots\": {\"enabled\": false},"
                    + " \"publicShare\": {\"enabled\": false}, \"tagOnCreate\": {\"enabled\": false}}");

    static final Map<String, Function<FunctionPermissions, FunctionGrants>> GRANTS = Map.of(
            "expiry", FunctionPermissions::expiry,
            "orphan-snapshots", FunctionPermissions::orphanSnapshots,
            "public-share", FunctionPermissions::publicShare,
            "cross-region-copy", FunctionPermissions::crossRegionCopy);

    /** The actions the audit says {@code function}'s code can call under {@code config}. */
    static Set<String> expected(String function, Config config) {
        Set<String> actions = new TreeSet<>();
        if (RUNS.get(function).test(config)) {
            CALLS.get(function).stream().filter(c -> c.when().test(config)).forEach(c -> actions.add(c.action()));
        }
        return actions;
    }

    static Stream<Arguments> functionsAndPolicies() {
        return CALLS.keySet().stream().flatMap(function -> POLICIES.stream().map(p -> Arguments.of(function, p)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("functionsAndPolicies")
    void grants_exactlyTheCallsTheCodeMakes(String function, String policy) {
        Config config = PolicyDocument.parse(policy, "test").config();
        Set<String> granted = allowed(GRANTS.get(function).apply(new FunctionPermissions(config, REGIONS)));
        Set<String> expected = expected(function, config);

        List<String> missing = new ArrayList<>();
        CALLS.get(function).stream().filter(c -> expected.contains(c.action()) && !granted.contains(c.action()))
                .forEach(c -> missing.add(c.action() + " (called by " + c.calledBy() + ")"));
        assertThat(missing).as("called by the code but not granted").isEmpty();
        assertThat(granted).as("granted but never called").isSubsetOf(expected);
    }

    /**
     * The declarations beside the code ({@link FunctionCalls}, from which {@link FunctionPermissions} builds the
     * statements) and this audit say the same: a call declared but not audited, or audited but declared nowhere,
     * fails here.
     */
    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("functionsAndPolicies")
    void declaredCalls_areExactlyTheAuditedOnes(String function, String policy) {
        Config config = PolicyDocument.parse(policy, "test").config();
        Set<String> declared = FunctionCalls.of(HousekeepingFunction.named(function).orElseThrow(), config).all();
        Set<String> audited = expected(function, config);

        Set<String> notAudited = new TreeSet<>(declared);
        notAudited.removeAll(audited);
        Set<String> notDeclared = new TreeSet<>(audited);
        notDeclared.removeAll(declared);
        assertThat(notAudited).as("declared beside the code but not in the audit table").isEmpty();
        assertThat(notDeclared).as("in the audit table but declared nowhere").isEmpty();
    }

    @Test
    void everyAuditedCall_isGrantedUnderOneOfThePolicies() {
        CALLS.forEach((function, calls) -> calls.forEach(call -> assertThat(POLICIES.stream()
                .map(p -> PolicyDocument.parse(p, "test").config())
                .anyMatch(config -> expected(function, config).contains(call.action())))
                .as(function + " " + call.action()).isTrue()));
    }

    /** Allowed actions of the grants, with {@code sns:Publish} when the function notifies. */
    static Set<String> allowed(FunctionGrants grants) {
        Stack stack = new Stack();
        Set<String> actions = new TreeSet<>();
        grants.statements().stream()
                .map(s -> AppFixture.JSON.<JsonNode>valueToTree(stack.resolve(s.toStatementJson())))
                .filter(s -> s.path("Effect").asText().equals("Allow"))
                .forEach(s -> actions.addAll(IamStatements.actions(s)));
        if (grants.notifies()) {
            actions.add("sns:Publish");
        }
        return actions;
    }

    private static boolean remediates(Config config) {
        return config.publicShare().mode() == PublicShareMode.REMEDIATE;
    }

    private static boolean copies(Config config) {
        return config.crossRegionCopy().enabled() && !config.crossRegionCopy().destinationRegions().isEmpty();
    }

    private static boolean keepsLatest(Config config) {
        return config.latestParameters().enabled();
    }

    private static boolean encrypts(Config config) {
        return copies(config) && config.crossRegionCopy().destinationRegions().stream()
                .anyMatch(config.crossRegionCopy().kmsKeyIds()::containsKey);
    }

    private static Call call(String action, String calledBy) {
        return new Call(action, c -> true, calledBy);
    }

    private static Call call(String action, Predicate<Config> when, String calledBy) {
        return new Call(action, when, calledBy);
    }
}
