package dev.amihousekeeping.handler;

import dev.amihousekeeping.run.HousekeepingFunction;

/**
 * The Lambda handler of {@code expiry}, triggered by its EventBridge schedule (DESIGN §1): deprecates, then
 * deregisters, the AMIs whose retention is over, with their snapshots. The policy's {@code dryRun} decides whether
 * anything changes.
 */
public final class ExpiryHandler extends FunctionHandler {

    /** For Lambda: the wiring is built once, in the init phase. */
    public ExpiryHandler() {
        this(Dependencies.fromEnvironment());
    }

    ExpiryHandler(Dependencies dependencies) {
        super(dependencies, HousekeepingFunction.EXPIRY);
    }
}
