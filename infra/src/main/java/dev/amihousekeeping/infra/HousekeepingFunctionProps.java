package dev.amihousekeeping.infra;

import dev.amihousekeeping.run.HousekeepingFunction;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;

/**
 * One housekeeping function: which one of the registry's, how big, what triggers it, and the grants for the AWS calls
 * its code makes (nothing else; logging, the notification topic when it notifies, and the DLQ are granted by
 * {@link dev.amihousekeeping.infra.HousekeepingFunction}).
 *
 * @param function the function in the registry, which names it and its handler class
 */
public record HousekeepingFunctionProps(
        HousekeepingFunction function,
        String description,
        int memoryMb,
        Duration timeout,
        List<Trigger> triggers,
        FunctionGrants grants) {

    public HousekeepingFunctionProps {
        Objects.requireNonNull(function, "function");
        triggers = List.copyOf(triggers);
        Objects.requireNonNull(grants, "grants");
        if (triggers.isEmpty()) {
            throw new IllegalArgumentException(function.functionName() + ": a function without a trigger never runs");
        }
    }

    /** The function's name in DESIGN §1 ({@code expiry}, ...): Powertools service, metric dimension. */
    public String serviceName() {
        return function.functionName();
    }

    /** The Lambda handler, {@code class::method}. */
    public String handler() {
        return function.handlerClass() + "::handleRequest";
    }

    /** Event-driven functions keep failed events in a DLQ; purely scheduled ones run one at a time instead. */
    public boolean eventDriven() {
        return triggers.stream().anyMatch(Trigger.Events.class::isInstance);
    }
}
