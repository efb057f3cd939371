package dev.amihousekeeping.events;

/**
 * {@code {"mergeResults": {"bucket": ..., "key": ...}}}: the last state of the organization deployment's run asks the
 * function to merge what its Distributed Map wrote (the map run's {@code manifest.json} at {@code key} in
 * {@code bucket}, and the result files it lists) into the run's one report, and to send its one notification.
 */
public record MergeResults(String bucket, String key) implements HousekeepingEvent {
}
