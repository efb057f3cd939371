package dev.amihousekeeping.infra;

import static dev.amihousekeeping.run.HousekeepingFunction.CROSS_REGION_COPY;
import static dev.amihousekeeping.run.HousekeepingFunction.EXPIRY;
import static dev.amihousekeeping.run.HousekeepingFunction.ORPHAN_SNAPSHOTS;
import static dev.amihousekeeping.run.HousekeepingFunction.PUBLIC_SHARE;

import dev.amihousekeeping.config.Config;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudtrail.ReadWriteType;
import software.amazon.awscdk.services.cloudtrail.Trail;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The home region's stack (DESIGN §9): the four functions with their triggers, the notification topic and its key,
 * the dashboard of what they did, and, with {@code createTrail}, the CloudTrail trail that makes EC2 API calls
 * reach EventBridge.
 */
public final class HousekeeperStack extends Stack {
    private final Topic topic;
    private final Map<String, HousekeepingFunction> functions = new LinkedHashMap<>();
    private final Trail trail;
    private final Dashboard dashboard;
    private final List<String> regions;
    private final Bucket runResults;
    private final OrganizationSettings organization;

    public HousekeeperStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
        super(scope, id, props);
        Config config = settings.policy().config();
        OrganizationSettings organization = settings.organization();
        if (organization != null) {
            getNode().setContext(OrganizationRun.RESULT_WRITER_V2_FLAG, true);
            if (organization.organizationId() == null) {
                organization = organization.withOrganizationId(
                        new OrganizationIdLookup(this, "OrganizationId").organizationId());
            }
        }
        this.organization = organization;

