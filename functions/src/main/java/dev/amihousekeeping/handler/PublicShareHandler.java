package dev.amihousekeeping.handler;

import dev.amihousekeeping.run.PublicShareRun;
import dev.amihousekeeping.run.HousekeepingFunction;

/**
 * Lambda entry point of {@code public-share}: CloudTrail {@code ModifyImageAttribute} and
 * {@code ModifySnapshotAttribute} events, and the sweep schedule. All the work is in {@link PublicShareRun}.
 */
public final class PublicShareHandler extends FunctionHandler {

    /** What Lambda calls: the wiring is built once, from the environment. */
    public PublicShareHandler() {
        this(Dependencies.fromEnvironment());
    }

    PublicShareHandler(Dependencies dependencies) {
        super(dependencies, HousekeepingFunction.PUBLIC_SHARE);
    }
}
