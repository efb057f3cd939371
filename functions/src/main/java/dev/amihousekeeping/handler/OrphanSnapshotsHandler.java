package dev.amihousekeeping.handler;

import dev.amihousekeeping.run.HousekeepingFunction;

/**
 * The {@code orphan-snapshots} Lambda function: its schedule rule's {@code Scheduled Event} runs the whole sweep over
 * the policy's regions; any other event is reported as ignored. Dry-run while the policy's {@code dryRun} is true.
 */
public final class OrphanSnapshotsHandler extends FunctionHandler {

    /** For Lambda: the wiring is built once, from the environment, in the init phase. */
    public OrphanSnapshotsHandler() {
        this(Dependencies.fromEnvironment());
    }

    OrphanSnapshotsHandler(Dependencies dependencies) {
        super(dependencies, HousekeepingFunction.ORPHAN_SNAPSHOTS);
    }
}
