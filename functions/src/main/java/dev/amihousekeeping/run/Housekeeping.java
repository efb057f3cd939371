package dev.amihousekeeping.run;

import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.ec2.Ec2Gateway;
import java.time.Clock;

/**
 * What every function run needs, built once per execution environment (Lambda) or CLI invocation and shared by
 * the function runs: the gateway (one client per region inside), the executor with its log, the notifier, and
 * the clock for timestamps of applied actions. Policies never see any of it.
 */
public record Housekeeping(Ec2Gateway gateway, Executor executor, Notifier notifier, Clock clock) {

    /**
     * The one wiring of the run layer, for the Lambda handlers, the CLI, the demo and the bench alike: a gateway
     * over {@code clients}, a paced executor ({@link Executor#paced}) writing to {@code log}, both on {@code clock}. The caller owns
     * {@code clients} and closes them.
     */
    public static Housekeeping create(Ec2Clients clients, Clock clock, RunLog log, Notifier notifier) {
        return new Housekeeping(new Ec2Gateway(clients, clock), Executor.paced(log, clock), notifier, clock);
    }

    /**
     * The gateway a target is read and changed through. Every target today is in the credentials' own account;
     * a target in another account (an organization run) is reached through a role assumed in it, which this
     * deployment does not have yet: such a target is that target's error, and the others go on.
     */
    public Ec2Gateway gatewayFor(Target target) {
        if (target.account() != null) {
            throw new IllegalArgumentException("account " + target.account() + " cannot be reached: no role to"
                    + " assume in it is configured");
        }
        return gateway;
    }
}
