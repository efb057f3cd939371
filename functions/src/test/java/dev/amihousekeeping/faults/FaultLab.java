package dev.amihousekeeping.faults;

import dev.amihousekeeping.core.Report;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

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
    private final Map<Object, Reference> references = new HashMap<>();

    /** The scenario without faults, from the fixture. */
    Reference faultFree(Scenario scenario) {
        return references.computeIfAbsent(scenario, key -> faultFree(scenario, sandbox -> { }));
    }

    /** The scenario without faults, after {@code prepare} changed the fixture (not cached). */
    Reference faultFree(Scenario scenario, Consumer<FaultSandbox> prepare) {
        return faultFree(prepare, sandbox -> scenario.runOn(sandbox, PATIENT));
    }

    /** One delivery of the sample event {@code name} without faults, from the fixture. */
    Reference faultFreeDelivery(String name) {
        return references.computeIfAbsent("event " + name, key -> faultFree(sandbox -> { },
                sandbox -> List.of(sandbox.deliver(FaultFixture.sampleEvent(name), PATIENT))));
    }

    private Reference faultFree(Consumer<FaultSandbox> prepare, Function<FaultSandbox, List<Report>> work) {
        reference.reset();
        prepare.accept(reference);
        int mutatingBefore = reference.calls(FaultSandbox.MUTATING_ACTIONS);
        int describeBefore = reference.calls(FaultSandbox.DESCRIBE_ACTIONS);
        List<Report> reports = work.apply(reference);
        return new Reference(reports, reference.finalState(),
                reference.calls(FaultSandbox.MUTATING_ACTIONS) - mutatingBefore,
                reference.calls(FaultSandbox.DESCRIBE_ACTIONS) - describeBefore);
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
