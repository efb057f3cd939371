package dev.amihousekeeping.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amihousekeeping.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

/**
 * An organization deployment (DESIGN §9) over two regions: the hub's state machines, schedules, results bucket, bus
 * policy and StackSet, and the member template the StackSet inlines.
 */
class OrganizationStackTest {
    static final Map<String, Object> ORGANIZATION = Map.of(
            "organization", "true",
            "memberOrganizationalUnitIds", "[\"ou-ab12-cdef3456\", \"ou-ab12-99998888\"]",
            "organizationId", "o-abc123def4",
            "mapMaxConcurrency", "25",
            "housekeeping", Map.of("regions", List.of("us-east-1", "eu-west-1")));
    private static final List<String> SCHEDULED = List.of("expiry", "orphan-snapshots", "public-share", "cross-region-copy");

    private static HousekeeperApp.Stacks stacks;
    private static JsonNode template;
    private static JsonNode member;

    @BeforeAll
    static void synth() throws Exception {
        stacks = AppFixture.synth(ORGANIZATION);
        template = AppFixture.template(stacks.home());
        member = AppFixture.JSON.readTree(stacks.member().json());
    }

    @Test
    void eachScheduledFunction_runsAsAStateMachine_listTargetsThenADistributedMapOverThem() {
        for (String service : SCHEDULED) {
            JsonNode definition = definition(service);
            assertThat(definition.path("StartAt").asText()).isEqualTo("ListTargets");
            JsonNode list = definition.path("States").path("ListTargets");
            assertThat(list.path("Resource").asText()).isEqualTo(aliasRef(service));
            assertThat(list.path("Parameters").toString()).isEqualTo("{\"listTargets\":true}");
            assertThat(list.path("Next").asText()).isEqualTo("EachTarget");
            assertLambdaServiceRetry(list);

            JsonNode map = definition.path("States").path("EachTarget");
            assertThat(map.path("Type").asText()).isEqualTo("Map");
            assertThat(map.path("ItemProcessor").path("ProcessorConfig").path("Mode").asText()).isEqualTo("DISTRIBUTED");
            assertThat(map.path("ItemProcessor").path("ProcessorConfig").path("ExecutionType").asText()).isEqualTo("STANDARD");
            assertThat(map.path("ItemsPath").asText()).isEqualTo("$.targets");
            assertThat(map.path("ItemSelector")).isEqualTo(AppFixture.JSON.valueToTree(Map.of(
                    "account.$", "$$.Map.Item.Value.account", "region.$", "$$.Map.Item.Value.region")));
            assertThat(map.path("MaxConcurrency").asInt()).isEqualTo(25);
            assertThat(map.path("ToleratedFailurePercentage").asInt()).isEqualTo(10);
            assertThat(map.path("Next").asText()).isEqualTo("MergeResults");
            JsonNode writer = map.path("ResultWriter");
            assertThat(writer.path("Resource").asText()).isEqualTo("arn:${AWS::Partition}:states:::s3:putObject");
            assertThat(writer.path("Parameters").path("Bucket").asText())
                    .isEqualTo("${" + AppFixture.logicalId(stacks.home().runResults()) + "}");
            assertThat(writer.path("Parameters").path("Prefix").asText()).isEqualTo(service + "/");

            JsonNode run = map.path("ItemProcessor").path("States").path("RunTarget");
            assertThat(run.path("Resource").asText()).isEqualTo(aliasRef(service));
            assertThat(run.has("Parameters")).as("the item itself is the payload").isFalse();
            assertLambdaServiceRetry(run);

            // The map's output names its manifest; the function merges what it lists and notifies once.
            JsonNode merge = definition.path("States").path("MergeResults");
            assertThat(merge.path("Resource").asText()).isEqualTo(aliasRef(service));
            assertThat(merge.path("Parameters").toString()).isEqualTo("{\"mergeResults\":{"
                    + "\"bucket.$\":\"$.ResultWriterDetails.Bucket\",\"key.$\":\"$.ResultWriterDetails.Key\"}}");
            assertThat(merge.path("End").asBoolean()).isTrue();
            assertLambdaServiceRetry(merge);
        }
    }

