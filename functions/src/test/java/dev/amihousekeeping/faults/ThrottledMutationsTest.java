package dev.amihousekeeping.faults;

import static dev.amihousekeeping.faults.Scenario.actions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault: EC2 answers 30% of every mutating call (deregister, deprecate, delete, modify grants, block public access,
 * copy, tag) with {@code RequestLimitExceeded} (503). Invariant 10: the SDK retries with backoff; what the retries
 * cannot ride out fails only its own action, is counted in the report, and a fault-free rerun finishes exactly
 * those actions. Either way the account ends as the fault-free run leaves it.
 */
class ThrottledMutationsTest {

    @RegisterExtension
    static final FaultLab lab = new FaultLab();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.amihousekeeping.faults.Scenario#eachFunctionAndAll")
    void throttlingOnMutatingCalls_isRetried_andEndsInTheFaultFreeState_invariant10(Scenario scenario) {
        FaultLab.Reference faultFree = lab.faultFree(scenario);
        SandboxHarness sandbox = lab.faulty();
        FaultFixture.throttleEveryMutatingCall(sandbox, 0.3);

        List<Report> reports = scenario.runOn(sandbox, FaultLab.PATIENT);

        assertThat(actions(reports, Outcome.FAILED)).isEmpty();
        assertThat(sandbox.calls(FaultFixture.MUTATING_ACTIONS)).as("mutating calls, retries included")
                .isGreaterThan(faultFree.mutatingCalls());
        lab.assertDidAsFaultFree(reports, faultFree);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.amihousekeeping.faults.Scenario#eachFunctionAndAll")
    void throttlingThatOutlastsTheRetries_failsOnlyThoseActions_andARerunFinishesExactlyThem_invariant10(
            Scenario scenario) {
        FaultLab.Reference faultFree = lab.faultFree(scenario);
        SandboxHarness sandbox = lab.faulty();
        FaultFixture.throttleEveryMutatingCall(sandbox, 0.3);

        // One at a time, as this test was written for: the seeded 30% then fails the same calls on every run, some
        // of them twice in a row. Several in flight meet the draws in thread order (PacedApplySandboxTest shows
        // the same behaviour with several actions in flight).
        List<Report> throttled = scenario.runOneAtATime(sandbox, FaultLab.IMPATIENT);

        List<String> failed = actions(throttled, Outcome.FAILED);
        assertThat(failed).as("actions whose one retry was throttled too").isNotEmpty();
        assertThat(throttled.stream().flatMap(r -> r.actions().stream())
                .filter(r -> r.outcome() == Outcome.FAILED).map(ActionResult::detail))
                .allSatisfy(detail -> assertThat(detail).contains("RequestLimitExceeded"));
        assertThat(throttled.stream().filter(Report::hasFailures)).isNotEmpty();
        assertThat(lab.faultyState().differencesFrom(faultFree.state())).as("left for the rerun").isNotEmpty();

        sandbox.clearFaults();
        List<Report> rerun = scenario.runOn(sandbox, FaultLab.PATIENT);

        assertThat(actions(rerun, Outcome.DONE)).containsExactlyInAnyOrderElementsOf(failed);
        assertThat(actions(rerun, Outcome.FAILED)).isEmpty();
        assertThat(lab.faultyState().differencesFrom(faultFree.state())).isEmpty();
    }
}
