package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.port.Precondition;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A re-check for tests: lets every action through, writes {@code recheck <id>} to the calls for each, and hands each
 * read-ahead to {@code readAhead}.
 */
final class RecordingRecheck implements Precondition {

    private final List<String> calls;
    private final Consumer<List<Action>> readAhead;

    RecordingRecheck(List<String> calls, Consumer<List<Action>> readAhead) {
        this.calls = calls;
        this.readAhead = readAhead;
    }

    @Override
    public Optional<String> skipReason(Action action) {
        calls.add("recheck " + action.resourceId());
        return Optional.empty();
    }

    @Override
    public void prepare(List<Action> upcoming) {
        readAhead.accept(upcoming);
    }
}
