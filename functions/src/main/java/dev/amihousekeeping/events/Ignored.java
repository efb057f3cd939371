package dev.amihousekeeping.events;

import java.util.Objects;

/**
 * A well-formed event that no function acts on, with the reason in words a person reads in the log, e.g.
 * {@code errorCode Client.UnauthorizedOperation: the call failed, nothing changed}. Logged and dropped: nothing
 * to retry.
 */
public record Ignored(String reason) implements HousekeepingEvent {

    public Ignored {
        Objects.requireNonNull(reason, "reason");
    }
}
