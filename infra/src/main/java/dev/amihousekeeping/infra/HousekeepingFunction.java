package dev.amihousekeeping.infra;

import dev.amihousekeeping.handler.EmbeddedMetrics;
import dev.amihousekeeping.ec2.S3ObjectStore;
import dev.amihousekeeping.run.SweepCursor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * One housekeeping Lambda function with everything it needs and nothing more: its own role (only the given statements,
 * its log group, the topic when its code notifies and, when event-driven, its DLQ), a log group with retention, SnapStart behind the
 * {@code live} alias that events invoke (and schedules, for a purely scheduled function), a {@code scheduled} alias
 * without retries for the schedules of an event-driven one, and alarms on errors, DLQ depth and failed actions.
 */
public final class HousekeepingFunction extends Construct {
    /** Newest Java runtime that CDK and SnapStart support; the jar is Java 17 bytecode. */
    public static final Runtime RUNTIME = Runtime.JAVA_25;
    public static final String ALIAS = "live";
    /** What the schedules of an event-driven function invoke: the same version as {@link #ALIAS}, no retries. */
    public static final String SCHEDULED_ALIAS = "scheduled";
    /** Where the functions' EMF metrics go (functions' handler/EmbeddedMetrics). */
    public static final String METRICS_NAMESPACE = EmbeddedMetrics.NAMESPACE;
    /** Lambda's limit on all environment variables of a function together. */
    static final int ENVIRONMENT_LIMIT_BYTES = 4096;
    /** Room left for a value only known at deploy time (the topic ARN): the longest an SNS topic ARN can be. */
    private static final int UNRESOLVED_VALUE_BYTES = 302;

    private final Function function;
    private final Alias alias;
    private final Alias scheduledAlias;
    private final Role role;
    private final Queue deadLetterQueue;
    private final List<Rule> rules = new ArrayList<>();
    private final List<OrganizationRun> organizationRuns = new ArrayList<>();
    private final List<Alarm> alarms = new ArrayList<>();

    public HousekeepingFunction(Construct scope, String id, HousekeepingFunctionProps props, SharedResources shared) {
        super(scope, id);
        Map<String, String> environment = environment(props, shared);

        LogGroup logGroup = LogGroup.Builder.create(this, "Logs").removalPolicy(RemovalPolicy.RETAIN).build();
        ((CfnLogGroup) logGroup.getNode().getDefaultChild()).setRetentionInDays(shared.logRetentionDays());

        deadLetterQueue = props.eventDriven()
                ? Queue.Builder.create(this, "DeadLetters")
                        .encryption(QueueEncryption.KMS)
                        .encryptionMasterKey(shared.key())
                        .enforceSsl(true)
                        .retentionPeriod(Duration.days(14))
                        .build()
                : null;

        role = Role.Builder.create(this, "Role")
                // Named in an organization: each member role trusts exactly these ARNs (MemberStack).
                .roleName(shared.organization() == null ? null
                        : hubRoleName(Stack.of(this).getStackName(), props.serviceName()))
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("AMI Housekeeper " + props.serviceName() + ": only the calls this function makes")
                .inlinePolicies(Map.of("Housekeeping", PolicyDocument.Builder.create()
                        .statements(statements(props, shared, logGroup)).build()))
                .build();
        FunctionPermissions.suppressExpectedWildcards(role);
        if (shared.organization() != null) {
            FunctionPermissions.suppressMemberRoleWildcard(role);
        }

        boolean scheduledOnly = !props.eventDriven();
        function = Function.Builder.create(this, "Function")
                .description(props.description())
                .runtime(RUNTIME)
                .architecture(Architecture.ARM_64)
                .handler(props.handler())
                .code(shared.code())
                .memorySize(props.memoryMb())
                .timeout(props.timeout())
                .environment(environment)
                .role(role)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                // The functions' JSON log records carry a level Lambda filters on (functions' log/JsonLog). INFO and
                // no higher: the EMF metric lines have no level, Lambda takes them as INFO, and a WARN filter would
                // drop every metric
                // (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html).
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                // Opt-in (context reserveConcurrency): Lambda keeps 100 of an account's concurrency unreserved, so
                // reserving fails the deploy where the quota is under 102. Without it, scheduled runs still do not
                // overlap: no retries, and a schedule's rate is longer than the timeout (HousekeeperStack checks).
                // In an organization a scheduled run is mapMaxConcurrency invocations at once, one per target.
                .reservedConcurrentExecutions(scheduledOnly && shared.reserveConcurrency()
                        ? (shared.organization() == null ? 1 : shared.organization().mapMaxConcurrency()) : null)
                .build();
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "every trigger invokes the live alias, which publishes a version");
        if (deadLetterQueue != null) {
            // Set on the resource rather than through the L2 prop, whose grant adds kms:ReEncrypt* and other wildcards.
            ((CfnFunction) function.getNode().getDefaultChild()).setDeadLetterConfig(
                    CfnFunction.DeadLetterConfigProperty.builder().targetArn(deadLetterQueue.getQueueArn()).build());
        }
        // The retry setting belongs on the alias: the triggers invoke it, and a function-level one covers only $LATEST.
        // Events are retried twice. A failed scheduled run is not retried: the next run is the retry and the alarm
        // says so, while a retried sweep would run three times in a row, spend the describe rate the event path
        // needs, and overlap the next run. So an event-driven function's schedules invoke an alias of their own.
        alias = Alias.Builder.create(this, "Alias").aliasName(ALIAS).version(function.getCurrentVersion())
                .retryAttempts(scheduledOnly ? 0 : 2).build();
        boolean scheduled = props.triggers().stream().anyMatch(Trigger.Schedule.class::isInstance);
        scheduledAlias = scheduledOnly || !scheduled ? alias
                : Alias.Builder.create(this, "ScheduledAlias").aliasName(SCHEDULED_ALIAS)
                        .version(function.getCurrentVersion()).retryAttempts(0).build();

