package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.log.JsonLog;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Where a run's structured log goes: one line per action as it is decided, one summary per run (DESIGN §10), written
 * by the one {@link JsonLog}.
 */
public interface RunLog {

    /**
     * The plan is made and {@code actions} are about to be applied (not called for a dry run or a plan over the
     * cap). Nothing by default: the per-action lines say the rest.
     */
    default void applying(RunRequest run, List<Action> actions) {
    }

    void action(RunRequest run, ActionResult result);

    void run(RunRequest run, Report report, Duration took);

    /** JSON lines on {@code out} (System.err for the CLI, so stdout stays the report). */
    static RunLog jsonLines(PrintStream out, Clock clock) {
        return new JsonLinesRunLog(new JsonLog(out, clock));
    }

    /** Logs nothing: for tests and callers that log the report themselves. */
    static RunLog silent() {
        return new RunLog() {
            @Override
            public void action(RunRequest run, ActionResult result) {
            }

            @Override
            public void run(RunRequest run, Report report, Duration took) {
            }
        };
    }
}