    @Test
    void eachScheduledFunction_readsOnlyItsOwnFolderOfTheRunResults_throughS3() {
        String bucket = AppFixture.logicalId(stacks.home().runResults());
        for (String service : SCHEDULED) {
            JsonNode role = resource(stacks.home().functions().get(service).role()).path("Properties");
            List<JsonNode> reads = new ArrayList<>();
            role.path("Policies").get(0).path("PolicyDocument").path("Statement").forEach(s -> {
                if (IamStatements.actions(s).stream().anyMatch(a -> a.startsWith("s3:"))) {
                    reads.add(s);
                }
            });
            assertThat(reads).as(service).singleElement().satisfies(s -> {
                assertThat(IamStatements.actions(s)).containsExactly("s3:GetObject");
                assertThat(s.path("Resource").toString()).isEqualTo("{\"Fn::Join\":[\"\",[{\"Fn::GetAtt\":[\""
                        + bucket + "\",\"Arn\"]},\"/" + service + "/*\"]]}");
            });
            JsonNode decrypt = statement(role, "DecryptRunResults");
            assertThat(IamStatements.actions(decrypt)).containsExactly("kms:Decrypt");
            assertThat(decrypt.path("Condition").toString())
                    .isEqualTo("{\"StringEquals\":{\"kms:ViaService\":\"s3.us-east-1.amazonaws.com\"}}");
        }
    }