        for (Trigger trigger : props.triggers()) {
            if (trigger instanceof Trigger.Schedule schedule && shared.organization() != null) {
                // A function the policy switches off calls nothing and is granted nothing: its state machine could
                // not even list the targets, and would fail, and raise its alarm, on every schedule. It gets none.
                if (!props.grants().statements().isEmpty()) {
                    organizationRuns.add(new OrganizationRun(this, trigger.id() + "Run", props.serviceName(),
                            schedule, scheduledAlias, props.timeout(), props.serviceName() + "/", shared));
                }
                continue;
            }
            Rule.Builder rule = Rule.Builder.create(this, trigger.id())
                    .description("AMI Housekeeper " + props.serviceName() + ": " + trigger.id())
                    .targets(List.of(new LambdaFunction(trigger instanceof Trigger.Schedule ? scheduledAlias : alias)));
            if (trigger instanceof Trigger.Schedule schedule) {
                rule.schedule(Schedule.expression(schedule.expression()));
            } else if (trigger instanceof Trigger.Events events) {
                rule.eventPattern(events.pattern());
            }
            rules.add(rule.build());
        }
        addAlarms(props, shared);
    }

    private List<PolicyStatement> statements(HousekeepingFunctionProps props, SharedResources shared, LogGroup logGroup) {
        List<PolicyStatement> statements = new ArrayList<>(props.grants().statements());
        statements.add(PolicyStatement.Builder.create().sid("WriteOwnLogs")
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logGroup.getLogGroupArn())).build());
        boolean notifies = props.grants().notifies();
        if (notifies) {
            statements.add(PolicyStatement.Builder.create().sid("Notify")
                    .actions(List.of("sns:Publish"))
                    .resources(List.of(shared.topic().getTopicArn())).build());
        }
        if (shared.organization() != null && props.triggers().stream().anyMatch(Trigger.Schedule.class::isInstance)) {
            statements.addAll(readRunResults(props.serviceName(), shared));
        }
        if (deadLetterQueue != null) {
            // Lambda sends a failed event to the DLQ with the function's own role.
            statements.add(PolicyStatement.Builder.create().sid("KeepFailedEvents")
                    .actions(List.of("sqs:SendMessage"))
                    .resources(List.of(deadLetterQueue.getQueueArn())).build());
        }
        if (notifies || deadLetterQueue != null) {
            // Publishing to the encrypted topic and sending to the encrypted DLQ use the key through those services,
            // and only through them: the role cannot decrypt or make data keys with it directly.
            String region = Stack.of(this).getRegion();
            List<String> via = new ArrayList<>();
            if (notifies) {
                via.add("sns." + region + ".amazonaws.com");
            }
            if (deadLetterQueue != null) {
                via.add("sqs." + region + ".amazonaws.com");
            }
            statements.add(PolicyStatement.Builder.create().sid("UseNotificationKey")
                    .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                    .resources(List.of(shared.key().getKeyArn()))
                    .conditions(Map.of("StringEquals", Map.of("kms:ViaService", via))).build());
        }
        return statements;
    }

    /**
     * The merge step of this function's {@link OrganizationRun} has it read what its map wrote: the result files
     * under its own folder of the run-results bucket ({@code S3ObjectStore}), decrypted with the stack's key through
     * S3 only. Nothing else of the bucket, and nothing at all for a function no state machine invokes.
     */
    private List<PolicyStatement> readRunResults(String serviceName, SharedResources shared) {
        return List.of(
                PolicyStatement.Builder.create().sid("ReadRunResults")
                        .actions(List.copyOf(S3ObjectStore.IAM_ACTIONS))
                        .resources(List.of(shared.runResults().arnForObjects(serviceName + "/*"))).build(),
                PolicyStatement.Builder.create().sid("DecryptRunResults")
                        .actions(List.of("kms:Decrypt"))
                        .resources(List.of(shared.key().getKeyArn()))
                        .conditions(Map.of("StringEquals", Map.of("kms:ViaService",
                                "s3." + Stack.of(this).getRegion() + ".amazonaws.com"))).build());
    }

    private static Map<String, String> environment(HousekeepingFunctionProps props, SharedResources shared) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOUSEKEEPING_CONFIG", shared.policyJson());
        env.put("NOTIFY_TOPIC_ARN", shared.topic().getTopicArn());
        env.put("POWERTOOLS_SERVICE_NAME", props.serviceName());
        env.put("POWERTOOLS_METRICS_NAMESPACE", METRICS_NAMESPACE);
        if (props.function() == dev.amihousekeeping.run.HousekeepingFunction.PUBLIC_SHARE) {
            // The sweep's cursor: the one parameter FunctionPermissions lets public-share read and write.
            env.put(SweepCursor.VARIABLE, SweepCursor.DEFAULT_PARAMETER);
        }
        int bytes = 0;
        for (Map.Entry<String, String> e : env.entrySet()) {
            bytes += e.getKey().length() + (Token.isUnresolved(e.getValue())
                    ? UNRESOLVED_VALUE_BYTES : e.getValue().getBytes(StandardCharsets.UTF_8).length);
        }
        if (bytes > ENVIRONMENT_LIMIT_BYTES) {
            int policyBytes = shared.policyJson().getBytes(StandardCharsets.UTF_8).length;
            throw new InvalidSettingsException("the housekeeping policy is " + policyBytes + " bytes minified;"
                    + " with the other variables of function " + props.serviceName() + " that is " + bytes
                    + " bytes, over Lambda's " + ENVIRONMENT_LIMIT_BYTES + "-byte environment limit:"
                    + " leave out keys that only repeat the defaults");
        }
        return env;
    }

    private void addAlarms(HousekeepingFunctionProps props, SharedResources shared) {
        String name = props.serviceName();
        MetricOptions fiveMinuteSum = MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
        alarm("Errors", function.metricErrors(fiveMinuteSum),
                name + ": the function failed (an exception or a timeout); see its log group");
        alarm("ActionsFailed", metric(name, EmbeddedMetrics.Metric.ACTIONS_FAILED.metricName(), fiveMinuteSum),
                name + ": some planned actions failed; the run's report and notification say which");
        if (deadLetterQueue != null) {
            alarm("DeadLetters", deadLetterQueue.metricApproximateNumberOfMessagesVisible(
                            MetricOptions.builder().period(Duration.minutes(5)).statistic("Maximum").build()),
                    name + ": events that still failed after Lambda's retries wait in the DLQ");
        }
        for (OrganizationRun run : organizationRuns) {
            alarm(run.getNode().getId() + "Failed", run.stateMachine().metricFailed(fiveMinuteSum),
                    name + ": a scheduled run over the organization failed (no targets listed, or more than "
                            + OrganizationRun.TOLERATED_FAILURE_PERCENTAGE + "% of them failed); see its execution");
        }
        SnsAction notify = new SnsAction(shared.topic());
        alarms.forEach(a -> a.addAlarmAction(notify));
    }

    /** The functions' EMF metric {@code metricName} of function {@code serviceName}, as they emit it. */
    static Metric metric(String serviceName, String metricName, MetricOptions options) {
        return Metric.Builder.create()
                .namespace(EmbeddedMetrics.NAMESPACE).metricName(metricName)
                .dimensionsMap(Map.of(EmbeddedMetrics.DIMENSION, serviceName))
                .period(options.getPeriod()).statistic(options.getStatistic()).label(options.getLabel()).build();
    }

    private void alarm(String id, IMetric metric, String description) {
        alarms.add(Alarm.Builder.create(this, id + "Alarm")
                .metric(metric)
                .alarmDescription("AMI Housekeeper " + description)
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
    }

    /**
     * The role name of a hub function in an organization: {@code <stack>-<function>}, so that member roles can trust
     * it by ARN before it exists in their template.
     */
    static String hubRoleName(String stackName, String serviceName) {
        String name = stackName + "-" + serviceName;
        if (name.length() > 64) {
            throw new InvalidSettingsException("stack name " + stackName + " makes the role name " + name
                    + " longer than IAM's 64 characters");
        }
        return name;
    }

    public Function function() {
        return function;
    }

    public Alias alias() {
        return alias;
    }

    /** What the schedules invoke: {@link #alias()} for a purely scheduled function, else the no-retry alias. */
    public Alias scheduledAlias() {
        return scheduledAlias;
    }

    public Role role() {
        return role;
    }

    /** Null for a purely scheduled function. */
    public Queue deadLetterQueue() {
        return deadLetterQueue;
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    /** The scheduled runs over the organization; empty for a single account. */
    List<OrganizationRun> organizationRuns() {
        return List.copyOf(organizationRuns);
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }
}
