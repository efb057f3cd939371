package dev.amihousekeeping.events;

/**
 * {@code {"listTargets": true}}: the first state of the organization deployment asks the function for the targets
 * of its policy ({@code accounts} x {@code regions}) and the accounts it skips, which the map then runs one by one.
 */
public record ListTargets() implements HousekeepingEvent {
}
