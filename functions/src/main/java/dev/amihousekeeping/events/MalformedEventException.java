package dev.amihousekeeping.events;

/**
 * Thrown inside the parser when an event does not have the shape it must have; {@link EventParser} turns it into
 * an {@link Invalid} with this message. It never leaves the package: callers get a value, not an exception.
 */
final class MalformedEventException extends RuntimeException {

    MalformedEventException(String reason) {
        // No stack trace: this is an expected outcome for a bad event, not a bug to debug.
        super(reason, null, false, false);
    }
}
