package dev.amihousekeeping.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;

/** What each function may do follows the policy it runs: switched-off behaviour is not granted. */
class FunctionPermissionsTest {
    private static final List<String> REGIONS = List.of("us-east-1");

    @Test
    void publicShareInAlertMode_cannotChangeAnyGrant() {
        Set<String> actions = allowed("{\"publicShare\": {\"mode\": \"alert\"}}", FunctionPermissions::publicShare);
        assertThat(actions).contains("ec2:DescribeImageAttribute", "ec2:DescribeSnapshotAttribute")
                .doesNotContain("ec2:ModifyImageAttribute", "ec2:ModifySnapshotAttribute");
    }

    @Test
    void publicShareWithoutSnapshots_neverReadsOrChangesSnapshots() {
        Set<String> actions = allowed("{\"publicShare\": {\"includeSnapshots\": false, \"enforceBlockPublicAccess\": true}}",
                FunctionPermissions::publicShare);
        assertThat(actions).contains("ec2:ModifyImageAttribute", "ec2:EnableImageBlockPublicAccess")
                .noneMatch(action -> action.contains("Snapshot"));
    }

    @Test
    void enforcingBlockPublicAccess_addsOnlyTheAccountSwitches() {
        Set<String> actions = allowed("{\"publicShare\": {\"enforceBlockPublicAccess\": true}}", FunctionPermissions::publicShare);
        assertThat(actions).contains("ec2:GetImageBlockPublicAccessState", "ec2:EnableImageBlockPublicAccess",
                "ec2:GetSnapshotBlockPublicAccessState", "ec2:EnableSnapshotBlockPublicAccess")
                .doesNotContain("ec2:DisableImageBlockPublicAccess", "ec2:DisableSnapshotBlockPublicAccess");
    }

    @Test
    void sweepThatDoesNotEnforce_stillReadsBlockPublicAccess_butCannotSwitchItOn() {
        for (String policy : List.of("{}", "{\"publicShare\": {\"mode\": \"alert\", \"enforceBlockPublicAccess\": true}}")) {
            assertThat(allowed(policy, FunctionPermissions::publicShare)).as(policy)
                    .contains("ec2:GetImageBlockPublicAccessState", "ec2:GetSnapshotBlockPublicAccessState")
                    .doesNotContain("ec2:EnableImageBlockPublicAccess", "ec2:EnableSnapshotBlockPublicAccess");
        }
    }

    @Test
    void disabledFunctions_areGrantedNothing() {
        String policy = "{\"expiry\": {\"enabled\": false}, \"orphanSnapshots\": {\"enabled\": false},"
                + " \"publicShare\": {\"enabled\": false}}";
        for (Function<FunctionPermissions, FunctionGrants> function : List.<Function<FunctionPermissions, FunctionGrants>>of(
                FunctionPermissions::expiry, FunctionPermissions::orphanSnapshots, FunctionPermissions::publicShare)) {
            FunctionGrants grants = function.apply(permissions(policy));
            assertThat(grants.statements()).isEmpty();
            assertThat(grants.notifies()).isFalse();
        }
    }

    @Test
    void expiryThatKeepsSnapshotsAndSkipsDeprecation_cannotDeleteOrDeprecate_butStillReadsSnapshots() {
        Set<String> actions = allowed("{\"expiry\": {\"deleteSnapshots\": false, \"deprecateFirst\": false}}",
                FunctionPermissions::expiry);
        // The inventory lists snapshots whatever deleteSnapshots says.
        assertThat(actions).contains("ec2:DeregisterImage", "ec2:DescribeSnapshots")
                .doesNotContain("ec2:DeleteSnapshot", "ec2:EnableImageDeprecation");
    }

    @Test
    void expiryIncludingSharedImages_neverReadsLaunchPermissions() {
        assertThat(allowed("{\"expiry\": {\"includeShared\": true}}", FunctionPermissions::expiry))
                .doesNotContain("ec2:DescribeImageAttribute");
        assertThat(allowed("{}", FunctionPermissions::expiry)).contains("ec2:DescribeImageAttribute");
    }

