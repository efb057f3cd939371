package dev.amihousekeeping.faults;

import dev.amihousekeeping.run.CrossRegionCopyRun;
import dev.amihousekeeping.run.ExpiryRun;
import dev.amihousekeeping.run.FunctionRun;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.OrphanSnapshotsRun;
import dev.amihousekeeping.run.PublicShareRun;
import java.util.function.Function;

/**
 * The four functions a fault test runs, built on the wiring the test gives them, in the order one night runs them:
 * expiry first, so that orphan-snapshots sees what it left.
 */
enum HousekeepingFunction {
    EXPIRY(ExpiryRun::new),
    ORPHAN_SNAPSHOTS(OrphanSnapshotsRun::new),
    PUBLIC_SHARE(PublicShareRun::new),
    CROSS_REGION_COPY(CrossRegionCopyRun::new);

    private final Function<Housekeeping, FunctionRun> factory;

    HousekeepingFunction(Function<Housekeeping, FunctionRun> factory) {
        this.factory = factory;
    }

    FunctionRun on(Housekeeping housekeeping) {
        return factory.apply(housekeeping);
    }
}
