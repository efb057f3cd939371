package dev.amihousekeeping.faults;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.run.RunLog;
import dev.amihousekeeping.run.RunRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A run log that lets a test act right after the executor finished an action, before it starts the next: where a
 * concurrent user changes the account, the endpoint goes dark, or the process dies. It keeps every result it was
 * told of, across the runs it is given to.
 */
final class ActionHook implements RunLog {

    /** The process dying mid-apply: a Lambda timeout or an OOM kill, with the actions so far done and no report. */
    static final class ProcessKilled extends RuntimeException {
        ProcessKilled(int after) {
            super("killed after " + after + " actions");
        }
    }

    private final BiConsumer<Integer, ActionResult> afterAction;
    final List<ActionResult> results = new ArrayList<>();

    /** {@code afterAction} gets the number of actions finished so far (1 for the first) and the last result. */
    ActionHook(BiConsumer<Integer, ActionResult> afterAction) {
        this.afterAction = afterAction;
    }

    /** Kills the run right after its {@code count}-th action. */
    static ActionHook killAfter(int count) {
        return new ActionHook((done, result) -> {
            if (done == count) {
                throw new ProcessKilled(done);
            }
        });
    }

    @Override
    public void action(RunRequest run, ActionResult result) {
        results.add(result);
        afterAction.accept(results.size(), result);
    }

    @Override
    public void run(RunRequest run, Report report, Duration took) {
    }
}
