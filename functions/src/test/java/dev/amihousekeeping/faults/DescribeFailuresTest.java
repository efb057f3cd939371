package dev.amihousekeeping.faults;

import static dev.amihousekeeping.faults.FaultFixture.EAST;
import static dev.amihousekeeping.faults.FaultFixture.EU;
import static dev.amihousekeeping.faults.Scenario.actions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.run.HousekeepingFunction;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedBlockDevice;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.sandbox.SeedRegion;
import dev.amihousekeeping.sandbox.SeedSnapshot;
import dev.amihousekeeping.testing.SandboxHarness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault: 5xx on the describe calls a run reads its inventory, grants and in-use evidence with. Invariant 10: the
 * SDK retries them; a read that still fails is a region error in the report, nothing is planned on what could not
 * be read (invariant 8: nothing deleted on a guess), the other region goes on, and a rerun converges.
 */
class DescribeFailuresTest {

    private static final int ATTEMPTS = 3;

    @RegisterExtension
    static final FaultLab lab = new FaultLab();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.amihousekeeping.faults.Scenario#eachFunctionAndAll")
    void serverErrorsOnDescribeCalls_areRetried_andEndInTheFaultFreeState_invariant10(Scenario scenario) {
        FaultLab.Reference faultFree = lab.faultFree(scenario);
        SandboxHarness sandbox = lab.faulty();
        sandbox.failEvery(FaultFixture.DESCRIBE_ACTIONS, "InternalError", 500, 0.3);

        List<Report> reports = scenario.runOn(sandbox, FaultLab.PATIENT);

        assertThat(reports).allSatisfy(report -> assertThat(report.errors()).isEmpty());
        assertThat(sandbox.calls(FaultFixture.DESCRIBE_ACTIONS)).as("describe calls, retries included")
                .isGreaterThan(faultFree.describeCalls());
        lab.assertDidAsFaultFree(reports, faultFree);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.amihousekeeping.faults.Scenario#eachFunctionAndAll")
    void aRegionWhoseImagesCannotBeRead_isReported_andChangedNowhere_whileTheOtherIsDone_invariant10(
            Scenario scenario) {
        FaultLab.Reference faultFree = lab.faultFree(scenario);
        FinalState initial = lab.initialState();
        SandboxHarness sandbox = lab.faulty();
        sandbox.fault("{\"action\":\"DescribeImages\",\"region\":\"" + EU + "\",\"error\":\"InternalError\"}");

        List<Report> reports = scenario.runOn(sandbox, ATTEMPTS);

        assertThat(reports).allSatisfy(report -> assertThat(report.errors())
                .anySatisfy(error -> assertThat(error).extracting(RegionError::region, RegionError::code)
                        .containsExactly(EU, "InternalError")));
        assertThat(actions(reports, Outcome.FAILED)).isEmpty();
        assertThat(lab.faultyState().in(EU).differencesFrom(initial.in(EU))).isEmpty();
        assertThat(lab.faultyState().in(EAST).differencesFrom(faultFree.state().in(EAST))).isEmpty();

        sandbox.clearFaults();
        scenario.runOn(sandbox, ATTEMPTS);

        assertThat(lab.faultyState().differencesFrom(faultFree.state())).isEmpty();
    }

    /**
     * eu-west-1 holds 1,001 AMIs, two pages of DescribeImages, each registered from a snapshot whose description
     * names an AMI that is long gone: only the AMI that uses it keeps it from being an orphan. If the second page
     * failed and the run planned on the first, the snapshot of the AMI on that page would be deleted.
     */
    @Test
    void aSecondPageOfImagesThatCannotBeRead_plansNothingInThatRegion_soNoSnapshotInUseLooksOrphaned_invariant3() {
        Seed twoPages = FaultFixture.seed().withRegion(EU, registeredFromOldSnapshots(1001));
        SandboxHarness sandbox = lab.faulty().load(twoPages);
        FinalState before = FaultFixture.finalState(sandbox);
        long seed = SandboxHarness.seedWhoseDrawsFail(0.5, 1, false, true, true, true);
        sandbox.fault("{\"action\":\"DescribeImages\",\"region\":\"" + EU + "\",\"error\":\"InternalError\","
                + "\"rate\":0.5,\"seed\":" + seed + "}");

        Report report = FaultFixture.run(sandbox, HousekeepingFunction.ORPHAN_SNAPSHOTS, ATTEMPTS);

        assertThat(report.actions()).noneMatch(action -> action.region().equals(EU));
        assertThat(FaultFixture.finalState(sandbox).in(EU).differencesFrom(before.in(EU))).isEmpty();
        assertThat(report.errors()).singleElement()
                .extracting(RegionError::region, RegionError::code).containsExactly(EU, "InternalError");
        assertThat(sandbox.calls(EU, "DescribeImages")).as("page 1 once, page 2 on every attempt")
                .isEqualTo(1 + ATTEMPTS);

        sandbox.clearFaults();
        Report rerun = FaultFixture.run(sandbox, HousekeepingFunction.ORPHAN_SNAPSHOTS, ATTEMPTS);

        assertThat(rerun.errors()).isEmpty();
        assertThat(rerun.actions()).noneMatch(action -> action.region().equals(EU));
        assertThat(FaultFixture.finalState(sandbox).in(EU).differencesFrom(before.in(EU))).isEmpty();
    }

    private static SeedRegion registeredFromOldSnapshots(int count) {
        List<SeedImage> images = new ArrayList<>();
        List<SeedSnapshot> snapshots = new ArrayList<>();
        Instant longAgo = Instant.parse("2026-01-01T00:00:00Z");
        for (int n = 0; n < count; n++) {
            String snapshotId = String.format("snap-0a0a0a0a0a0a%05x", n);
            images.add(SeedImage.of(String.format("ami-0a0a0a0a0a0a%05x", n), "registered-" + n, longAgo,
                    List.of(SeedBlockDevice.of("/dev/xvda", snapshotId, 8))));
            snapshots.add(SeedSnapshot.of(snapshotId, String.format("vol-0a0a0a0a0a0a%05x", n), 8, longAgo,
                    String.format("Created by CreateImage(i-0123456789abcdef0) for ami-0bad0bad0bad%05x", n)));
        }
        return SeedRegion.of(images, snapshots);
    }
}
