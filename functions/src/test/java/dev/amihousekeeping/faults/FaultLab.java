package dev.amihousekeeping.faults;

import dev.amihousekeeping.core.Report;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Two sandboxes from the same seed and clock: one where a scenario runs without faults (the reference, computed
 * once per scenario and test class), one where the test injects its fault. A fault test ends by comparing the
 * faulty sandbox's {@link FinalState} with the reference's.
 */
final class FaultLab implements AutoCloseable {

    /** Enough tries that 30% throttling is always ridden out (0.3^8: one call in 15,000 fails all eight). */
    static final int PATIENT = 8;
    /** One retry: 30% throttling then fails about one call in ten for good, so that a run reports failures. */
    static final int IMPATIENT = 2;

    /** What a fault-free scenario did and left. */
    record Reference(List<Report> reports, FinalState state, int mutatingCalls, int describeCalls) {
    }

    final FaultSandbox faulty = FaultSandbox.start();
    private final FaultSandbox reference = FaultSandbox.start();
    private final Map<Scenario, Reference> references = new HashMap<>();

    /** The scenario without faults, from the fixture. */
    Reference faultFree(Scenario scenario) {
        return references.computeIfAbsent(scenario, s -> faultFree(s, sandbox -> { }));
    }

    /** The scenario without faults, after {@code prepare} changed the fixture (not cached). */
    Reference faultFree(Scenario scenario, Consumer<FaultSandbox> prepare) {
        reference.reset();
        prepare.accept(reference);
        List<Report> reports = scenario.runOn(reference, PATIENT);
        return new Reference(reports, reference.finalState(), reference.calls(FaultSandbox.MUTATING_ACTIONS),
                reference.calls(FaultSandbox.DESCRIBE_ACTIONS));
    }

    /** The fixture as the sandbox holds it before any run, EC2's defaults filled in. */
    FinalState initialState() {
        return reference.reset().finalState();
    }

    /** The faulty sandbox, back to the fixture. */
    FaultSandbox faulty() {
        return faulty.reset();
    }

    FinalState faultyState() {
        return faulty.finalState();
    }


    @Override
    public void close() {
        faulty.close();
        reference.close();
    }
}