        Key key = Key.Builder.create(this, "NotificationKey")
                .description("AMI Housekeeper: encrypts the notification topic and the dead-letter queues"
                        + (organization == null ? "" : ", and the organization runs' results"))
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .pendingWindow(Duration.days(7))
                .build();
        // Alarms publish to the encrypted topic as CloudWatch, which needs the key for that.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", getAccount())))
                .build());
        topic = Topic.Builder.create(this, "Notifications")
                .displayName("AMI Housekeeper")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        if (settings.notifyEmail() != null) {
            topic.addSubscription(new EmailSubscription(settings.notifyEmail()));
        }

        runResults = organization == null ? null : runResultsBucket(key, settings.logRetentionDays());
        SharedResources shared = new SharedResources(Code.fromAsset(settings.functionsJar().toString()), topic, key,
                settings.policy().minifiedJson(), settings.logRetentionDays(), settings.reserveConcurrency(),
                organization, runResults);
        regions = config.regions().isEmpty() ? List.of(getRegion()) : config.regions();
        FunctionPermissions permissions = new FunctionPermissions(config, regions, organization);
        Schedules schedules = settings.schedules();
        // The home bus sees its own region's events and the forwarded ones, which keep their region.
        Map<String, EventPattern> patterns = HousekeeperEventPatterns.all(regions);

        add("Expiry", new HousekeepingFunctionProps(EXPIRY,
                "Deprecates, then deregisters, AMIs whose retention is over, with their snapshots",
                1024, Duration.minutes(15),
                List.of(schedule("Schedule", "expiry", schedules.expiry(), Duration.minutes(15))),
                permissions.expiry()), shared);
        add("OrphanSnapshots", new HousekeepingFunctionProps(ORPHAN_SNAPSHOTS,
                "Deletes snapshots made for AMIs that no longer exist",
                1024, Duration.minutes(15),
                List.of(schedule("Schedule", "orphanSnapshots", schedules.orphanSnapshots(), Duration.minutes(15))),
                permissions.orphanSnapshots()), shared);
        // The sweep reads one grant per AMI and snapshot (EC2 has no batch form): at EC2's steady rate of 20
        // describe calls a second per API and region, the 15 minutes Lambda allows cover some 15,000 a region.
        add("PublicShare", new HousekeepingFunctionProps(PUBLIC_SHARE,
                "Removes public or non-allowlisted grants on AMIs and snapshots and says who made them",
                1024, Duration.minutes(15),
                List.of(events(patterns, HousekeeperEventPatterns.SHARE_CHANGED),
                        schedule("SweepSchedule", "publicShareSweep", schedules.publicShareSweep(), Duration.minutes(15))),
                permissions.publicShare()), shared);
        add("CrossRegionCopy", new HousekeepingFunctionProps(CROSS_REGION_COPY,
                "Stamps new AMIs and copies them to the disaster-recovery regions, exactly once",
                512, Duration.minutes(5),
                List.of(events(patterns, HousekeeperEventPatterns.IMAGE_CREATED),
                        events(patterns, HousekeeperEventPatterns.IMAGE_AVAILABLE),
                        schedule("CatchUpSchedule", "copyCatchUp", schedules.copyCatchUp(), Duration.minutes(5))),
                permissions.crossRegionCopy()), shared);

        letAlarmsNotify();
        if (settings.policy().config().recycleBin().enabled()) {
            new RecycleBinRules(this, "RecycleBin", settings.policy().config().recycleBin(), settings.recycleBinLock());
        }
        dashboard = new HousekeepingDashboard(this, "Dashboard", functions).dashboard();
        trail = settings.createTrail() ? createTrail() : null;
        CfnOutput.Builder.create(this, "NotificationTopicArn").value(topic.getTopicArn())
                .description("Subscribe here for reports, alerts and alarms").build();
    }

    /** The rule {@code name} of the home bus's event patterns. */
    private static Trigger.Events events(Map<String, EventPattern> patterns, String name) {
        return new Trigger.Events(name, patterns.get(name));
    }

    /**
     * A schedule that starts no run before the previous one has ended: scheduled runs are not retried, so a rate
     * longer than the function's timeout keeps them apart without reserved concurrency. A cron expression is the
     * user's to space out (README).
     */
    private static Trigger.Schedule schedule(String id, String key, String expression, Duration timeout) {
        long timeoutMinutes = timeout.toMinutes().longValue();
        Schedules.rateInterval(expression).ifPresent(interval -> {
            if (interval.toMinutes() <= timeoutMinutes) {
                throw new InvalidSettingsException("context schedules." + key + " = \"" + expression + "\" starts a"
                        + " run every " + interval.toMinutes() + " minutes, but a run may take "
                        + timeoutMinutes + ": runs would overlap; use a longer rate");
            }
        });
        return new Trigger.Schedule(id, expression);
    }

    /**
     * The topic's policy replaces SNS's default one, which let the account's services publish: without this, no
     * alarm could notify anyone (CloudWatch publishes as its service principal; aws:SourceArn and aws:SourceAccount
     * keep other accounts' alarms out, as the SNS and CloudWatch guides on the confused deputy advise).
     */
    private void letAlarmsNotify() {
        List<String> alarms = functions.values().stream()
                .flatMap(f -> f.alarms().stream()).map(Alarm::getAlarmArn).toList();
        topic.addToResourcePolicy(PolicyStatement.Builder.create().sid("LetAlarmsNotify")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", getAccount()),
                        "ArnLike", Map.of("aws:SourceArn", alarms)))
                .build());
    }

    private void add(String id, HousekeepingFunctionProps props, SharedResources shared) {
        HousekeepingFunction function = new HousekeepingFunction(this, id, props, shared);
        functions.put(props.serviceName(), function);
        CfnOutput.Builder.create(this, id + "Alias").value(function.alias().getFunctionArn())
                .description(props.serviceName() + ": invoke this alias to run it now").build();
    }

    /**
     * Where the organization runs' Distributed Maps write each target's result (one folder per function): encrypted
     * with the stack's key, SSL only, private, kept as long as the logs.
     */
    private Bucket runResultsBucket(Key key, int retentionDays) {
        Bucket bucket = Bucket.Builder.create(this, "RunResults")
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(retentionDays))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1)).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagSuppressions.addResourceSuppressions(bucket, List.of(NagPackSuppression.builder().id("AwsSolutions-S1")
                .reason("Only the state machines' roles write here, and CloudTrail records who reads and writes;"
                        + " access logs would need a second bucket that needs access logs of its own.")
                .build()));
        return bucket;
    }

    /** Management (write) events of every region, for EventBridge; the files themselves expire after 90 days. */
    private Trail createTrail() {
        Bucket bucket = Bucket.Builder.create(this, "TrailBucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(90)).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagSuppressions.addResourceSuppressions(bucket, List.of(NagPackSuppression.builder().id("AwsSolutions-S1")
                .reason("Only CloudTrail writes to this bucket, and the trail itself records API access to it;"
                        + " access logs would need a second bucket that needs access logs of its own.")
                .build()));
        return Trail.Builder.create(this, "Trail")
                .bucket(bucket)
                .isMultiRegionTrail(true)
                .includeGlobalServiceEvents(true)
                .managementEvents(ReadWriteType.WRITE_ONLY)
                .enableFileValidation(true)
                .build();
    }

    public Topic topic() {
        return topic;
    }

    /** The four functions by service name ({@code expiry}, {@code orphan-snapshots}, ...). */
    public Map<String, HousekeepingFunction> functions() {
        return Map.copyOf(functions);
    }

    /** The functions' CloudWatch dashboard (HousekeepingDashboard). */
    public Dashboard dashboard() {
        return dashboard;
    }

    /** Where the functions read and act: the policy's regions, or the home region when it names none. */
    public List<String> regions() {
        return regions;
    }

    /** Null for a single account; else the organization's settings, its id a deploy-time token when context named none. */
    public OrganizationSettings organization() {
        return organization;
    }

    /** Null for a single account. */
    public Bucket runResults() {
        return runResults;
    }

    /** Null unless {@code createTrail}. */
    public Trail trail() {
        return trail;
    }
}
