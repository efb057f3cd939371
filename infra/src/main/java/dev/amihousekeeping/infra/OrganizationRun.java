package dev.amihousekeeping.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.targets.StepFunctionsStartExecution;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.DistributedMap;
import software.amazon.awscdk.services.stepfunctions.JitterType;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.ResultWriterV2;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * One scheduled run of a function over an organization (DESIGN §9): EventBridge Scheduler starts a Step Functions
 * state machine that asks the function for the targets ({@code {"listTargets":true}}, answered with
 * {@code {"targets":[{"account","region"}...],"skipped":[...]}}), then runs it once per target in a Distributed Map
 * ({@code {"account","region"}} each), with the items' results written to the run-results bucket under
 * {@code <function>/}; then asks the function to merge them ({@code {"mergeResults":{"bucket","key"}}}, the key of
 * the map run's {@code manifest.json}), which returns the run's one report and sends its one notification (the
 * items send none).
 *
 * <p>Sizes: the target list passes through the state as JSON, and Step Functions holds a state's input and output to
 * 256 KiB. One target is at most 53 bytes ({@code {"account":"123456789012","region":"ap-southeast-2"},}), so some
 * 4,900 targets fit (700 accounts in 7 regions) with room for the skipped list; a longer list fails the execution
 * with {@code States.DataLimitExceeded} before any target runs, and the failure alarm says so. Each item's output (the
 * per-target report) has the same 256 KiB limit; the map writes them to S3, not into the state.
 */
final class OrganizationRun extends Construct {
    /** CDK renders {@link ResultWriterV2} only with this flag (HousekeeperStack sets it in an organization). */
    static final String RESULT_WRITER_V2_FLAG = "@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2";
    /** What the first state sends the function. */
    static final Map<String, Object> LIST_TARGETS = Map.of("listTargets", true);
    /** What the last state sends the function: where the map's manifest is. */
    static final Map<String, Object> MERGE_RESULTS = Map.of("mergeResults", ordered(
            "bucket.$", "$.ResultWriterDetails.Bucket", "key.$", "$.ResultWriterDetails.Key"));
    /**
     * Failures of the Lambda service, not of the function: retried. A per-target run is safe to repeat (it plans from
     * what it reads and re-checks each action just before it acts), so a call that failed after the function ran
     * anyway does no harm. The function's own errors are not retried: the next scheduled run is the retry.
     */
    static final List<String> LAMBDA_SERVICE_ERRORS = List.of("Lambda.ServiceException", "Lambda.AWSLambdaException",
            "Lambda.SdkClientException", "Lambda.TooManyRequestsException", "Lambda.ClientExecutionTimeoutException");
    /**
     * Items that may fail before the map run stops starting new ones. Targets are independent and a function reports
     * a target it cannot reach (role, region) in its result without failing, so a failed item is a crash or a timeout:
     * a few of those must not keep the other accounts unkept, but when one in ten fails the cause is common to all
     * (a bad release, a missing member role, a throttled API) and going on would only repeat it in every account.
     */
    static final int TOLERATED_FAILURE_PERCENTAGE = 10;

    private final StateMachine stateMachine;
    private final Schedule schedule;

