package dev.amihousekeeping.infra;

import software.amazon.awscdk.services.events.EventPattern;

/** What invokes a {@link HousekeepingFunction}: a schedule, or events that match a pattern on the default bus. */
public sealed interface Trigger {
    /** Construct id of the rule, unique within its function. */
    String id();

    /** A run on a schedule (EventBridge delivers a {@code Scheduled Event}). */
    record Schedule(String id, String expression) implements Trigger {
    }

    /** A run per matching event. A function with at least one of these is event-driven and gets a DLQ. */
    record Events(String id, EventPattern pattern) implements Trigger {
    }
}
