package dev.amihousekeeping.events;

import java.util.Objects;

/**
 * An event that is not what it claims to be (not JSON, a field missing or of the wrong type, an id that is not an
 * id, a time that does not parse), with one line that names what is wrong, e.g.
 * {@code detail.requestParameters.imageId must be a string, got number}. Reported and dropped, never retried
 * (DESIGN §6, invariants 8 and 11).
 */
public record Invalid(String reason) implements HousekeepingEvent {

    public Invalid {
        Objects.requireNonNull(reason, "reason");
    }
}