    @Test
    void everyDeployedFunction_notifies_sinceItsHandlerSendsTheRunSummary() {
        FunctionPermissions defaults = permissions("{}");
        assertThat(defaults.orphanSnapshots().notifies()).isTrue();
        assertThat(defaults.publicShare().notifies()).isTrue();
        assertThat(defaults.expiry().notifies()).isTrue();
        assertThat(defaults.crossRegionCopy().notifies()).isTrue();
        assertThat(permissions("{\"expiry\": {\"enabled\": false}}").expiry().notifies()).isFalse();
    }

    @Test
    void expirySelectorTags_limitWhichImagesCanBeRetired() {
        JsonNode retire = statement("{\"expiry\": {\"selector\": {\"tags\": {\"Team\": \"web\"}}}}",
                FunctionPermissions::expiry, "RetireImages");
        assertThat(retire.path("Condition").path("StringEquals").path("aws:ResourceTag/Team").asText()).isEqualTo("web");
    }

    @Test
    void expiryStageAndRecycleTags_areHeldToTheirKeys_andNotDeniedOnExemptImages() {
        String policy = "{\"expiry\": {\"noticeDays\": 14, \"noticeTagKey\": \"Notice\", \"disableFirst\": true},"
                + " \"recycleBin\": {\"tagKey\": \"Recycle\"}}";
        JsonNode tag = statement(policy, FunctionPermissions::expiry, "TagStagesAndRecycle");
        assertThat(IamStatements.actions(tag)).containsExactlyInAnyOrder("ec2:CreateTags", "ec2:DeleteTags");
        assertThat(tagKeys(tag)).containsExactly("Notice", "HousekeepingDisabledOn", "Recycle", "HousekeepingRunId");
        assertThat(tag.path("Resource").toString()).contains(":ec2:us-east-1::image/*", ":ec2:us-east-1::snapshot/*");
        assertThat(IamStatements.actions(statement(policy, FunctionPermissions::expiry, "RetireImages")))
                .contains("ec2:DisableImage", "ec2:DeregisterImage").doesNotContain("ec2:CreateTags", "ec2:DeleteTags");
        assertThat(resolve(policy, FunctionPermissions::expiry))
                .filteredOn(s -> s.path("Effect").asText().equals("Deny"))
                .allSatisfy(s -> assertThat(IamStatements.actions(s)).doesNotContain("ec2:CreateTags", "ec2:DeleteTags"))
                .filteredOn(s -> s.path("Sid").asText().matches("Keep(Exempt|Managed)Image\\d+"))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(IamStatements.actions(s)).contains("ec2:DisableImage"));
    }

    @Test
    void orphanSnapshots_tagOnlyTheRecycleKeys_beforeDeleting() {
        JsonNode tag = statement("{}", FunctionPermissions::orphanSnapshots, "TagForRecycleBin");
        assertThat(IamStatements.actions(tag)).containsExactlyInAnyOrder("ec2:CreateTags", "ec2:DeleteTags");
        assertThat(tagKeys(tag)).containsExactly("HousekeepingRecycle", "HousekeepingRunId");
        assertThat(IamStatements.actions(statement("{}", FunctionPermissions::orphanSnapshots, "DeleteOrphans")))
                .containsExactly("ec2:DeleteSnapshot");
    }

    @Test
    void orphanScopeUnreferenced_alsoReadsVolumes() {
        assertThat(allowed("{\"orphanSnapshots\": {\"scope\": \"unreferenced\"}}", FunctionPermissions::orphanSnapshots))
                .contains("ec2:DescribeVolumes");
        assertThat(allowed("{}", FunctionPermissions::orphanSnapshots)).doesNotContain("ec2:DescribeVolumes");
    }

    @Test
    void orphanExemptTags_areDeniedOnTopOfBackupAndDlm() {
        List<JsonNode> denies = resolve("{\"orphanSnapshots\": {\"exemptTagKeys\": [\"Keep\"]}}",
                FunctionPermissions::orphanSnapshots).stream()
                .filter(s -> s.path("Effect").asText().equals("Deny")).toList();
        assertThat(denies).extracting(s -> s.path("Condition").path("Null").fieldNames().next()).containsExactly(
                "aws:ResourceTag/Keep", "aws:ResourceTag/aws:backup:source-resource",
                "aws:ResourceTag/aws:dlm:lifecycle-policy-id");
    }

    @Test
    void copyWithoutDestinationsOrStamping_onlyReadsTheNewImage() {
        assertThat(allowed("{\"tagOnCreate\": {\"enabled\": false}}", FunctionPermissions::crossRegionCopy))
                .containsExactlyInAnyOrder("ec2:DescribeImages", "ec2:DescribeSnapshots", "sts:GetCallerIdentity");
    }

    @Test
    void tagOnCreate_stampsTheNewImageAndItsSnapshots_inTheConfiguredRegionsOnly_withTheStampsTagsOnly() {
        JsonNode tag = statement("{}", FunctionPermissions::crossRegionCopy, "StampNewImages");
        assertThat(IamStatements.actions(tag)).containsExactly("ec2:CreateTags");
        assertThat(tag.path("Resource").toString()).contains(":ec2:us-east-1::image/*", ":ec2:us-east-1::snapshot/*")
                .doesNotContain(":ec2:*:");
        assertThat(tagKeys(tag)).containsExactly("CreatedBy", "DeleteOn");
        JsonNode custom = statement("{\"tagOnCreate\": {\"creatorTagKey\": \"Owner\"}, \"expiry\": {\"expiryTagKeys\": [\"Expires\"]}}",
                FunctionPermissions::crossRegionCopy, "StampNewImages");
        assertThat(tagKeys(custom)).containsExactly("Owner", "Expires");
        assertThat(resolve("{}", FunctionPermissions::crossRegionCopy))
                .filteredOn(s -> IamStatements.actions(s).contains("ec2:CreateTags"))
                .allSatisfy(s -> assertThat(s.path("Condition").size()).isPositive());
    }

    @Test
    void copy_isAllowedOnlyIntoTheDestinationRegions() {
        String policy = "{\"crossRegionCopy\": {\"enabled\": true, \"destinationRegions\": [\"us-west-2\", \"eu-central-1\"]}}";
        JsonNode copy = statement(policy, FunctionPermissions::crossRegionCopy, "CopyIntoDestinations");
        assertThat(IamStatements.actions(copy)).containsExactly("ec2:CopyImage");
        assertThat(copy.path("Condition").path("StringEquals").path("aws:RequestedRegion").toString())
                .isEqualTo("[\"us-west-2\",\"eu-central-1\"]");
        assertThat(statement(policy, FunctionPermissions::crossRegionCopy, "FindImagesAndCopies")
                .path("Condition").toString()).contains("us-east-1", "us-west-2", "eu-central-1");
        assertThat(statement(policy, FunctionPermissions::crossRegionCopy, "StampNewImages").path("Resource").toString())
                .contains(":ec2:us-east-1::image/*", ":ec2:us-west-2::image/*", ":ec2:us-east-1::snapshot/*");
        assertThat(resolve(policy, FunctionPermissions::crossRegionCopy).toString()).doesNotContain("EncryptCopiesIn");
    }

    @Test
    void failedCopies_mayBeDeregistered_onlyInTheDestinations_andOnlyWithOurSourceTag() {
        String policy = "{\"crossRegionCopy\": {\"enabled\": true, \"destinationRegions\": [\"us-west-2\"]}}";
        JsonNode deregister = statement(policy, FunctionPermissions::crossRegionCopy, "DeregisterFailedCopies");
        assertThat(IamStatements.actions(deregister)).containsExactly("ec2:DeregisterImage");
        assertThat(deregister.path("Resource").toString()).contains(":ec2:us-west-2::image/*").doesNotContain("us-east-1");
        assertThat(deregister.path("Condition").path("Null").path("aws:ResourceTag/SourceAmi").asText()).isEqualTo("false");
        assertThat(allowed("{}", FunctionPermissions::crossRegionCopy)).doesNotContain("ec2:DeregisterImage");
    }

    @Test
    void copy_takesSourcesOnlyFromTheConfiguredRegions() {
        String policy = "{\"regions\": [\"us-east-1\"], \"crossRegionCopy\": {\"enabled\": true, \"destinationRegions\": [\"us-west-2\"]}}";
        JsonNode copy = statement(policy, FunctionPermissions::crossRegionCopy, "CopyIntoDestinations");
        List<String> arns = new java.util.ArrayList<>();
        copy.path("Resource").forEach(r -> arns.add(r.toString()));
        assertThat(arns).hasSize(4).allSatisfy(arn -> assertThat(arn).containsAnyOf(":ec2:us-east-1::", ":ec2:us-west-2::"))
                .noneMatch(arn -> arn.contains(":ec2:*:"));
        assertThat(arns.toString()).contains("us-east-1::image/*", "us-east-1::snapshot/*", "us-west-2::image/*",
                "us-west-2::snapshot/*");
    }

    @Test
    void copiesOwnTags_areHeldToCopyImage_andWithoutCopyTagsToTheKeysTheCopyWrites() {
        String copying = "{\"crossRegionCopy\": {\"enabled\": true, \"destinationRegions\": [\"us-west-2\"]";
        JsonNode withSourceTags = statement(copying + "}}", FunctionPermissions::crossRegionCopy, "TagCopiesAsTheyAreMade");
        assertThat(withSourceTags.path("Condition").path("StringEquals").path("ec2:CreateAction").asText()).isEqualTo("CopyImage");
        assertThat(withSourceTags.path("Resource").toString()).contains(":ec2:us-west-2::image/*")
                .doesNotContain("us-east-1");
        // copyTags: the source's own tags are whatever its owner chose; CopyImage is the only way in.
        assertThat(withSourceTags.path("Condition").has("ForAllValues:StringEquals")).isFalse();
        JsonNode ownTags = statement(copying + ", \"copyTags\": false}}", FunctionPermissions::crossRegionCopy,
                "TagCopiesAsTheyAreMade");
        assertThat(ownTags.path("Condition").path("StringEquals").path("ec2:CreateAction").asText()).isEqualTo("CopyImage");
        assertThat(tagKeys(ownTags)).containsExactly("SourceAmi", "SourceRegion", "DeleteOn", "ExpirationDate", "ExpiryDate");
        JsonNode notRetained = statement(copying + ", \"copyTags\": false, \"retainCopies\": false}}",
                FunctionPermissions::crossRegionCopy, "TagCopiesAsTheyAreMade");
        assertThat(tagKeys(notRetained)).containsExactly("SourceAmi", "SourceRegion");
    }

    @Test
    void encryptedSources_mayBeReadThroughEc2_withTheirOwnersKey_inTheSourceRegions() {
        String policy = "{\"crossRegionCopy\": {\"enabled\": true, \"destinationRegions\": [\"us-west-2\"]}}";
        JsonNode read = statement(policy, FunctionPermissions::crossRegionCopy, "ReadEncryptedSources");
        assertThat(IamStatements.actions(read)).containsExactlyInAnyOrder("kms:DescribeKey", "kms:Decrypt", "kms:ReEncryptFrom");
        assertThat(read.path("Resource").toString()).contains(":kms:us-east-1:", ":key/*").doesNotContain("us-west-2");
        assertThat(read.path("Condition").path("StringEquals").path("kms:ViaService").toString())
                .isEqualTo("[\"ec2.us-east-1.amazonaws.com\",\"ec2.us-west-2.amazonaws.com\"]");
        JsonNode grant = statement(policy, FunctionPermissions::crossRegionCopy, "LetEbsReadEncryptedSources");
        assertThat(IamStatements.actions(grant)).containsExactly("kms:CreateGrant");
        assertThat(grant.path("Condition").path("Bool").path("kms:GrantIsForAWSResource").asText()).isEqualTo("true");
        assertThat(grant.path("Condition").path("StringEquals").path("kms:ViaService").toString()).contains("ec2.us-east-1");
        assertThat(resolve("{}", FunctionPermissions::crossRegionCopy).toString()).doesNotContain("kms:");
    }

    @Test
    void publicShare_keepsItsSweepCursor_inOneParameterOfItsOwnAccountAndRegion_andTheMemberRoleDoesNot() {
        for (String policy : List.of("{}", "{\"publicShare\": {\"mode\": \"alert\"}}")) {
            JsonNode cursor = statement(policy, FunctionPermissions::publicShare, "KeepSweepCursor");
            assertThat(IamStatements.actions(cursor)).as(policy).containsExactlyInAnyOrder("ssm:GetParameter",
                    "ssm:PutParameter");
            assertThat(cursor.path("Resource").toString()).isEqualTo("{\"Fn::Join\":[\"\",[\"arn:\",{\"Ref\":"
                    + "\"AWS::Partition\"},\":ssm:\",{\"Ref\":\"AWS::Region\"},\":\",{\"Ref\":\"AWS::AccountId\"},"
                    + "\":parameter/ami-housekeeping/public-share/sweep-cursor\"]]}");
        }
        // No other function touches Parameter Store by default; the member role keeps no cursor.
        assertThat(allowed("{}", FunctionPermissions::expiry)).noneMatch(a -> a.startsWith("ssm:Put"));
        Stack stack = new Stack();
        assertThat(FunctionPermissions.memberRole(PolicyDocument.parse("{}", "test").config(), REGIONS).publicShare()
                .statements().stream().map(s -> stack.resolve(s.toStatementJson()).toString()))
                .isNotEmpty().noneMatch(s -> s.contains("ssm:"));
        assertThat(allowed("{\"publicShare\": {\"enabled\": false}}", FunctionPermissions::publicShare)).isEmpty();
    }

    @Test
    void grantRemoval_cannotAddSnapshotGrants_norChangeAnotherAttribute() {
        List<JsonNode> denies = resolve("{}", FunctionPermissions::publicShare).stream()
                .filter(st -> st.path("Effect").asText().equals("Deny")).toList();
        assertThat(denies).allSatisfy(d -> assertThat(d.path("Resource").toString()).doesNotContain(":ec2:*:"));
        List<JsonNode> snapshot = denies.stream()
                .filter(d -> IamStatements.actions(d).equals(List.of("ec2:ModifySnapshotAttribute")))
                .map(d -> d.path("Condition")).toList();
        assertThat(snapshot).containsExactlyInAnyOrderElementsOf(json(
                "{\"Null\":{\"ec2:Add/group\":\"false\"}}",
                "{\"Null\":{\"ec2:Add/userId\":\"false\"}}",
                "{\"StringNotEqualsIgnoreCase\":{\"ec2:Attribute\":\"createVolumePermission\"},\"Null\":{\"ec2:Attribute\":\"false\"}}"));
    }

    @Test
    void grantRemoval_onImages_isHeldToLaunchPermissions_withTheKeysEc2Offers() {
        List<JsonNode> image = resolve("{\"publicShare\": {\"includeSnapshots\": false}}", FunctionPermissions::publicShare)
                .stream().filter(st -> st.path("Effect").asText().equals("Deny"))
                .filter(d -> IamStatements.actions(d).equals(List.of("ec2:ModifyImageAttribute")))
                .map(d -> d.path("Condition")).toList();
        assertThat(image).containsExactlyInAnyOrderElementsOf(json(
                "{\"StringNotEqualsIgnoreCase\":{\"ec2:Attribute\":\"launchPermission\"},\"Null\":{\"ec2:Attribute\":\"false\"}}",
                "{\"StringEqualsIgnoreCase\":{\"ec2:Attribute/OperationType\":\"add\"}}",
                "{\"Null\":{\"ec2:Attribute/Description\":\"false\"}}",
                "{\"Null\":{\"ec2:Attribute/ImdsSupport\":\"false\"}}"));
        assertThat(resolve("{\"publicShare\": {\"mode\": \"alert\"}}", FunctionPermissions::publicShare))
                .noneMatch(st -> st.path("Effect").asText().equals("Deny"));
    }

    @Test
    void copyKeys_areGrantedOnlyOnTheConfiguredKeyThroughEc2InItsRegion() {
        String policy = """
                {"crossRegionCopy": {"enabled": true, "destinationRegions": ["us-west-2", "eu-central-1", "eu-west-1"],
                  "kmsKeyIds": {"us-west-2": "alias/ami-dr",
                                "eu-central-1": "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}}}
                """;
        JsonNode byAlias = statement(policy, FunctionPermissions::crossRegionCopy, "EncryptCopiesInuswest2");
        assertThat(byAlias.path("Resource").toString()).contains(":kms:us-west-2:", ":key/*");
        assertThat(byAlias.path("Condition").path("ForAnyValue:StringEquals").path("kms:ResourceAliases").asText())
                .isEqualTo("alias/ami-dr");
        assertThat(byAlias.path("Condition").path("StringEquals").path("kms:ViaService").asText())
                .isEqualTo("ec2.us-west-2.amazonaws.com");
        JsonNode byArn = statement(policy, FunctionPermissions::crossRegionCopy, "EncryptCopiesIneucentral1");
        assertThat(byArn.path("Resource").asText())
                .isEqualTo("arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        JsonNode grant = statement(policy, FunctionPermissions::crossRegionCopy, "LetEbsUseKeyInuswest2");
        assertThat(IamStatements.actions(grant)).containsExactly("kms:CreateGrant");
        assertThat(grant.path("Condition").path("Bool").path("kms:GrantIsForAWSResource").asText()).isEqualTo("true");
        assertThat(resolve(policy, FunctionPermissions::crossRegionCopy).toString()).doesNotContain("euwest1");
    }

    @Test
    void copyKeyThatIsNoKeyReference_failsNamingTheRegion() {
        String policy = "{\"crossRegionCopy\": {\"enabled\": true, \"destinationRegions\": [\"us-west-2\"],"
                + " \"kmsKeyIds\": {\"us-west-2\": \"ami-dr\"}}}";
        assertThatThrownBy(() -> resolve(policy, FunctionPermissions::crossRegionCopy))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("crossRegionCopy.kmsKeyIds.us-west-2");
    }

    private static List<JsonNode> json(String... documents) {
        return java.util.Arrays.stream(documents).map(d -> {
            try {
                return AppFixture.JSON.readTree(d);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    private static List<String> tagKeys(JsonNode statement) {
        List<String> keys = new java.util.ArrayList<>();
        statement.path("Condition").path("ForAllValues:StringEquals").path("aws:TagKeys").forEach(k -> keys.add(k.asText()));
        return keys;
    }

    private static Set<String> allowed(String policy, Function<FunctionPermissions, FunctionGrants> function) {
        Set<String> actions = new TreeSet<>();
        resolve(policy, function).stream().filter(s -> s.path("Effect").asText().equals("Allow"))
                .forEach(s -> actions.addAll(IamStatements.actions(s)));
        return actions;
    }

    private static JsonNode statement(String policy, Function<FunctionPermissions, FunctionGrants> function,
                                      String sid) {
        return resolve(policy, function).stream().filter(s -> s.path("Sid").asText().equals(sid)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid));
    }

    private static List<JsonNode> resolve(String policy, Function<FunctionPermissions, FunctionGrants> function) {
        Stack stack = new Stack();
        return function.apply(permissions(policy)).statements().stream()
                .map(s -> AppFixture.JSON.<JsonNode>valueToTree(stack.resolve(s.toStatementJson()))).toList();
    }

    private static FunctionPermissions permissions(String policy) {
        return new FunctionPermissions(PolicyDocument.parse(policy, "test").config(), REGIONS);
    }
}
