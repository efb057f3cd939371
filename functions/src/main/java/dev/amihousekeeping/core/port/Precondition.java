package dev.amihousekeeping.core.port;

import dev.amihousekeeping.core.Action;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The re-check that runs just before an action is applied (invariant 6): the inventory the plan came from can be
 * minutes old. Returns the reason to skip the action, or empty to go ahead. A thrown exception (the re-read
 * failed) fails the action: acting on a resource we could not re-read would be acting on a guess.
 *
 * <p>{@link #prepare} lets a re-check read ahead, in batches, what it will look at for the next few actions: the
 * executor ({@code run.Executor}) calls it just before a short window of actions (at most {@code RECHECK_WINDOW} of them,
 * and never more than {@code RECHECK_MAX_AGE} old when used). One DescribeSnapshots for 100 snapshots
 * costs what one for a single snapshot does; read one by one, the re-checks cost more calls than the actions.
 * A re-check must work without it: an id the read-ahead did not cover (or a read-ahead that failed) is read on
 * its own.
 */
@FunctionalInterface
public interface Precondition {

    Optional<String> skipReason(Action action) throws Exception;

    /** Reads ahead for {@code upcoming}, the next actions in plan order. Nothing by default. */
    default void prepare(List<Action> upcoming) throws Exception {
    }

    /** This check, then {@code next} when this one lets the action through; both read ahead. */
    default Precondition and(Precondition next) {
        Precondition first = this;
        return new Precondition() {
            @Override
            public Optional<String> skipReason(Action action) throws Exception {
                Optional<String> reason = first.skipReason(action);
                return reason.isPresent() ? reason : next.skipReason(action);
            }

            @Override
            public void prepare(List<Action> upcoming) throws Exception {
                first.prepare(upcoming);
                next.prepare(upcoming);
            }
        };
    }

    /** A precondition that only reads ahead with {@code readAhead} and never skips an action. */
    static Precondition readingAhead(Consumer<List<Action>> readAhead) {
        return new Precondition() {
            @Override
            public Optional<String> skipReason(Action action) {
                return Optional.empty();
            }

            @Override
            public void prepare(List<Action> upcoming) {
                readAhead.accept(upcoming);
            }
        };
    }
}
