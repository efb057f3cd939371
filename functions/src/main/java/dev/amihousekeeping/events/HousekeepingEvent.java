package dev.amihousekeeping.events;

/**
 * One trigger of a function, parsed from the raw EventBridge JSON a Lambda handler (or {@code ami-housekeeping
 * handle}) receives. {@link EventParser#parse} never throws on bad input: it returns {@link Invalid} for a
 * malformed event and {@link Ignored} for a valid one that no function acts on, each with a reason a person reads
 * in the log (DESIGN §6, invariants 8 and 11: report and drop, since a retry cannot mend the event).
 */
public sealed interface HousekeepingEvent
        permits ScheduledRun, AttributeChanged, ImageCreated, ImageStateChanged, TargetItem, ListTargets, MergeResults,
        Ignored, Invalid {
}