    @Test
    void theSchedulerStartsTheStateMachine_andNoRuleInvokesAScheduledFunctionDirectly() {
        assertThat(AppFixture.resources(template, "AWS::Events::Rule"))
                .noneMatch(r -> r.path("Properties").has("ScheduleExpression"));
        Map<String, String> expressions = Map.of("expiry", "cron(0 3 * * ? *)", "orphan-snapshots", "cron(30 3 * * ? *)",
                "public-share", "cron(0 4 * * ? *)", "cross-region-copy", "rate(6 hours)");
        for (String service : SCHEDULED) {
            OrganizationRun run = onlyRun(service);
            JsonNode schedule = resource(run.schedule());
            assertThat(schedule.path("Type").asText()).isEqualTo("AWS::Scheduler::Schedule");
            JsonNode props = schedule.path("Properties");
            assertThat(props.path("ScheduleExpression").asText()).isEqualTo(expressions.get(service));
            assertThat(props.path("Target").path("Arn").path("Ref").asText())
                    .isEqualTo(AppFixture.logicalId(run.stateMachine()));
            assertThat(props.path("Target").path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isZero();
        }
        assertThat(AppFixture.resources(template, "AWS::StepFunctions::StateMachine")).hasSize(4);
        // Rate 6 hours less the 5-minute function timeout; a cron: a day less 15 minutes.
        assertThat(resource(onlyRun("cross-region-copy").stateMachine()).path("Properties").path("DefinitionString")
                .toString()).contains("\\\"TimeoutSeconds\\\":21300");
        assertThat(definition("expiry").path("TimeoutSeconds").asInt()).isEqualTo(85_500);
    }

    @Test
    void runResultsBucket_isKmsEncryptedWithTheStackKey_sslOnly_private_andExpires() {
        JsonNode bucket = resource(stacks.home().runResults()).path("Properties");
        JsonNode sse = bucket.path("BucketEncryption").path("ServerSideEncryptionConfiguration").get(0)
                .path("ServerSideEncryptionByDefault");
        assertThat(sse.path("SSEAlgorithm").asText()).isEqualTo("aws:kms");
        assertThat(sse.path("KMSMasterKeyID").path("Fn::GetAtt").get(0).asText()).startsWith("NotificationKey");
        assertThat(bucket.path("PublicAccessBlockConfiguration").toString()).isEqualTo(
                "{\"BlockPublicAcls\":true,\"BlockPublicPolicy\":true,\"IgnorePublicAcls\":true,\"RestrictPublicBuckets\":true}");
        assertThat(bucket.path("LifecycleConfiguration").path("Rules").get(0).path("ExpirationInDays").asInt()).isEqualTo(90);
        String bucketId = AppFixture.logicalId(stacks.home().runResults());
        assertThat(AppFixture.resources(template, "AWS::S3::BucketPolicy")).anySatisfy(policy -> {
            assertThat(policy.path("Properties").path("Bucket").path("Ref").asText()).isEqualTo(bucketId);
            JsonNode deny = policy.path("Properties").path("PolicyDocument").path("Statement").get(0);
            assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
            assertThat(deny.path("Condition").toString()).isEqualTo("{\"Bool\":{\"aws:SecureTransport\":\"false\"}}");
        });
    }

    @Test
    void defaultBus_acceptsEventsOnlyFromTheOrganization() {
        JsonNode policy = resource(stacks.members().busPolicy()).path("Properties");
        assertThat(policy.path("EventBusName").asText()).isEqualTo("default");
        JsonNode statement = policy.path("Statement");
        assertThat(statement.path("Action").asText()).isEqualTo("events:PutEvents");
        assertThat(statement.path("Condition").toString())
                .isEqualTo("{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc123def4\"}}");
        assertThat(statement.path("Resource").toString()).contains(":event-bus/default");
    }

    @Test
    void stackSet_isServiceManaged_autoDeployed_toTheOus_inEveryConfiguredRegion() {
        JsonNode props = resource(stacks.members().stackSet()).path("Properties");
        assertThat(props.path("PermissionModel").asText()).isEqualTo("SERVICE_MANAGED");
        assertThat(props.path("AutoDeployment").toString())
                .isEqualTo("{\"Enabled\":true,\"RetainStacksOnAccountRemoval\":false}");
        assertThat(props.path("CallAs").asText()).isEqualTo("SELF");
        assertThat(props.path("ManagedExecution").toString()).isEqualTo("{\"Active\":true}");
        assertThat(props.path("Capabilities").toString()).isEqualTo("[\"CAPABILITY_NAMED_IAM\"]");
        JsonNode group = props.path("StackInstancesGroup").get(0);
        assertThat(group.path("DeploymentTargets").path("OrganizationalUnitIds").toString())
                .isEqualTo("[\"ou-ab12-cdef3456\",\"ou-ab12-99998888\"]");
        assertThat(group.path("Regions").toString()).isEqualTo("[\"us-east-1\",\"eu-west-1\"]");
        assertThat(props.path("TemplateBody").asText()).isEqualTo(stacks.member().json());
        assertThat(props.path("Parameters").toString()).contains(
                "{\"ParameterKey\":\"HubAccountId\",\"ParameterValue\":{\"Ref\":\"AWS::AccountId\"}}",
                "{\"ParameterKey\":\"HubRegion\",\"ParameterValue\":{\"Ref\":\"AWS::Region\"}}",
                "{\"ParameterKey\":\"RoleRegion\",\"ParameterValue\":\"us-east-1\"}");
        // The member role trusts the hub roles by ARN: they must exist first.
        JsonNode dependsOn = template.path("Resources").path(AppFixture.logicalId(stacks.members().stackSet())).path("DependsOn");
        for (String service : SCHEDULED) {
            assertThat(dependsOn.toString()).contains(AppFixture.logicalId(stacks.home().functions().get(service).role()));
        }
    }

    @Test
    void delegatedAdmin_deploysTheStackSetAsDelegatedAdministrator() {
        Map<String, Object> context = new java.util.HashMap<>(ORGANIZATION);
        context.put("delegatedAdmin", "true");
        HousekeeperApp.Stacks delegated = AppFixture.synth(context);
        assertThat(AppFixture.template(delegated.home()).path("Resources")
                .path(AppFixture.logicalId(delegated.members().stackSet())).path("Properties").path("CallAs").asText())
                .isEqualTo("DELEGATED_ADMIN");
    }

    @Test
    void hubRoles_areNamedDeterministically_andMayAssumeOnlyTheMemberRoleInsideTheOrganization() {
        for (String service : SCHEDULED) {
            JsonNode role = resource(stacks.home().functions().get(service).role()).path("Properties");
            assertThat(role.path("RoleName").asText()).isEqualTo("AmiHousekeeper-" + service);
            List<JsonNode> assume = new ArrayList<>();
            role.path("Policies").get(0).path("PolicyDocument").path("Statement").forEach(s -> {
                if (IamStatements.actions(s).contains("sts:AssumeRole")) {
                    assume.add(s);
                }
            });
            assertThat(assume).singleElement().satisfies(s -> {
                assertThat(IamStatements.actions(s)).containsExactly("sts:AssumeRole");
                assertThat(s.path("Resource").toString()).endsWith(":iam::*:role/AmiHousekeeperMember\"]]}");
                assertThat(s.path("Condition").toString())
                        .isEqualTo("{\"StringEquals\":{\"aws:ResourceOrgID\":\"o-abc123def4\"}}");
            });
        }
    }

    @Test
    void aFunctionThePolicySwitchesOff_getsNoStateMachine() {
        Map<String, Object> context = new java.util.HashMap<>(ORGANIZATION);
        context.put("housekeeping", Map.of("regions", List.of("us-east-1", "eu-west-1"),
                "expiry", Map.of("enabled", false)));
        App app = AppFixture.app(context);
        HousekeeperApp.Stacks built = HousekeeperApp.build(app, AppFixture.settings(app));

        assertThat(built.home().functions().get("expiry").organizationRuns()).isEmpty();
        assertThat(built.home().functions().get("orphan-snapshots").organizationRuns()).hasSize(1);
        assertThat(AppFixture.resources(AppFixture.template(built.home()), "AWS::StepFunctions::StateMachine"))
                .hasSize(3);
        assertThat(HousekeeperApp.errors(app.synth())).isEmpty();
    }

    @Test
    void withoutContextOrganizationId_theIdIsReadAtDeployment_andUsedWhereverTheOrganizationIsNamed() {
        // The issue's own command: organization, memberOrganizationalUnitIds and the example policy, no organizationId.
        Map<String, Object> context = new java.util.HashMap<>(ORGANIZATION);
        context.remove("organizationId");
        context.remove("housekeeping");
        context.put("housekeepingFile", "examples/policy-organization.json");
        App app = AppFixture.app(context);
        HousekeeperApp.Stacks built = HousekeeperApp.build(app, AppFixture.settings(app));
        JsonNode home = AppFixture.template(built.home());

        List<JsonNode> lookups = AppFixture.resources(home, "Custom::AWS");
        assertThat(lookups).singleElement().satisfies(lookup -> assertThat(lookup.path("Properties").path("Create")
                .toString()).contains("Organizations").contains("describeOrganization"));
        String lookupId = AppFixture.logicalId(built.home().getNode().findChild("OrganizationId").getNode()
                .findChild("Describe").getNode().getDefaultChild());
        String orgId = "{\"Fn::GetAtt\":[\"" + lookupId + "\",\"Organization.Id\"]}";
        assertThat(AppFixture.resources(home, "AWS::Events::EventBusPolicy")).singleElement()
                .satisfies(policy -> assertThat(policy.path("Properties").toString()).contains(orgId));
        assertThat(IamStatements.all(home)).filteredOn(st -> IamStatements.actions(st).contains("sts:AssumeRole"))
                .isNotEmpty().allSatisfy(st -> assertThat(st.path("Condition").toString()).contains(orgId));
        assertThat(HousekeeperApp.errors(app.synth())).isEmpty();
    }

    @Test
    void hubFunctions_listTheOrganizationsAccounts_onlyWhenThePolicyRunsOverTheOrganization() {
        Map<String, Object> context = new java.util.HashMap<>(ORGANIZATION);
        context.put("housekeeping", Map.of("regions", List.of("us-east-1", "eu-west-1"),
                "accounts", Map.of("organization", true, "roleName", "HousekeepingRole")));
        App app = AppFixture.app(context);
        HousekeeperApp.Stacks built = HousekeeperApp.build(app, AppFixture.settings(app));
        JsonNode home = AppFixture.template(built.home());
        for (String service : SCHEDULED) {
            List<JsonNode> statements = roleStatements(home, built, service);
            assertThat(statements).filteredOn(s -> IamStatements.actions(s).stream().anyMatch(a -> a.startsWith("organizations:")))
                    .as(service).singleElement().satisfies(s -> {
                        assertThat(s.path("Sid").asText()).isEqualTo("ListOrganizationAccounts");
                        assertThat(IamStatements.actions(s)).containsExactly("organizations:ListAccounts");
                        assertThat(s.path("Resource").asText()).isEqualTo("*");
                        assertThat(s.has("Condition")).isFalse();
                    });
            assertThat(statements).filteredOn(s -> IamStatements.actions(s).contains("sts:AssumeRole")).singleElement()
                    .satisfies(s -> assertThat(s.path("Resource").toString()).endsWith(":iam::*:role/HousekeepingRole\"]]}"));
        }
        assertThat(HousekeeperApp.errors(app.synth())).isEmpty();

        // Without accounts.organization nothing lists them: the example context names no accounts at all.
        assertThat(IamStatements.all(template)).noneMatch(s -> IamStatements.actions(s).stream()
                .anyMatch(a -> a.startsWith("organizations:")));
    }

    @Test
    void expiry_listsTheOrganizationsAccounts_forTheConsumersOfAnAmiSharedWithIt() {
        Map<String, Object> context = new java.util.HashMap<>(ORGANIZATION);
        context.put("housekeeping", Map.of("regions", List.of("us-east-1"), "expiry", Map.of("includeShared", true),
                "accounts", Map.of("ids", List.of("222233334444"))));
        HousekeeperApp.Stacks built = AppFixture.synth(context);
        JsonNode home = AppFixture.template(built.home());
        for (String service : SCHEDULED) {
            assertThat(roleStatements(home, built, service)).as(service)
                    .filteredOn(s -> s.path("Sid").asText().equals("ListOrganizationAccounts"))
                    .hasSize(service.equals("expiry") ? 1 : 0);
        }
    }

    private static JsonNode statement(JsonNode role, String sid) {
        List<JsonNode> found = new ArrayList<>();
        role.path("Policies").get(0).path("PolicyDocument").path("Statement").forEach(s -> {
            if (s.path("Sid").asText().equals(sid)) {
                found.add(s);
            }
        });
        assertThat(found).as(sid).hasSize(1);
        return found.get(0);
    }

    private static List<JsonNode> roleStatements(JsonNode home, HousekeeperApp.Stacks built, String service) {
        List<JsonNode> statements = new ArrayList<>();
        home.path("Resources").path(AppFixture.logicalId(built.home().functions().get(service).role()))
                .path("Properties").path("Policies").get(0).path("PolicyDocument").path("Statement")
                .forEach(statements::add);
        return statements;
    }

    @Test
    void memberRole_isTrustedByTheHubRolesOnly_andHasTheHubFunctionsStatements() {
        JsonNode role = memberResources("AWS::IAM::Role").stream()
                .filter(r -> r.path("Properties").has("RoleName")).findFirst().orElseThrow();
        JsonNode props = role.path("Properties");
        assertThat(props.path("RoleName").asText()).isEqualTo("AmiHousekeeperMember");
        assertThat(role.path("Condition").asText()).isEqualTo("InRoleRegion");
        Set<String> trusted = new TreeSet<>();
        props.path("AssumeRolePolicyDocument").path("Statement").forEach(s -> {
            assertThat(IamStatements.actions(s)).containsExactly("sts:AssumeRole");
            assertThat(s.path("Principal").fieldNames()).toIterable().containsExactly("AWS");
            JsonNode aws = s.path("Principal").path("AWS");
            if (aws.isArray()) {
                aws.forEach(p -> trusted.add(p.toString()));
            } else {
                trusted.add(aws.toString());
            }
        });
        assertThat(trusted).hasSize(4).allSatisfy(arn -> assertThat(arn)
                .startsWith("{\"Fn::Join\":[\"\",[\"arn:\",{\"Ref\":\"AWS::Partition\"},\":iam::\",{\"Ref\":\"HubAccountId\"},\":role/AmiHousekeeper-"));
        assertThat(String.join(" ", trusted)).contains("AmiHousekeeper-expiry\"", "AmiHousekeeper-orphan-snapshots\"",
                "AmiHousekeeper-public-share\"", "AmiHousekeeper-cross-region-copy\"");

        // Each function's statements, as the hub role has them for its own account, less what only the hub needs.
        Set<String> hubOnly = Set.of("WriteOwnLogs", "Notify", "UseNotificationKey", "KeepFailedEvents", "AssumeMemberRole",
                "ListOrganizationAccounts", "ReadRunResults", "DecryptRunResults", "KeepSweepCursor");
        // One managed policy per function, attached to the member role (inline ones would pass IAM's 10,240 together).
        assertThat(props.has("Policies")).isFalse();
        Map<String, JsonNode> memberPolicies = new java.util.HashMap<>();
        String roleId = member.path("Resources").properties().stream()
                .filter(e -> e.getValue().path("Properties").path("RoleName").asText().equals("AmiHousekeeperMember"))
                .findFirst().orElseThrow().getKey();
        memberResources("AWS::IAM::ManagedPolicy").forEach(p -> {
            assertThat(p.path("Condition").asText()).isEqualTo("InRoleRegion");
            assertThat(p.path("Properties").path("Roles").toString()).isEqualTo("[{\"Ref\":\"" + roleId + "\"}]");
            memberPolicies.put(p.path("Properties").path("ManagedPolicyName").asText()
                    .substring("AmiHousekeeperMember-".length()), p.path("Properties").path("PolicyDocument"));
        });
        for (String service : SCHEDULED) {
            List<JsonNode> hub = new ArrayList<>();
            resource(stacks.home().functions().get(service).role()).path("Properties").path("Policies").get(0)
                    .path("PolicyDocument").path("Statement")
                    .forEach(s -> {
                        if (!hubOnly.contains(s.path("Sid").asText())) {
                            hub.add(s);
                        }
                    });
            List<JsonNode> inMember = new ArrayList<>();
            memberPolicies.get(service).path("Statement").forEach(inMember::add);
            assertThat(inMember).as(service).isNotEmpty().containsExactlyElementsOf(hub);
        }
        assertThat(IamStatements.all(member)).allSatisfy(s ->
                assertThat(IamStatements.actions(s)).doesNotContain("*", "ec2:*", "sts:AssumeRole"));
    }

    @Test
    void memberRules_forwardTheHomePatternsOfTheirRegion_toTheHubBus_exceptInTheHubAccount() {
        List<JsonNode> rules = memberResources("AWS::Events::Rule");
        assertThat(rules).hasSize(3);
        Set<String> patterns = new TreeSet<>();
        for (JsonNode rule : rules) {
            assertThat(rule.path("Condition").asText()).isEqualTo("NotHubAccount");
            ObjectNode pattern = rule.path("Properties").path("EventPattern").deepCopy();
            assertThat(pattern.remove("region").toString()).isEqualTo("[{\"Ref\":\"AWS::Region\"}]");
            patterns.add(pattern.toString());
            JsonNode target = rule.path("Properties").path("Targets").get(0);
            assertThat(target.path("Arn").toString()).isEqualTo("{\"Fn::Join\":[\"\",[\"arn:\",{\"Ref\":\"AWS::Partition\"},"
                    + "\":events:\",{\"Ref\":\"HubRegion\"},\":\",{\"Ref\":\"HubAccountId\"},\":event-bus/default\"]]}");
            assertThat(target.has("RoleArn")).isTrue();
        }
        Set<String> expected = new TreeSet<>();
        HousekeeperEventPatterns.all(List.of("x")).values().forEach(p -> {
            ObjectNode cfn = (ObjectNode) HousekeeperStackTest.withCfnKeys(AppFixture.JSON.valueToTree(stacks.home().resolve(p)));
            cfn.remove("region");
            expected.add(cfn.toString());
        });
        assertThat(patterns).isEqualTo(expected);
        assertThat(member.path("Conditions").path("NotHubAccount").toString()).isEqualTo(
                "{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"AWS::AccountId\"},{\"Ref\":\"HubAccountId\"}]}]}");
    }

    @Test
    void memberRecycleBinRules_keepWhatTheHubDeletesInEachMemberRegion_exceptInTheHubAccount() {
        List<JsonNode> rules = memberResources("AWS::Rbin::Rule");
        assertThat(rules).extracting(r -> r.path("Properties").path("ResourceType").asText())
                .containsExactlyInAnyOrder("EC2_IMAGE", "EBS_SNAPSHOT");
        for (JsonNode rule : rules) {
            assertThat(rule.path("Condition").asText()).isEqualTo("NotHubAccount");
            assertThat(rule.path("Properties").path("ResourceTags").toString())
                    .isEqualTo("[{\"ResourceTagKey\":\"HousekeepingRecycle\",\"ResourceTagValue\":\"true\"}]");
            assertThat(rule.path("Properties").path("RetentionPeriod").path("RetentionPeriodValue").asInt()).isEqualTo(7);
        }
        Config off = PolicyDocument.parse("{\"recycleBin\": {\"enabled\": false}}", "test").config();
        assertThat(MemberStack.synthesize(off, List.of("us-east-1"), List.of("AmiHousekeeper-expiry"),
                "AmiHousekeeperMember", true).json()).doesNotContain("AWS::Rbin::Rule");
        assertThat(MemberStack.synthesize(PolicyDocument.parse("{}", "test").config(), List.of("us-east-1"), List.of("AmiHousekeeper-expiry"),
                "AmiHousekeeperMember", true).json())
                .contains("\"LockConfiguration\":{\"UnlockDelayUnit\":\"DAYS\",\"UnlockDelayValue\":7}");
    }

    @Test
    void memberTemplate_needsNoBootstrap_andFitsAStackSet() {
        assertThat(member.path("Parameters").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("HubAccountId", "HubRegion", "RoleRegion");
        assertThat(member.has("Rules")).as("no bootstrap version check").isFalse();
        assertThat(stacks.member().json()).doesNotContain("cdk-hnb659fds", "S3Key", "AssetParameters", "CDKMetadata");
        assertThat(stacks.member().json().length()).isLessThan(MemberStack.TEMPLATE_BODY_LIMIT_BYTES);
        assertThat(AppFixture.resources(member, "AWS::CloudFormation::WaitConditionHandle")).singleElement()
                .satisfies(anchor -> assertThat(anchor.has("Condition")).isFalse());
    }

    @Test
    void memberPolicyOverIamsLimit_failsTheSynth() {
        MemberStack.checkPolicy("AmiHousekeeperMember-expiry", MemberStack.MANAGED_POLICY_LIMIT);
        assertThatThrownBy(() -> MemberStack.checkPolicy("AmiHousekeeperMember-expiry", MemberStack.MANAGED_POLICY_LIMIT + 1))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("AmiHousekeeperMember-expiry is 6145 characters, over IAM's 6144");
    }

    @Test
    void templateBodyOverTheStackSetLimit_failsTheSynth() {
        MemberStack.checkTemplateBody("x".repeat(MemberStack.TEMPLATE_BODY_LIMIT_BYTES));
        assertThatThrownBy(() -> MemberStack.checkTemplateBody("x".repeat(MemberStack.TEMPLATE_BODY_LIMIT_BYTES + 1)))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("51200-byte limit of a StackSet's TemplateBody");
    }

    @Test
    void everyStack_andTheMemberTemplate_isNagClean() {
        App app = AppFixture.app(ORGANIZATION);
        HousekeeperApp.Stacks built = HousekeeperApp.build(app, AppFixture.settings(app));
        assertThat(HousekeeperApp.errors(app.synth())).isEmpty();
        assertThat(HousekeeperApp.errors(built.member().assembly())).isEmpty();
        assertThat(IamStatements.all(AppFixture.template(built.home())))
                .allSatisfy(s -> assertThat(IamStatements.actions(s)).doesNotContain("*", "ec2:*", "states:*", "s3:*"));
    }

    @Test
    void memberRoleName_comesFromThePolicysAccountsRoleName() {
        PolicyDocument defaults = PolicyDocument.parse("{}", "test");
        assertThat(OrganizationSettings.memberRoleName(defaults)).isEqualTo("AmiHousekeeperMember");
        // The policy key is the functions' (accounts, DESIGN §4): read from the minified JSON they get.
        PolicyDocument named = new PolicyDocument(defaults.config(),
                "{\"accounts\":{\"organization\":true,\"roleName\":\"HousekeepingRole\"}}", "test");
        assertThat(OrganizationSettings.memberRoleName(named)).isEqualTo("HousekeepingRole");
        MemberStack.Template custom = MemberStack.synthesize(defaults.config(), List.of("us-east-1"),
                List.of("AmiHousekeeper-expiry"), "HousekeepingRole", false);
        assertThat(custom.json()).contains("\"RoleName\":\"HousekeepingRole\"");
    }

    @Test
    void itemSelector_turnsOneListedTargetIntoExactlyTheFunctionsInput() throws Exception {
        JsonNode target = AppFixture.JSON.readTree("{\"account\":\"222233334444\",\"region\":\"eu-west-1\",\"name\":\"x\"}");
        for (String service : SCHEDULED) {
            JsonNode item = DistributedMapItem.of(definition(service), target);
            assertThat(item.toString()).isEqualTo("{\"account\":\"222233334444\",\"region\":\"eu-west-1\"}");
        }
        DistributedMapItem.write(DistributedMapItem.of(definition("expiry"), target));
    }

    @Test
    void readmesOrganizationExample_synthesizesNagClean() {
        App app = AppFixture.app(Map.of("organization", "true", "memberOrganizationalUnitIds", "[\"ou-ab12-cdef3456\"]",
                "organizationId", "o-abc123def4", "housekeepingFile", "examples/policy-organization.json"));
        HousekeeperApp.Stacks built = HousekeeperApp.build(app, AppFixture.settings(app));
        assertThat(built.members()).isNotNull();
        assertThat(HousekeeperApp.errors(app.synth())).isEmpty();
        assertThat(HousekeeperApp.errors(built.member().assembly())).isEmpty();
    }

    @Test
    void singleAccount_hasNoneOfIt() {
        HousekeeperApp.Stacks single = AppFixture.synth(Map.of());
        JsonNode home = AppFixture.template(single.home());
        assertThat(single.member()).isNull();
        assertThat(single.members()).isNull();
        for (String type : List.of("AWS::StepFunctions::StateMachine", "AWS::Scheduler::Schedule", "AWS::S3::Bucket",
                "AWS::CloudFormation::StackSet", "AWS::Events::EventBusPolicy")) {
            assertThat(AppFixture.resources(home, type)).as(type).isEmpty();
        }
        assertThat(AppFixture.resources(home, "AWS::IAM::Role"))
                .noneMatch(r -> r.path("Properties").has("RoleName"));
        assertThat(IamStatements.all(home)).noneMatch(s -> s.path("Sid").asText().equals("AssumeMemberRole"));
        assertThat(IamStatements.all(home)).noneMatch(s -> IamStatements.actions(s).stream().anyMatch(a -> a.startsWith("s3:")));
    }

    @Test
    void singleAccount_withAccountsInThePolicy_grantsNothingAcrossAccounts() {
        HousekeeperApp.Stacks single = AppFixture.synth(Map.of("housekeeping", Map.of("regions", List.of("us-east-1"),
                "expiry", Map.of("includeShared", true), "accounts", Map.of("organization", true))));
        assertThat(IamStatements.all(AppFixture.template(single.home()))).noneMatch(s -> IamStatements.actions(s).stream()
                .anyMatch(a -> a.equals("sts:AssumeRole") || a.startsWith("organizations:")));
    }

    private static void assertLambdaServiceRetry(JsonNode state) {
        JsonNode retry = state.path("Retry");
        assertThat(retry).hasSize(1);
        List<String> errors = new ArrayList<>();
        retry.get(0).path("ErrorEquals").forEach(e -> errors.add(e.asText()));
        assertThat(errors).contains("Lambda.ServiceException", "Lambda.TooManyRequestsException", "Lambda.SdkClientException")
                .doesNotContain("States.ALL", "States.TaskFailed");
        assertThat(retry.get(0).path("MaxAttempts").asInt()).isEqualTo(6);
    }

    private static OrganizationRun onlyRun(String service) {
        List<OrganizationRun> runs = stacks.home().functions().get(service).organizationRuns();
        assertThat(runs).as(service).hasSize(1);
        return runs.get(0);
    }

    /** The state machine's definition, with every reference written as {@code ${LogicalId}}. */
    static JsonNode definition(String service) {
        return definition(resource(onlyRun(service).stateMachine()).path("Properties").path("DefinitionString"));
    }

    static JsonNode definition(JsonNode definitionString) {
        StringBuilder text = new StringBuilder();
        if (definitionString.isTextual()) {
            text.append(definitionString.asText());
        } else {
            definitionString.path("Fn::Join").get(1).forEach(part -> text.append(part.isTextual() ? part.asText()
                    : "${" + (part.has("Ref") ? part.path("Ref").asText() : part.toString()) + "}"));
        }
        try {
            return AppFixture.JSON.readTree(text.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String aliasRef(String service) {
        return "${" + AppFixture.logicalId(stacks.home().functions().get(service).scheduledAlias()) + "}";
    }

    private static JsonNode resource(software.constructs.IConstruct construct) {
        return template.path("Resources").path(AppFixture.logicalId(construct));
    }

    private static List<JsonNode> memberResources(String type) {
        return AppFixture.resources(member, type);
    }
}
