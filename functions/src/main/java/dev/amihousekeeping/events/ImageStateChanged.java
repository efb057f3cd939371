package dev.amihousekeeping.events;

import java.time.Instant;
import java.util.Objects;

/**
 * An {@code EC2 AMI State Change} event: the AMI entered {@code available}, {@code failed}, {@code deregistered}
 * or {@code disabled} (the states EC2 emits this event for). {@code errorMessage} is EC2's reason for
 * {@code failed}, null otherwise. {@code time} is the envelope's {@code time}.
 */
public record ImageStateChanged(String region, String imageId, String state, Instant time, String errorMessage)
        implements HousekeepingEvent {

    public ImageStateChanged {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(time, "time");
    }

    public boolean isAvailable() {
        return "available".equals(state);
    }
}
