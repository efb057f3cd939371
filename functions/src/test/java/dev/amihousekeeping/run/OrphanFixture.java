package dev.amihousekeeping.run;

import static dev.amihousekeeping.testing.Fixtures.NOW;

import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.testing.SandboxHarness;
import dev.amihousekeeping.testing.TestResources;
import java.util.List;

/**
 * The orphan-snapshots integration fixture ({@code src/test/resources/orphans/tricky-seed.json}) and its run on a
 * {@link SandboxHarness}. A run given a {@code log} lets a test act between the executor's actions, as a
 * concurrent user would. The run sends no notification (the Lambda handler sends the run's summary).
 */
final class OrphanFixture {

    static final String EAST = "us-east-1";
    static final String WEST = "eu-west-1";

    private OrphanFixture() {
    }

    /** The hand-written fixture under {@code src/test/resources/orphans/}. */
    static Seed trickySeed() {
        return Seed.parse(TestResources.text("orphans/tricky-seed.json"));
    }

    /** A sandbox with the fixture, runs at {@link #NOW}. */
    static SandboxHarness sandbox() {
        return SandboxHarness.start(trickySeed()).at(NOW);
    }

    static String ami(int n) {
        return String.format("ami-0e1d2c3b4a5f6%04d", n);
    }

    static String snap(int n) {
        return String.format("snap-0e1d2c3b4a5f6%04d", n);
    }

    static OrphanSnapshotsRun run(SandboxHarness sandbox, RunLog log) {
        return new OrphanSnapshotsRun(sandbox.housekeeping(log));
    }

    static Report run(SandboxHarness sandbox, String policyJson, boolean apply) {
        return run(sandbox, RunLog.silent()).run(request(sandbox, policyJson, apply));
    }

    /**
     * orphan-snapshots applying one action at a time, each logged to {@code log} before the next starts: for a test
     * that acts between two actions or whose faults meet the calls in plan order.
     */
    static OrphanSnapshotsRun oneAtATime(SandboxHarness sandbox, RunLog log) {
        return new OrphanSnapshotsRun(sandbox.housekeeping(log).oneAtATime(log));
    }

    /** Both regions, changing things when {@code apply}. */
    static RunRequest request(SandboxHarness sandbox, String policyJson, boolean apply) {
        return sandbox.request(ConfigLoader.parse(policyJson), List.of(EAST, WEST), !apply);
    }
}
