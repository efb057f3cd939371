package dev.amihousekeeping.faults;

import static dev.amihousekeeping.run.HousekeepingFunction.CROSS_REGION_COPY;
import static dev.amihousekeeping.run.HousekeepingFunction.EXPIRY;
import static dev.amihousekeeping.run.HousekeepingFunction.ORPHAN_SNAPSHOTS;
import static dev.amihousekeeping.run.HousekeepingFunction.PUBLIC_SHARE;
import static dev.amihousekeeping.faults.Scenario.actions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.run.HousekeepingFunction;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault: a run stops half-way through its plan, either because the process dies (a Lambda timeout: some actions
 * done, no report) or because the endpoint goes dark (every later call fails). Invariants 7 and 10: the next,
 * fault-free run does exactly what was left, nothing twice and nothing more, and ends where a fault-free run ends.
 * The action counts are the fixture's (see {@link FaultFixtureTest}).
 */
class CrashMidApplyTest {

    @RegisterExtension
    static final FaultLab lab = new FaultLab();

    static Stream<Arguments> kills() {
        return Stream.of(
                Arguments.of(Scenario.of(EXPIRY), 1), Arguments.of(Scenario.of(EXPIRY), 2),
                Arguments.of(Scenario.of(ORPHAN_SNAPSHOTS), 1), Arguments.of(Scenario.of(ORPHAN_SNAPSHOTS), 4),
                Arguments.of(Scenario.of(PUBLIC_SHARE), 2), Arguments.of(Scenario.of(PUBLIC_SHARE), 6),
                Arguments.of(Scenario.of(CROSS_REGION_COPY), 1),
                // one night: in expiry's last action, mid orphan-snapshots, mid public-share
                Arguments.of(Scenario.night(), 3), Arguments.of(Scenario.night(), 6),
                Arguments.of(Scenario.night(), 11));
    }

    @ParameterizedTest(name = "{0}, killed after action {1}")
    @MethodSource("kills")
    void processKilledMidApply_thenARerunDoesExactlyWhatWasLeft_andEndsInTheFaultFreeState_invariant7(
            Scenario scenario, int killedAfter) {
        FaultLab.Reference faultFree = lab.faultFree(scenario);
        SandboxHarness sandbox = lab.faulty();
        ActionHook kill = ActionHook.killAfter(killedAfter);

        assertThatThrownBy(() -> scenario.runOn(sandbox, FaultLab.PATIENT, kill))
                .isInstanceOf(ActionHook.ProcessKilled.class);

        List<String> doneBeforeTheKill = kill.results.stream().filter(r -> r.outcome() == Outcome.DONE)
                .map(Scenario::key).toList();
        assertThat(doneBeforeTheKill).hasSize(killedAfter);
        assertThat(lab.faultyState().differencesFrom(faultFree.state())).as("left for the rerun").isNotEmpty();

        List<Report> rerun = scenario.runOn(sandbox, FaultLab.PATIENT);

        List<String> left = new ArrayList<>(actions(faultFree.reports(), Outcome.DONE));
        left.removeAll(doneBeforeTheKill);
        assertThat(actions(rerun, Outcome.DONE)).containsExactlyInAnyOrderElementsOf(left);
        assertThat(actions(rerun, Outcome.FAILED)).isEmpty();
        assertThat(lab.faultyState().differencesFrom(faultFree.state())).isEmpty();
    }

    static Stream<Arguments> outages() {
        return Stream.of(Arguments.of(EXPIRY, 1), Arguments.of(ORPHAN_SNAPSHOTS, 2), Arguments.of(PUBLIC_SHARE, 3),
                Arguments.of(CROSS_REGION_COPY, 1));
    }

    @ParameterizedTest(name = "{0}, endpoint down after action {1}")
    @MethodSource("outages")
    void endpointDownMidApply_failsTheRestAndCountsThem_andARerunFinishesExactlyThem_invariant10(
            HousekeepingFunction function, int upFor) {
        Scenario scenario = Scenario.of(function);
        FaultLab.Reference faultFree = lab.faultFree(scenario);
        int planned = faultFree.reports().get(0).actions().size();
        SandboxHarness sandbox = lab.faulty();
        ActionHook outage = new ActionHook((done, result) -> {
            if (done == upFor) {
                sandbox.fault("{\"action\":\"*\",\"error\":\"Unavailable\",\"status\":503}");
            }
        });

        Report report = FaultFixture.run(sandbox, function, 3, outage);

        assertThat(report.count(Outcome.DONE)).isEqualTo(upFor);
        assertThat(report.count(Outcome.FAILED)).isEqualTo(planned - upFor);
        assertThat(report.actions()).filteredOn(r -> r.outcome() == Outcome.FAILED)
                .allSatisfy(r -> assertThat(r.detail()).contains("Unavailable"));
        assertThat(report.hasFailures()).isTrue();

        sandbox.clearFaults();
        Report rerun = FaultFixture.run(sandbox, function, 3);

        assertThat(actions(List.of(rerun), Outcome.DONE))
                .containsExactlyInAnyOrderElementsOf(actions(List.of(report), Outcome.FAILED));
        assertThat(lab.faultyState().differencesFrom(faultFree.state())).isEmpty();
    }

    @Test
    void endpointDownMidNight_reportsTheFailedActionsAndUnreadRegions_andTheNextNightConverges_invariant10() {
        Scenario night = Scenario.night();
        FaultLab.Reference faultFree = lab.faultFree(night);
        SandboxHarness sandbox = lab.faulty();
        ActionHook outage = new ActionHook((done, result) -> {
            if (done == 4) {
                sandbox.fault("{\"action\":\"*\",\"error\":\"Unavailable\",\"status\":503}");
            }
        });

        List<Report> reports = night.runOn(sandbox, 3, outage);

        assertThat(reports.get(1).count(Outcome.DONE)).as("orphan-snapshots before the outage").isEqualTo(1);
        assertThat(reports.get(1).count(Outcome.FAILED)).isEqualTo(4);
        assertThat(reports.subList(2, 4)).allSatisfy(report -> {
            assertThat(report.actions()).isEmpty();
            assertThat(report.errors()).extracting(e -> e.code()).contains("Unavailable");
        });
        assertThat(outage.results).extracting(ActionResult::outcome).doesNotContain(Outcome.SKIPPED);

        sandbox.clearFaults();
        night.runOn(sandbox, 3);

        assertThat(lab.faultyState().differencesFrom(faultFree.state())).isEmpty();
    }
}
