package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.events.HousekeepingEvent;
import dev.amihousekeeping.events.ScheduledRun;

/**
 * One housekeeping function (DESIGN §1): the same entry point for its Lambda handler, the CLI command and the
 * CLI's {@code handle}. A {@link ScheduledRun} means "the whole run now"; other events are the
 * ones the function reacts to. The dispatcher has already turned malformed and ignored events into reports.
 */
public interface FunctionRun {

    /** The function's name as in reports, metrics and the CDK app: {@code expiry}, {@code orphan-snapshots}, ... */
    String name();

    /** The scheduled (or CLI) run over {@code request.regions()}. */
    Report run(RunRequest request);

    /** Reacts to one parsed event; the default handles only the schedule. */
    default Report handle(HousekeepingEvent event, RunRequest request) {
        if (event instanceof ScheduledRun) {
            return run(request);
        }
        return EventDispatcher.ignored(name(), request, "event " + event.getClass().getSimpleName()
                + " is not one " + name() + " handles");
    }
}
