package dev.amihousekeeping.run;

import dev.amihousekeeping.config.AwsRegions;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.ec2.Ec2Gateway;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every function run needs, built once per execution environment (Lambda) or CLI invocation and shared by
 * the function runs: the gateway (one client per region inside), the executor with its log, the notifier, and
 * the clock for timestamps of applied actions. Policies never see any of it. {@code members} holds the gateway
 * of each other account reached so far, kept for the process like the clients inside it. {@code sweepCursorAt} is
 * where the public-share sweep keeps its cursor ({@link SweepCursor}): the deployment's parameter; null (the CLI,
 * most tests) keeps none, and every sweep starts from the beginning.
 */
public record Housekeeping(Ec2Gateway gateway, Executor executor, Notifier notifier, Clock clock,
                           Map<String, Ec2Gateway> members, SweepCursor.Location sweepCursorAt) {

    /** Prefix of the role session name, as it shows in the member account's CloudTrail. */
    static final String SESSION_PREFIX = "ami-housekeeper-";

    public Housekeeping {
        members = members == null ? new ConcurrentHashMap<>() : members;
    }

    public Housekeeping(Ec2Gateway gateway, Executor executor, Notifier notifier, Clock clock) {
        this(gateway, executor, notifier, clock, null, null);
    }

    /** This wiring, with the public-share sweep's cursor kept at {@code location} (null: none). */
    public Housekeeping withSweepCursor(SweepCursor.Location location) {
        return new Housekeeping(gateway, executor, notifier, clock, members, location);
    }

    /**
     * The one wiring of the run layer, for the Lambda handlers, the CLI, the demo and the bench alike: a gateway
     * over {@code clients}, a paced executor ({@link Executor#paced}) writing to {@code log}, both on {@code clock}. The caller owns
     * {@code clients} and closes them.
     */
    public static Housekeeping create(Ec2Clients clients, Clock clock, RunLog log, Notifier notifier) {
        return new Housekeeping(new Ec2Gateway(clients, clock), Executor.paced(log, clock), notifier, clock);
    }

    /**
     * This wiring with an executor that applies one action at a time, each logged to {@code log} before the next
     * starts: the bench's baseline, and tests that act between two actions.
     */
    public Housekeeping oneAtATime(RunLog log) {
        return new Housekeeping(gateway, new Executor(log, clock), notifier, clock, members, sweepCursorAt);
    }

    /** As {@link #gatewayFor(Target, String)}, the session named after no run. */
    public Ec2Gateway gatewayFor(Target target) {
        return gatewayFor(target, null);
    }

    /**
     * The gateway a target is read and changed through: the one place that chooses credentials. A target without
     * a role is the credentials' own account, and gets the own gateway; when it names its account, that must be
     * the credentials' account (GetCallerIdentity, read once), else the target fails rather than act in the
     * wrong account. A target with a role gets the gateway of the role {@code arn:<partition>:iam::<account>:role/
     * <roleName>}, assumed now with the own credentials: one per account, kept for the process. A role that cannot
     * be assumed throws (that target's error; the run goes on with the others) and nothing in that account is read.
     *
     * @param runId names the role session ({@value #SESSION_PREFIX} and its first 8 characters) when it is first
     *              assumed
     */
    public Ec2Gateway gatewayFor(Target target, String runId) {
        if (target.roleName() == null) {
            if (target.account() != null && !target.account().equals(gateway.callerAccountId(target.region()))) {
                throw new IllegalStateException("account " + target.account() + " is not the credentials' own ("
                        + gateway.callerAccountId(target.region()) + ") and no role to assume in it is named");
            }
            return gateway;
        }
        String roleArn = "arn:" + partition(target.region()) + ":iam::" + target.account() + ":role/"
                + target.roleName();
        Ec2Gateway member = members.get(roleArn);
        if (member == null) {
            member = gateway.asRole(target.account(), roleArn, sessionName(runId), target.region());
            Ec2Gateway raced = members.putIfAbsent(roleArn, member);
            member = raced != null ? raced : member;
        }
        return member;
    }

    /** {@code ami-housekeeper-<the run id's first 8 characters>}, within STS's RoleSessionName characters. */
    static String sessionName(String runId) {
        String id = runId == null ? "run" : runId.replaceAll("[^\\w+=,.@-]", "");
        return SESSION_PREFIX + (id.isEmpty() ? "run" : id.substring(0, Math.min(8, id.length())));
    }

    private static String partition(String region) {
        return AwsRegions.partitionOf(region).orElse("aws");
    }
}
