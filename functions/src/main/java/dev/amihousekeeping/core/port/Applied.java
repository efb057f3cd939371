package dev.amihousekeeping.core.port;

import dev.amihousekeeping.core.Outcome;
import java.util.Objects;

/**
 * What applying one action did: {@code done}, or {@code skipped} when EC2 answered with an outcome that is not a
 * failure (the resource was already gone, a snapshot is in use), or {@code failed} when part of the action could
 * not be done and the rest was (a deregistered image whose snapshot delete failed). {@code detail} is what the
 * report shows.
 */
public record Applied(Outcome outcome, String detail) {

    public Applied {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.PLANNED || outcome == Outcome.DEFERRED) {
            throw new IllegalArgumentException("an applied action is done, skipped or failed, not " + outcome.json());
        }
    }

    public static Applied done(String detail) {
        return new Applied(Outcome.DONE, detail);
    }

    public static Applied skipped(String detail) {
        return new Applied(Outcome.SKIPPED, detail);
    }

    public static Applied failed(String detail) {
        return new Applied(Outcome.FAILED, detail);
    }
}
