package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Action;
import java.util.Optional;

/**
 * The re-check that runs just before an action is applied (invariant 6): the inventory the plan came from can be
 * minutes old. Returns the reason to skip the action, or empty to go ahead. A thrown exception (the re-read
 * failed) fails the action: acting on a resource we could not re-read would be acting on a guess.
 */
@FunctionalInterface
public interface Precondition {

    Optional<String> skipReason(Action action) throws Exception;

    /** This check, then {@code next} when this one lets the action through. */
    default Precondition and(Precondition next) {
        return action -> {
            Optional<String> reason = skipReason(action);
            return reason.isPresent() ? reason : next.skipReason(action);
        };
    }
}
