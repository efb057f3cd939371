package dev.amihousekeeping.run;

import dev.amihousekeeping.ec2.Ec2Gateway;
import java.time.Clock;

/**
 * What every function run needs, built once per execution environment (Lambda) or CLI invocation and shared by
 * the function runs: the gateway (one client per region inside), the executor with its log, the notifier, and
 * the clock for timestamps of applied actions. Policies never see any of it.
 */
public record Housekeeping(Ec2Gateway gateway, Executor executor, Notifier notifier, Clock clock) {
}
