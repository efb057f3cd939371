package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.events.HousekeepingEvent;
import java.util.List;

/**
 * One housekeeping function (DESIGN §1): the same entry point for its Lambda handler, the CLI command and the
 * CLI's {@code handle}. A schedule means "the whole run now" ({@link #run}); the other events a function takes
 * ({@link HousekeepingFunction#eventKinds}) each reach the method its {@link EventRoute} names. The dispatcher has
 * already turned malformed and ignored events into reports.
 */
public interface FunctionRun {

    /** The function's name as in reports, metrics and the CDK app: {@code expiry}, {@code orphan-snapshots}, ... */
    String name();

    /** The scheduled (or CLI) run over {@code request.targets()}. */
    Report run(RunRequest request);

    /** The events besides the schedule this function takes, each with the method that handles it; none by default. */
    default List<EventRoute<?>> routes() {
        return List.of();
    }

    /** One parsed event, routed as the Lambda handler routes it ({@link EventDispatcher#dispatchTo}). */
    default Report handle(HousekeepingEvent event, RunRequest request) {
        return EventDispatcher.dispatchTo(this, event, request);
    }
}
