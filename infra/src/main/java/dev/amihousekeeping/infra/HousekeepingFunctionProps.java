package dev.amihousekeeping.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * One housekeeping function: which handler, how big, what triggers it, and the IAM statements for the AWS calls it
 * makes (nothing else; logging, notification and DLQ grants are added by {@link HousekeepingFunction}).
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
        List<PolicyStatement> statements) {

    public HousekeepingFunctionProps {
        triggers = List.copyOf(triggers);
        statements = List.copyOf(statements);
        if (triggers.isEmpty()) {
            throw new IllegalArgumentException(serviceName + ": a function without a trigger never runs");
        }
    }

    /** Event-driven functions keep failed events in a DLQ; purely scheduled ones run one at a time instead. */
    public boolean eventDriven() {
        return triggers.stream().anyMatch(Trigger.Events.class::isInstance);
    }
}
