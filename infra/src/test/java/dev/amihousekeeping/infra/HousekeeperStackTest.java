package dev.amihousekeeping.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/** The home stack as cdk.json deploys it (default policy, dry run), plus an e-mail subscription. */
class HousekeeperStackTest {
    private static HousekeeperApp.Stacks stacks;
    private static JsonNode template;

    @BeforeAll
    static void synth() {
        stacks = AppFixture.synth(Map.of("notifyEmail", "ops@example.com"));
        template = AppFixture.template(stacks.home());
    }

    @ParameterizedTest
    @CsvSource({
            "expiry,            dev.amihousekeeping.handler.ExpiryHandler::handleRequest,          1024, 900",
            "orphan-snapshots,  dev.amihousekeeping.handler.OrphanSnapshotsHandler::handleRequest, 1024, 900",
            "public-share,      dev.amihousekeeping.handler.PublicShareHandler::handleRequest,     1024, 900",
            "cross-region-copy, dev.amihousekeeping.handler.CrossRegionCopyHandler::handleRequest, 512,  300"})
    void deploysEachFunction_withItsHandlerAndSize(String service, String handler, int memory, int timeout) {
        JsonNode function = function(service);
        assertThat(function.path("Handler").asText()).isEqualTo(handler);
        assertThat(function.path("MemorySize").asInt()).isEqualTo(memory);
        assertThat(function.path("Timeout").asInt()).isEqualTo(timeout);
        assertThat(function.path("Runtime").asText()).isEqualTo("java25");
        assertThat(function.path("Architectures").toString()).isEqualTo("[\"arm64\"]");
        assertThat(function.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
    }

    @Test
    void deploysExactlyTheFourFunctions_eachFromTheShadedJar() {
        assertThat(resources("AWS::Lambda::Function")).hasSize(4);
        assertThat(stacks.home().functions().keySet())
                .containsExactlyInAnyOrder("expiry", "orphan-snapshots", "public-share", "cross-region-copy");
        resources("AWS::Lambda::Function").forEach(f ->
                assertThat(f.path("Properties").path("Code").path("S3Key").asText()).endsWith(".jar"));
    }

    @Test
    void everyFunction_getsTheMinifiedPolicy_theTopicAndItsServiceName() {
        String policy = AppFixture.settings(AppFixture.app(Map.of())).policy().minifiedJson();
        String topic = AppFixture.logicalId(stacks.home().topic());
        for (String service : stacks.home().functions().keySet()) {
            JsonNode env = function(service).path("Environment").path("Variables");
            assertThat(env.path("HOUSEKEEPING_CONFIG").asText()).isEqualTo(policy);
            assertThat(env.path("HOUSEKEEPING_CONFIG").asText()).doesNotContain("\n", ": ");
            assertThat(env.path("NOTIFY_TOPIC_ARN").path("Ref").asText()).isEqualTo(topic);
            assertThat(env.path("POWERTOOLS_SERVICE_NAME").asText()).isEqualTo(service);
            assertThat(env.path("POWERTOOLS_METRICS_NAMESPACE").asText()).isEqualTo("AmiHousekeeper");
        }
    }

    @Test
    void publicShare_namesItsSweepCursor_theOneParameterItsRoleMayReadAndWrite() {
        for (String service : stacks.home().functions().keySet()) {
            JsonNode cursor = function(service).path("Environment").path("Variables")
                    .path("HOUSEKEEPING_SWEEP_CURSOR_PARAMETER");
            assertThat(cursor.isMissingNode()).as(service).isEqualTo(!service.equals("public-share"));
        }
        assertThat(function("public-share").path("Environment").path("Variables")
                .path("HOUSEKEEPING_SWEEP_CURSOR_PARAMETER").asText())
                .isEqualTo("/ami-housekeeping/public-share/sweep-cursor");
        assertThat(statements("public-share")).filteredOn(s -> s.path("Sid").asText().equals("KeepSweepCursor"))
                .singleElement().satisfies(s -> assertThat(s.path("Resource").toString())
                        .contains(":parameter/ami-housekeeping/public-share/sweep-cursor").doesNotContain("*"));
        for (String service : List.of("expiry", "orphan-snapshots")) {
            assertThat(statements(service).toString()).as(service).doesNotContain("sweep-cursor");
        }
    }

    @Test
    void everyTrigger_invokesAnAlias_eventsTheLiveOne_neverLatest() {
        List<JsonNode> rules = resources("AWS::Events::Rule");
        assertThat(rules).hasSize(7);
        for (JsonNode rule : rules) {
            JsonNode targets = rule.path("Properties").path("Targets");
            assertThat(targets).hasSize(1);
            String alias = targets.get(0).path("Arn").path("Ref").asText();
            assertThat(template.path("Resources").path(alias).path("Type").asText()).isEqualTo("AWS::Lambda::Alias");
            String name = template.path("Resources").path(alias).path("Properties").path("Name").asText();
            if (rule.path("Properties").has("EventPattern")) {
                assertThat(name).isEqualTo("live");
            } else {
                assertThat(name).isIn("live", "scheduled");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
            "expiry,            cron(0 3 * * ? *),  ''",
            "orphan-snapshots,  cron(30 3 * * ? *), ''",
            "public-share,      cron(0 4 * * ? *),  ShareChanged",
            "cross-region-copy, rate(6 hours),      ImageCreated ImageAvailable"})
    void triggersEachFunction_onItsScheduleAndEvents(String service, String schedule, String patterns) {
        HousekeepingFunction function = stacks.home().functions().get(service);
        List<String> schedules = new ArrayList<>();
        List<JsonNode> eventPatterns = new ArrayList<>();
        function.rules().forEach(rule -> {
            JsonNode props = template.path("Resources").path(AppFixture.logicalId(rule)).path("Properties");
            if (props.has("ScheduleExpression")) {
                schedules.add(props.path("ScheduleExpression").asText());
            } else {
                eventPatterns.add(props.path("EventPattern"));
            }
        });
        assertThat(schedules).containsExactly(schedule);
        List<String> expected = patterns.isBlank() ? List.of() : List.of(patterns.split(" "));
        assertThat(eventPatterns).containsExactlyInAnyOrderElementsOf(expected.stream()
                .map(name -> AppFixture.JSON.valueToTree(stacks.home().resolve(
                        HousekeeperEventPatterns.all(List.of("us-east-1")).get(name))))
                .map(JsonNode.class::cast)
                .map(HousekeeperStackTest::withCfnKeys)
                .toList());
    }

    @Test
    void noFunction_reservesConcurrency_byDefault_soANewAccountsQuotaIsEnough() {
        // Lambda keeps 100 units of the account's quota unreserved: any reservation fails the deploy below 102.
        assertThat(resources("AWS::Lambda::Function"))
                .allSatisfy(f -> assertThat(f.path("Properties").has("ReservedConcurrentExecutions")).isFalse());
    }

    @Test
    void reserveConcurrency_givesEachPurelyScheduledFunctionOneExecution() {
        HousekeeperApp.Stacks reserved = AppFixture.synth(Map.of("reserveConcurrency", true));
        JsonNode reservedTemplate = AppFixture.template(reserved.home());
        Map<String, Boolean> expected = Map.of("expiry", true, "orphan-snapshots", true,
                "public-share", false, "cross-region-copy", false);
        expected.forEach((service, reserves) -> {
            JsonNode props = reservedTemplate.path("Resources")
                    .path(AppFixture.logicalId(reserved.home().functions().get(service).function())).path("Properties");
            assertThat(props.has("ReservedConcurrentExecutions")).as(service).isEqualTo(reserves);
            if (reserves) {
                assertThat(props.path("ReservedConcurrentExecutions").asInt()).as(service).isEqualTo(1);
            }
        });
    }

    @Test
    void scheduledFunctions_haveNoDlq_eventDrivenOnesKeepFailedEventsInAnEncryptedDlq() {
        for (String service : List.of("expiry", "orphan-snapshots")) {
            assertThat(function(service).has("DeadLetterConfig")).as(service).isFalse();
        }
        for (String service : List.of("public-share", "cross-region-copy")) {
            HousekeepingFunction function = stacks.home().functions().get(service);
            String queue = AppFixture.logicalId(function.deadLetterQueue());
            assertThat(function(service).path("DeadLetterConfig").path("TargetArn").path("Fn::GetAtt").get(0).asText())
                    .isEqualTo(queue);
            JsonNode queueProps = template.path("Resources").path(queue).path("Properties");
            assertThat(queueProps.path("KmsMasterKeyId").path("Fn::GetAtt").get(0).asText()).startsWith("NotificationKey");
            assertThat(queuePolicyDeniesInsecureTransport(queue)).as(service).isTrue();
        }
    }

    @Test
    void eventsAreRetriedTwice_scheduledRunsNever() {
        // Each rule: the retries of the alias it invokes (EventInvokeConfig, whose Qualifier is the alias name taken
        // from the alias ARN: Fn::Select 7 of Fn::Split ":" of Ref alias).
        List<JsonNode> configs = resources("AWS::Lambda::EventInvokeConfig");
        assertThat(configs).hasSize(6);
        List<String> seen = new ArrayList<>();
        for (HousekeepingFunction function : stacks.home().functions().values()) {
            for (var rule : function.rules()) {
                JsonNode props = template.path("Resources").path(AppFixture.logicalId(rule)).path("Properties");
                String alias = props.path("Targets").get(0).path("Arn").path("Ref").asText();
                JsonNode config = configs.stream()
                        .filter(c -> c.path("Properties").path("Qualifier").toString().contains("\"Ref\":\"" + alias + "\""))
                        .findFirst().orElseThrow(() -> new AssertionError("no retry setting for " + alias));
                int expected = props.has("ScheduleExpression") ? 0 : 2;
                assertThat(config.path("Properties").path("MaximumRetryAttempts").asInt())
                        .as(rule.getNode().getPath()).isEqualTo(expected);
                seen.add(props.has("ScheduleExpression") ? "schedule" : "events");
            }
        }
        assertThat(seen).containsOnly("schedule", "events").contains("schedule", "events");
        for (String service : List.of("public-share", "cross-region-copy")) {
            HousekeepingFunction function = stacks.home().functions().get(service);
            assertThat(function.scheduledAlias()).as(service).isNotSameAs(function.alias());
        }
    }

    @ParameterizedTest
    @CsvSource({"expiry, rate(15 minutes), 15", "copyCatchUp, rate(5 minutes), 5", "publicShareSweep, rate(1 minute), 15"})
    void aScheduleThatWouldStartARunBeforeTheLastOneEnded_failsSynth(String key, String rate, int timeoutMinutes) {
        App app = AppFixture.app(Map.of("schedules", Map.of(key, rate)));
        DeploymentSettings settings = AppFixture.settings(app);
        assertThatThrownBy(() -> HousekeeperApp.build(app, settings))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("schedules." + key)
                .hasMessageContaining("may take " + timeoutMinutes)
                .hasMessageContaining("overlap");
    }

    @Test
    void aScheduleLongerThanTheTimeout_synthesizes() {
        HousekeeperApp.Stacks fast = AppFixture.synth(Map.of("schedules", Map.of("copyCatchUp", "rate(10 minutes)")));
        assertThat(fast.home().functions()).hasSize(4);
    }

    @Test
    void grantsEachFunction_theCallsItsCodeMakes_plusItsLogsTopicAndDlq() {
        Config config = AppFixture.settings(AppFixture.app(Map.of())).policy().config();
        for (String service : stacks.home().functions().keySet()) {
            Set<String> expected = new TreeSet<>(FunctionActionsTest.expected(service, config));
            expected.addAll(Set.of("logs:CreateLogStream", "logs:PutLogEvents"));
            boolean dlq = stacks.home().functions().get(service).deadLetterQueue() != null;
            if (dlq) {
                expected.add("sqs:SendMessage");
            }
            if (dlq || expected.contains("sns:Publish")) {
                expected.addAll(Set.of("kms:GenerateDataKey", "kms:Decrypt"));
            }
            assertThat(allowedActions(service)).as(service).isEqualTo(expected);
        }
    }

    @Test
    void everyFunction_mayPublishItsRunSummary_toTheTopic() {
        // FunctionHandler sends each function's RunNotice; SNS with a KMS key needs the key too.
        for (String service : List.of("expiry", "orphan-snapshots", "public-share", "cross-region-copy")) {
            assertThat(allowedActions(service)).as(service).contains("sns:Publish", "kms:GenerateDataKey");
        }
    }

    @Test
    void deniesDeletingWhatThePolicyKeeps_exemptTagsAndBackupOrDlmImagesAndSnapshots() {
        assertThat(denials("expiry")).containsExactlyInAnyOrder(
                "ec2:EnableImageDeprecation,ec2:DeregisterImage unless-tagged DoNotDelete",
                "ec2:EnableImageDeprecation,ec2:DeregisterImage unless-tagged Retain",
                "ec2:EnableImageDeprecation,ec2:DeregisterImage unless-tagged aws:backup:source-resource",
                "ec2:EnableImageDeprecation,ec2:DeregisterImage unless-tagged aws:dlm:lifecycle-policy-id",
                "ec2:DeleteSnapshot unless-tagged aws:backup:source-resource",
                "ec2:DeleteSnapshot unless-tagged aws:dlm:lifecycle-policy-id");
        assertThat(denials("orphan-snapshots")).containsExactlyInAnyOrder(
                "ec2:DeleteSnapshot unless-tagged DoNotDelete",
                "ec2:DeleteSnapshot unless-tagged Retain",
                "ec2:DeleteSnapshot unless-tagged aws:backup:source-resource",
                "ec2:DeleteSnapshot unless-tagged aws:dlm:lifecycle-policy-id");
    }

    @Test
    void describeCalls_areHeldToTheConfiguredRegions() {
        for (String service : stacks.home().functions().keySet()) {
            for (JsonNode statement : statements(service)) {
                if (statement.path("Resource").asText().equals("*") && IamStatements.actions(statement).stream()
                        .anyMatch(a -> a.startsWith("ec2:") || a.startsWith("ssm:") || a.startsWith("autoscaling:"))) {
                    assertThat(statement.path("Condition").path("StringEquals").path("aws:RequestedRegion").toString())
                            .as(service + " " + statement.path("Sid").asText()).isEqualTo("[\"us-east-1\"]");
                }
            }
        }
    }

    @Test
    void alarmsOnErrorsFailedActionsAndDlqDepth_notifyTheTopic() {
        String topic = AppFixture.logicalId(stacks.home().topic());
        Map<String, Integer> expected = Map.of("expiry", 2, "orphan-snapshots", 2, "public-share", 3, "cross-region-copy", 3);
        expected.forEach((service, count) -> {
            List<JsonNode> alarms = stacks.home().functions().get(service).alarms().stream()
                    .map(a -> template.path("Resources").path(AppFixture.logicalId(a)).path("Properties")).toList();
            assertThat(alarms).as(service).hasSize(count);
            assertThat(alarms).allSatisfy(a -> {
                assertThat(a.path("AlarmActions").get(0).path("Ref").asText()).isEqualTo(topic);
                assertThat(a.path("Threshold").asInt()).isEqualTo(1);
                assertThat(a.path("TreatMissingData").asText()).isEqualTo("notBreaching");
            });
            assertThat(alarms).extracting(a -> a.path("MetricName").asText())
                    .contains("Errors", "ActionsFailed");
            JsonNode failed = alarms.stream().filter(a -> a.path("MetricName").asText().equals("ActionsFailed")).findFirst().orElseThrow();
            assertThat(failed.path("Namespace").asText()).isEqualTo("AmiHousekeeper");
            assertThat(failed.path("Dimensions").toString()).isEqualTo("[{\"Name\":\"Service\",\"Value\":\"" + service + "\"}]");
        });
        assertThat(stacks.home().functions().get("public-share").alarms().stream()
                .map(a -> template.path("Resources").path(AppFixture.logicalId(a)).path("Properties").path("MetricName").asText()))
                .contains("ApproximateNumberOfMessagesVisible");
    }

    @Test
    void everyAlarm_mayPublishToTheTopic_asCloudWatchOfThisAccount() {
        // The topic policy replaces SNS's default one: without this statement no alarm notifies anyone.
        List<JsonNode> policies = resources("AWS::SNS::TopicPolicy");
        assertThat(policies).singleElement().satisfies(p -> assertThat(p.path("Properties").path("Topics").toString())
                .contains(AppFixture.logicalId(stacks.home().topic())));
        List<JsonNode> statements = new ArrayList<>();
        policies.get(0).path("Properties").path("PolicyDocument").path("Statement").forEach(statements::add);
        JsonNode allow = statements.stream()
                .filter(st -> st.path("Effect").asText().equals("Allow")
                        && st.path("Principal").path("Service").asText().equals("cloudwatch.amazonaws.com"))
                .findFirst().orElseThrow(() -> new AssertionError("no statement lets CloudWatch publish: " + statements));
        assertThat(IamStatements.actions(allow)).containsExactly("sns:Publish");
        assertThat(allow.path("Resource").path("Ref").asText()).isEqualTo(AppFixture.logicalId(stacks.home().topic()));
        assertThat(allow.path("Condition").path("StringEquals").path("aws:SourceAccount").asText()).isEqualTo("111122223333");
        List<String> alarmArns = new ArrayList<>();
        allow.path("Condition").path("ArnLike").path("aws:SourceArn")
                .forEach(arn -> alarmArns.add(arn.path("Fn::GetAtt").get(0).asText() + "." + arn.path("Fn::GetAtt").get(1).asText()));
        List<String> alarms = stacks.home().functions().values().stream().flatMap(f -> f.alarms().stream())
                .map(a -> AppFixture.logicalId(a) + ".Arn").toList();
        assertThat(alarms).hasSize(10);
        assertThat(alarmArns).containsExactlyInAnyOrderElementsOf(alarms);
        assertThat(resources("AWS::CloudWatch::Alarm")).hasSize(10);
    }

    @Test
    void notificationKey_isUsedOnlyThroughSnsAndSqs() {
        for (String service : stacks.home().functions().keySet()) {
            JsonNode use = statements(service).stream().filter(st -> st.path("Sid").asText().equals("UseNotificationKey"))
                    .findFirst().orElseThrow();
            List<String> via = new ArrayList<>();
            use.path("Condition").path("StringEquals").path("kms:ViaService").forEach(v -> via.add(v.asText()));
            boolean dlq = stacks.home().functions().get(service).deadLetterQueue() != null;
            assertThat(via).as(service).isEqualTo(dlq
                    ? List.of("sns.us-east-1.amazonaws.com", "sqs.us-east-1.amazonaws.com")
                    : List.of("sns.us-east-1.amazonaws.com"));
        }
    }

    @Test
    void topic_isKmsEncryptedAndSslOnly_withTheEmailSubscription() {
        JsonNode topic = template.path("Resources").path(AppFixture.logicalId(stacks.home().topic())).path("Properties");
        assertThat(topic.path("KmsMasterKeyId").path("Fn::GetAtt").get(0).asText()).startsWith("NotificationKey");
        assertThat(resources("AWS::SNS::TopicPolicy").toString()).contains("aws:SecureTransport");
        assertThat(resources("AWS::SNS::Subscription")).singleElement().satisfies(s -> {
            assertThat(s.path("Properties").path("Protocol").asText()).isEqualTo("email");
            assertThat(s.path("Properties").path("Endpoint").asText()).isEqualTo("ops@example.com");
        });
        JsonNode key = resources("AWS::KMS::Key").get(0).path("Properties");
        assertThat(key.path("EnableKeyRotation").asBoolean()).isTrue();
        assertThat(key.path("KeyPolicy").toString()).contains("cloudwatch.amazonaws.com");
    }

    @Test
    void logGroups_keepEachFunctionsLogsForNinetyDays() {
        for (String service : stacks.home().functions().keySet()) {
            String group = function(service).path("LoggingConfig").path("LogGroup").path("Ref").asText();
            JsonNode logGroup = template.path("Resources").path(group);
            assertThat(logGroup.path("Type").asText()).isEqualTo("AWS::Logs::LogGroup");
            assertThat(logGroup.path("Properties").path("RetentionInDays").asInt()).isEqualTo(90);
            assertThat(function(service).path("LoggingConfig").path("LogFormat").asText()).isEqualTo("JSON");
        }
    }

    @Test
    void applicationLogLevel_isInfo_soEveryRecordAndTheLevelLessMetricLinesReachTheLogs() {
        for (String service : stacks.home().functions().keySet()) {
            assertThat(function(service).path("LoggingConfig").path("ApplicationLogLevel").asText()).isEqualTo("INFO");
        }
    }

    @Test
    void noTrail_unlessAskedFor() {
        assertThat(resources("AWS::CloudTrail::Trail")).isEmpty();
        assertThat(stacks.home().trail()).isNull();
    }

    @Test
    void cdkNag_leavesNothingUnsuppressed() {
        Annotations annotations = Annotations.fromStack(stacks.home());
        assertThat(annotations.findError("*", Match.anyValue())).isEmpty();
        assertThat(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
    }

    @Test
    void noStatement_allowsEveryActionOrAllOfEc2() {
        assertThat(IamStatements.all(template)).isNotEmpty().allSatisfy(statement ->
                assertThat(IamStatements.actions(statement)).doesNotContain("*", "ec2:*"));
    }

    static JsonNode withCfnKeys(JsonNode resolvedPattern) {
        // EventPattern.builder() resolves to camelCase keys; CloudFormation's EventPattern uses the event's own keys.
        var node = AppFixture.JSON.createObjectNode();
        resolvedPattern.fields().forEachRemaining(e -> node.set(switch (e.getKey()) {
            case "detailType" -> "detail-type";
            default -> e.getKey();
        }, e.getValue()));
        return node;
    }

    private static boolean queuePolicyDeniesInsecureTransport(String queue) {
        return resources("AWS::SQS::QueuePolicy").stream().anyMatch(p ->
                p.path("Properties").path("Queues").toString().contains(queue)
                        && p.path("Properties").path("PolicyDocument").toString().contains("\"aws:SecureTransport\":\"false\""));
    }

    private static JsonNode function(String service) {
        return template.path("Resources")
                .path(AppFixture.logicalId(stacks.home().functions().get(service).function())).path("Properties");
    }

    private static List<JsonNode> statements(String service) {
        JsonNode role = template.path("Resources")
                .path(AppFixture.logicalId(stacks.home().functions().get(service).role())).path("Properties");
        return StreamSupport.stream(role.path("Policies").spliterator(), false)
                .flatMap(p -> StreamSupport.stream(p.path("PolicyDocument").path("Statement").spliterator(), false))
                .toList();
    }

    private static Set<String> allowedActions(String service) {
        Set<String> actions = new TreeSet<>();
        statements(service).stream().filter(s -> s.path("Effect").asText().equals("Allow"))
                .forEach(s -> actions.addAll(IamStatements.actions(s)));
        return actions;
    }

    private static List<String> denials(String service) {
        return statements(service).stream().filter(s -> s.path("Effect").asText().equals("Deny")).map(s -> {
            JsonNode isNull = s.path("Condition").path("Null");
            String tag = isNull.fieldNames().next();
            assertThat(isNull.path(tag).asText()).isEqualTo("false");
            return String.join(",", IamStatements.actions(s)) + " unless-tagged " + tag.substring("aws:ResourceTag/".length());
        }).toList();
    }

    private static List<JsonNode> resources(String type) {
        return AppFixture.resources(template, type);
    }
}
