package dev.amihousekeeping.faults;

import static dev.amihousekeeping.faults.FaultFixture.EU;
import static dev.amihousekeeping.faults.FaultFixture.EXPIRED_EU;
import static dev.amihousekeeping.run.HousekeepingFunction.EXPIRY;
import static dev.amihousekeeping.run.HousekeepingFunction.ORPHAN_SNAPSHOTS;
import static dev.amihousekeeping.faults.Scenario.actions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fault: {@code InvalidSnapshot.InUse} races, where EC2 refuses to delete a snapshot because an AMI uses it, after
 * the plan (and even the re-check) said none did. Invariants 3 and 7: the refusal is an outcome that is believed,
 * the snapshot stays for as long as an AMI uses it, a refusal that was only transient is mended by the rerun, and
 * the account ends as the fault-free run leaves it.
 */
class SnapshotInUseRaceTest {

    private static final String EXPIRED_EU_SNAPSHOT = "snap-0e0e0e0e0e0e00011";

    @RegisterExtension
    static final FaultLab lab = new FaultLab();

    @Test
    void transientInUseOnDelete_isASkippedOutcome_andTheRerunDeletesWhatIsFreeNow_invariant7() {
        Scenario orphans = Scenario.of(ORPHAN_SNAPSHOTS);
        FaultLab.Reference faultFree = lab.faultFree(orphans);
        SandboxHarness sandbox = lab.faulty();
        sandbox.fault("{\"action\":\"DeleteSnapshot\",\"error\":\"InvalidSnapshot.InUse\",\"times\":2}");

        Report report = FaultFixture.run(sandbox, ORPHAN_SNAPSHOTS, FaultLab.PATIENT);

        assertThat(report.actions()).filteredOn(a -> a.outcome() == Outcome.SKIPPED).hasSize(2)
                .allSatisfy(a -> assertThat(a.detail()).contains("InvalidSnapshot.InUse"));
        assertThat(report.count(Outcome.DONE)).isEqualTo(faultFree.reports().get(0).actions().size() - 2);
        assertThat(report.count(Outcome.FAILED)).isZero();

        sandbox.clearFaults();
        Report rerun = FaultFixture.run(sandbox, ORPHAN_SNAPSHOTS, FaultLab.PATIENT);

        assertThat(actions(List.of(rerun), Outcome.DONE)).containsExactlyInAnyOrderElementsOf(
                report.actions().stream().filter(a -> a.outcome() == Outcome.SKIPPED).map(Scenario::key).toList());
        assertThat(lab.faultyState().differencesFrom(faultFree.state())).isEmpty();
    }

    @Test
    void inUseBecauseAnAmiWasRegisteredFromTheOrphanMeanwhile_keepsItForGood_invariant3() {
        SandboxHarness sandbox = lab.faulty();
        ActionResult first = FaultFixture.plan(sandbox, ORPHAN_SNAPSHOTS).actions().get(0);
        String snapshotId = first.resourceId();
        String region = first.region();
        FaultLab.Reference registeredFirst = lab.faultFree(Scenario.of(ORPHAN_SNAPSHOTS),
                reference -> FaultFixture.someoneRegisters(reference, region, "restored", snapshotId));
        // EC2 refuses the first delete: someone's RegisterImage landed between the re-check and the delete.
        sandbox.fault("{\"action\":\"DeleteSnapshot\",\"error\":\"InvalidSnapshot.InUse\",\"times\":1}");
        ActionHook someoneElse = new ActionHook((done, result) -> {
            if (done == 1) {
                FaultFixture.someoneRegisters(sandbox, region, "restored", snapshotId);
            }
        });

        Report report = FaultFixture.run(sandbox, ORPHAN_SNAPSHOTS, FaultLab.PATIENT, someoneElse);
        sandbox.clearFaults();
        Report rerun = FaultFixture.run(sandbox, ORPHAN_SNAPSHOTS, FaultLab.PATIENT);

        assertThat(report.actions().get(0).outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(rerun.actions()).isEmpty();
        assertThat(rerun.kept()).anySatisfy(kept -> assertThat(kept.resourceId()).isEqualTo(snapshotId));
        assertThat(lab.faultyState().differencesFrom(registeredFirst.state())).isEmpty();
    }

    @Test
    void expiredAmiWhoseSnapshotSomeoneRegisteredMeanwhile_isDeregistered_butTheSnapshotStays_invariant3() {
        Scenario expiry = Scenario.of(EXPIRY);
        SandboxHarness sandbox = lab.faulty();
        List<ActionResult> planned = FaultFixture.plan(sandbox, EXPIRY).actions();
        assertThat(planned.indexOf(planned.stream().filter(a -> a.resourceId().equals(EXPIRED_EU)).findFirst()
                .orElseThrow())).as("acted on after the first action").isPositive();
        FaultLab.Reference registeredFirst = lab.faultFree(Scenario.night(),
                reference -> FaultFixture.someoneRegisters(reference, EU, "restored-old-eu", EXPIRED_EU_SNAPSHOT));
        ActionHook someoneElse = new ActionHook((done, result) -> {
            if (done == 1) {
                FaultFixture.someoneRegisters(sandbox, EU, "restored-old-eu", EXPIRED_EU_SNAPSHOT);
            }
        });

        Report report = expiry.runOn(sandbox, FaultLab.PATIENT, someoneElse).get(0);

        assertThat(report.actions()).filteredOn(a -> a.resourceId().equals(EXPIRED_EU)).singleElement()
                .satisfies(deregister -> {
                    assertThat(deregister.outcome()).isEqualTo(Outcome.DONE);
                    assertThat(deregister.detail()).contains("in use [" + EXPIRED_EU_SNAPSHOT + "]");
                });
        assertThat(report.count(Outcome.FAILED)).isZero();

        List<Report> restOfTheNight = new Scenario(Scenario.night().functions().subList(1, 4))
                .runOn(sandbox, FaultLab.PATIENT);

        assertThat(restOfTheNight.get(0).actions()).noneMatch(a -> a.resourceId().equals(EXPIRED_EU_SNAPSHOT));
        assertThat(lab.faultyState().differencesFrom(registeredFirst.state())).isEmpty();
    }
}
