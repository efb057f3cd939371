package dev.amihousekeeping.faults;

import static dev.amihousekeeping.run.HousekeepingFunction.CROSS_REGION_COPY;
import static dev.amihousekeeping.run.HousekeepingFunction.EXPIRY;
import static dev.amihousekeeping.run.HousekeepingFunction.PUBLIC_SHARE;
import static dev.amihousekeeping.faults.Scenario.actions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.run.HousekeepingFunction;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault: an AMI the plan acts on is deregistered by someone else between plan and apply. Invariants 6 and 10: the
 * action on it is {@code skipped} as gone, not {@code failed}, the others go on, and the account ends as a
 * fault-free run ends when that AMI was already gone. Also the narrower race where the re-check still saw the AMI
 * and the mutating call itself answers {@code InvalidAMIID.NotFound}.
 */
class DeregisteredMeanwhileTest {

    @RegisterExtension
    static final FaultLab lab = new FaultLab();

    static Stream<Scenario> scenarios() {
        return Stream.of(Scenario.of(EXPIRY), Scenario.of(PUBLIC_SHARE), Scenario.of(CROSS_REGION_COPY),
                Scenario.night());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void anAmiDeregisteredAfterPlanning_isSkippedAsGone_andTheOtherActionsGoOn_invariant6(Scenario scenario) {
        SandboxHarness sandbox = lab.faulty();
        // The first function plans before anything is applied; the later ones plan after, on what they read then.
        List<ActionResult> planned = FaultFixture.plan(sandbox, scenario.functions().get(0)).actions();
        ActionResult last = planned.stream().filter(a -> a.resourceType() == ResourceType.IMAGE)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(planned.indexOf(last)).as("acted on after the first action").isPositive();
        String target = last.resourceId();
        String home = FaultFixture.regionOf(target);
        FaultLab.Reference alreadyGone = lab.faultFree(scenario,
                reference -> FaultFixture.someoneDeregisters(reference, home, target));
        ActionHook someoneElse = new ActionHook((done, result) -> {
            if (done == 1) {
                FaultFixture.someoneDeregisters(sandbox, home, target);
            }
        });

        List<Report> reports = scenario.runOn(sandbox, FaultLab.PATIENT, someoneElse);

        assertThat(reports.get(0).actions()).filteredOn(a -> a.resourceId().equals(target)).singleElement()
                .satisfies(onTarget -> {
                    assertThat(onTarget.outcome()).isEqualTo(Outcome.SKIPPED);
                    assertThat(onTarget.detail()).containsAnyOf("no longer exists", "gone", "NotFound");
                });
        assertThat(actions(reports, Outcome.FAILED)).isEmpty();
        assertThat(reports).allSatisfy(report -> assertThat(report.errors()).isEmpty());
        assertThat(actions(reports, Outcome.DONE))
                .containsExactlyInAnyOrderElementsOf(actions(alreadyGone.reports(), Outcome.DONE));
        assertThat(lab.faultyState().differencesFrom(alreadyGone.state())).isEmpty();
    }

    static Stream<Arguments> staleNotFound() {
        return Stream.of(Arguments.of(EXPIRY, "EnableImageDeprecation"), Arguments.of(EXPIRY, "DeregisterImage"),
                Arguments.of(PUBLIC_SHARE, "ModifyImageAttribute"), Arguments.of(CROSS_REGION_COPY, "CopyImage"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("staleNotFound")
    void notFoundFromTheMutatingCallItself_isAnOutcomeNotAFailure_andTheRerunConverges_invariant10(
            HousekeepingFunction function, String action) {
        Scenario scenario = Scenario.of(function);
        FaultLab.Reference faultFree = lab.faultFree(scenario);
        SandboxHarness sandbox = lab.faulty();
        sandbox.fault("{\"action\":\"" + action + "\",\"error\":\"InvalidAMIID.NotFound\",\"times\":1}");

        Report report = FaultFixture.run(sandbox, function, FaultLab.PATIENT);

        assertThat(report.count(Outcome.SKIPPED)).isEqualTo(1);
        assertThat(report.count(Outcome.FAILED)).isZero();
        assertThat(report.count(Outcome.DONE)).isEqualTo(faultFree.reports().get(0).actions().size() - 1);
        assertThat(report.actions()).filteredOn(a -> a.outcome() == Outcome.SKIPPED).singleElement()
                .satisfies(a -> assertThat(a.detail()).containsAnyOf("InvalidAMIID.NotFound", "already deregistered"));

        sandbox.clearFaults();
        FaultFixture.run(sandbox, function, FaultLab.PATIENT);

        assertThat(lab.faultyState().differencesFrom(faultFree.state())).isEmpty();
    }
}
