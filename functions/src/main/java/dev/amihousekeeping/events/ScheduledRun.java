package dev.amihousekeeping.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A {@code Scheduled Event} from an EventBridge rule ({@code source: aws.events}) or EventBridge Scheduler
 * ({@code source: aws.scheduler}): run the function's sweep. {@code ruleArn} is the rule or schedule that fired
 * ({@code resources[0]}); it, {@code region} and {@code accountId} are null when the event does not carry them.
 */
public record ScheduledRun(String ruleArn, Instant time, String region, String accountId) implements HousekeepingEvent {

    public ScheduledRun {
        Objects.requireNonNull(time, "time");
    }
}
