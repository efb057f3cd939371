package dev.amihousekeeping.infra;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;

/**
 * One housekeeping function: which handler, how big, what triggers it, and the grants for the AWS calls its code
 * makes (nothing else; logging, the notification topic when it notifies, and the DLQ are granted by
 * {@link HousekeepingFunction}).
 *
 * @param serviceName the function's name in DESIGN §1 ({@code expiry}, ...): Powertools service, metric dimension
 * @param handler     {@code class::method}
 */
public record HousekeepingFunctionProps(
        String serviceName,
        String handler,
        String description,
        int memoryMb,
        Duration timeout,
        List<Trigger> triggers,
        FunctionGrants grants) {

    public HousekeepingFunctionProps {
        triggers = List.copyOf(triggers);
        Objects.requireNonNull(grants, "grants");
        if (triggers.isEmpty()) {
            throw new IllegalArgumentException(serviceName + ": a function without a trigger never runs");
        }
    }

    /** Event-driven functions keep failed events in a DLQ; purely scheduled ones run one at a time instead. */
    public boolean eventDriven() {
        return triggers.stream().anyMatch(Trigger.Events.class::isInstance);
    }
}