    /**
     * @param function   what the states invoke: the function's scheduled alias
     * @param timeout    the function's timeout: one invocation may last that long
     * @param prefix     the function's folder in the results bucket
     */
    OrganizationRun(Construct scope, String id, String serviceName, Trigger.Schedule trigger, IFunction function,
                    Duration timeout, String prefix, SharedResources shared) {
        super(scope, id);
        OrganizationSettings organization = shared.organization();
        IBucket results = shared.runResults();

        LambdaInvoke list = LambdaInvoke.Builder.create(this, "ListTargets")
                .stateName("ListTargets")
                .comment("Ask " + serviceName + " which (account, region) targets this run covers")
                .lambdaFunction(function)
                .payload(TaskInput.fromObject(LIST_TARGETS))
                .payloadResponseOnly(true)
                .retryOnServiceExceptions(false)
                .resultSelector(ordered("targets.$", "$.targets", "skipped.$", "$.skipped"))
                .build();
        list.addRetry(lambdaServiceRetry());

        LambdaInvoke runTarget = LambdaInvoke.Builder.create(this, "RunTarget")
                .stateName("RunTarget")
                .comment("Run " + serviceName + " in one account and region")
                .lambdaFunction(function)
                // No Parameters: the function gets the item itself, {"account": ..., "region": ...}.
                .payloadResponseOnly(true)
                .retryOnServiceExceptions(false)
                .build();
        runTarget.addRetry(lambdaServiceRetry());

        DistributedMap eachTarget = DistributedMap.Builder.create(this, "EachTarget")
                .stateName("EachTarget")
                .comment("One child execution per target; results to S3")
                .itemsPath("$.targets")
                // Exactly the two keys the function reads for one target, whatever else a listed target carries.
                .itemSelector(ordered("account.$", "$$.Map.Item.Value.account", "region.$", "$$.Map.Item.Value.region"))
                .maxConcurrency(organization.mapMaxConcurrency())
                .toleratedFailurePercentage(TOLERATED_FAILURE_PERCENTAGE)
                // Standard child executions: one target may take the function's whole timeout (Express stops at 5 minutes).
                .mapExecutionType(software.amazon.awscdk.services.stepfunctions.StateMachineType.STANDARD)
                .resultWriterV2(ResultWriterV2.Builder.create().bucket(results).prefix(prefix).build())
                .build();
        eachTarget.itemProcessor(runTarget); // Mode DISTRIBUTED, ExecutionType from mapExecutionType

        // The map's output, with a result writer, is {"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}: Key
        // is the map run's manifest.json, which lists the result files.
        LambdaInvoke merge = LambdaInvoke.Builder.create(this, "MergeResults")
                .stateName("MergeResults")
                .comment("Merge the targets' reports into the run's one report, and notify once")
                .lambdaFunction(function)
                .payload(TaskInput.fromObject(MERGE_RESULTS))
                .payloadResponseOnly(true)
                .retryOnServiceExceptions(false)
                .build();
        merge.addRetry(lambdaServiceRetry());

        LogGroup logs = LogGroup.Builder.create(this, "Logs").removalPolicy(RemovalPolicy.RETAIN).build();
        ((CfnLogGroup) logs.getNode().getDefaultChild()).setRetentionInDays(shared.logRetentionDays());
        stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .comment("AMI Housekeeper " + serviceName + ": one scheduled run over the organization")
                .definitionBody(DefinitionBody.fromChainable(list.next(eachTarget).next(merge)))
                .timeout(runTimeout(trigger.expression(), timeout))
                .logs(LogOptions.builder().destination(logs).level(LogLevel.ALL).includeExecutionData(false).build())
                .build();
        // The map writes its results with the machine's role; SSE-KMS asks the key for a data key through S3 only.
        stateMachine.addToRolePolicy(PolicyStatement.Builder.create().sid("EncryptRunResults")
                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                .resources(List.of(shared.key().getKeyArn()))
                .conditions(Map.of("StringEquals", Map.of("kms:ViaService",
                        "s3." + Stack.of(this).getRegion() + ".amazonaws.com")))
                .build());
        suppressExpectedFindings(stateMachine);

        // Not retried: a start that failed did not start, and the next scheduled run is the retry (as for the
        // single-account schedules); a retried start whose first try had started would run the organization twice.
        schedule = Schedule.Builder.create(this, "Schedule")
                .description("AMI Housekeeper " + serviceName + ": " + trigger.id() + " over the organization")
                .schedule(ScheduleExpression.expression(trigger.expression()))
                .target(StepFunctionsStartExecution.Builder.create(stateMachine).retryAttempts(0).build())
                .build();
    }

    /** Two entries in this order: the synthesized definition is the same on every synth. */
    private static Map<String, Object> ordered(String key1, String value1, String key2, String value2) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put(key1, value1);
        map.put(key2, value2);
        return map;
    }

    private static RetryProps lambdaServiceRetry() {
        return RetryProps.builder()
                .errors(LAMBDA_SERVICE_ERRORS)
                .interval(Duration.seconds(2))
                .backoffRate(2)
                .maxAttempts(6)
                .jitterStrategy(JitterType.FULL)
                .build();
    }

    /**
     * An execution ends before the schedule starts the next one: the interval of a {@code rate(...)}, a day for a
     * {@code cron(...)} (the defaults are daily; README), less one function timeout, since an invocation started just
     * before the end still runs to its own timeout.
     */
    static Duration runTimeout(String expression, Duration functionTimeout) {
        long interval = Schedules.rateInterval(expression).orElse(java.time.Duration.ofDays(1)).toMinutes();
        return Duration.minutes(interval - functionTimeout.toMinutes().longValue());
    }

    private static void suppressExpectedFindings(StateMachine machine) {
        NagSuppressions.addResourceSuppressions(machine, List.of(
                NagPackSuppression.builder().id("AwsSolutions-SF2")
                        .reason("X-Ray would trace two Lambda invocations per target; the functions log one JSON line"
                                + " per action, the machine logs every state to CloudWatch Logs, and each item's result"
                                + " is in the run-results bucket.")
                        .build(),
                NagPackSuppression.builder().id("AwsSolutions-IAM5")
                        .reason("CloudWatch Logs delivery for Step Functions (logs:CreateLogDelivery and the other"
                                + " vended-log calls) has no resource-level permissions: the API requires Resource *.")
                        .appliesTo(List.of("Resource::*")).build(),
                NagPackSuppression.builder().id("AwsSolutions-IAM5")
                        .reason("The Distributed Map starts its own child executions (execution/<machine>/*, named by"
                                + " Step Functions at run time) and writes result files whose names it chooses under"
                                + " the function's prefix in the run-results bucket.")
                        .appliesTo(List.of(RegexAppliesTo.builder()
                                .regex("/^Resource::(arn:<AWS::Partition>:states:.*:\\*|arn:<AWS::Partition>:s3:::<RunResults[0-9A-F]+>\\/\\*)$/")
                                .build()))
                        .build()), true);
    }

    StateMachine stateMachine() {
        return stateMachine;
    }

    Schedule schedule() {
        return schedule;
    }
}
