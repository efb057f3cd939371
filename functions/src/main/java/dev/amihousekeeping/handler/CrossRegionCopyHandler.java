package dev.amihousekeeping.handler;

import dev.amihousekeeping.run.CrossRegionCopyRun;
import dev.amihousekeeping.run.HousekeepingFunction;

/**
 * Lambda handler of {@code cross-region-copy}: CloudTrail {@code CreateImage}, {@code RegisterImage} and
 * {@code CopyImage}, {@code EC2 AMI State Change}, and the catch-up schedule. Everything it does is in
 * {@link CrossRegionCopyRun}; {@link FunctionHandler} parses, reports, and throws only for a retryable failure.
 */
public final class CrossRegionCopyHandler extends FunctionHandler {

    public CrossRegionCopyHandler() {
        this(Dependencies.fromEnvironment());
    }

    CrossRegionCopyHandler(Dependencies dependencies) {
        super(dependencies, HousekeepingFunction.CROSS_REGION_COPY);
    }
}
