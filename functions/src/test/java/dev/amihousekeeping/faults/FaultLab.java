package dev.amihousekeeping.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two sandboxes from the same seed and clock: one where a scenario runs without faults (the reference, computed
 * once per scenario and test class), one where the test injects its fault. A fault test ends by comparing the
 * faulty sandbox's {@link FinalState} with the reference's. A test class holds one as a JUnit extension
 * ({@code @RegisterExtension static final FaultLab lab = new FaultLab();}), closed after the class.
 */
final class FaultLab implements AutoCloseable, AfterAllCallback {

    /** Enough tries that 30% throttling is always ridden out (0.3^8: one call in 15,000 fails all eight). */
    static final int PATIENT = 8;
    /** One retry: 30% throttling then fails about one call in ten for good, so that a run reports failures. */
    static final int IMPATIENT = 2;

    /** What a fault-free scenario did and left. */
    record Reference(List<Report> reports, FinalState state, int mutatingCalls, int describeCalls) {
    }

    private final SandboxHarness faulty = FaultFixture.sandbox();
    private final SandboxHarness reference = FaultFixture.sandbox();
    private final Map<Object, Reference> references = new HashMap<>();

    /** The scenario without faults, from the fixture. */
    Reference faultFree(Scenario scenario) {
        return references.computeIfAbsent(scenario, key -> faultFree(scenario, sandbox -> { }));
    }

    /** The scenario without faults, after {@code prepare} changed the fixture (not cached). */
    Reference faultFree(Scenario scenario, Consumer<SandboxHarness> prepare) {
        return faultFree(prepare, sandbox -> scenario.runOn(sandbox, PATIENT));
    }

    /** One delivery of the sample event {@code name} without faults, from the fixture. */
    Reference faultFreeDelivery(String name) {
        return references.computeIfAbsent("event " + name, key -> faultFree(sandbox -> { },
                sandbox -> List.of(FaultFixture.deliver(sandbox, FaultFixture.sampleEvent(name), PATIENT))));
    }

    private Reference faultFree(Consumer<SandboxHarness> prepare, Function<SandboxHarness, List<Report>> work) {
        FaultFixture.reset(reference);
        prepare.accept(reference);
        int mutatingBefore = reference.calls(FaultFixture.MUTATING_ACTIONS);
        int describeBefore = reference.calls(FaultFixture.DESCRIBE_ACTIONS);
        List<Report> reports = work.apply(reference);
        return new Reference(reports, FaultFixture.finalState(reference),
                reference.calls(FaultFixture.MUTATING_ACTIONS) - mutatingBefore,
                reference.calls(FaultFixture.DESCRIBE_ACTIONS) - describeBefore);
    }

    /**
     * The faulty sandbox's run did what the fault-free one did: the same actions done, and the same final state.
     */
    void assertDidAsFaultFree(List<Report> reports, Reference faultFree) {
        assertThat(Scenario.actions(reports, Outcome.DONE))
                .containsExactlyInAnyOrderElementsOf(Scenario.actions(faultFree.reports(), Outcome.DONE));
        assertThat(faultyState().differencesFrom(faultFree.state())).isEmpty();
    }

    /** The fixture as the sandbox holds it before any run, EC2's defaults filled in. */
    FinalState initialState() {
        return FaultFixture.finalState(FaultFixture.reset(reference));
    }

    /** The faulty sandbox, back to the fixture. */
    SandboxHarness faulty() {
        return FaultFixture.reset(faulty);
    }

    FinalState faultyState() {
        return FaultFixture.finalState(faulty);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        faulty.close();
        reference.close();
    }
}
