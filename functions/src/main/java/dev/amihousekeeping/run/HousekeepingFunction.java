package dev.amihousekeeping.run;

import dev.amihousekeeping.events.AttributeChanged;
import dev.amihousekeeping.events.HousekeepingEvent;
import dev.amihousekeeping.events.ImageCreated;
import dev.amihousekeeping.events.ImageStateChanged;
import dev.amihousekeeping.events.ScheduledRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The four functions (DESIGN §1), listed once: each one's name (as in reports, metrics and the CDK app), its CLI
 * command, its Lambda handler class, the events it takes, and how its run is built on the shared wiring. The
 * Lambda handlers, the dispatcher, the CLI's {@code handle}, {@code demo} and {@code bench}, and the tests all read
 * this list. In the order one night runs them: expiry first, so that orphan-snapshots sees what it left.
 */
public enum HousekeepingFunction {

    EXPIRY(ExpiryRun.NAME, "expire", "ExpiryHandler", ExpiryRun::new),
    ORPHAN_SNAPSHOTS(OrphanSnapshotsRun.NAME, "orphans", "OrphanSnapshotsHandler", OrphanSnapshotsRun::new),
    PUBLIC_SHARE(PublicShareRun.NAME, "public-share", "PublicShareHandler", PublicShareRun::new,
            AttributeChanged.class),
    CROSS_REGION_COPY(CrossRegionCopyRun.NAME, "copy", "CrossRegionCopyHandler", CrossRegionCopyRun::new,
            ImageCreated.class, ImageStateChanged.class);

    private static final String HANDLER_PACKAGE = "dev.amihousekeeping.handler.";

    private final String functionName;
    private final String command;
    private final String handlerClass;
    private final Function<Housekeeping, FunctionRun> factory;
    private final Set<Class<? extends HousekeepingEvent>> eventKinds;

    @SafeVarargs
    HousekeepingFunction(String functionName, String command, String handler,
                         Function<Housekeeping, FunctionRun> factory, Class<? extends HousekeepingEvent>... events) {
        this.functionName = functionName;
        this.command = command;
        this.handlerClass = HANDLER_PACKAGE + handler;
        this.factory = factory;
        // Every function has a schedule: its sweep, catch-up or nightly run.
        this.eventKinds = Set.copyOf(concat(ScheduledRun.class, events));
    }

    /** {@code expiry}, {@code orphan-snapshots}, ... as in reports, metrics, schedule names and the CDK app. */
    public String functionName() {
        return functionName;
    }

    /** The CLI command that runs it now: {@code expire}, {@code orphans}, {@code public-share}, {@code copy}. */
    public String command() {
        return command;
    }

    /** The Lambda handler class, as the function's CDK construct names it. */
    public String handlerClass() {
        return handlerClass;
    }

    /**
     * The events the function takes: its schedule and those its rules send it. The dispatcher routes an event to
     * the function that takes it; the run has an {@link EventRoute} for each kind but the schedule.
     */
    public Set<Class<? extends HousekeepingEvent>> eventKinds() {
        return eventKinds;
    }

    public boolean takes(HousekeepingEvent event) {
        return eventKinds.stream().anyMatch(kind -> kind.isInstance(event));
    }

    /** The function's run on the shared wiring. */
    public FunctionRun create(Housekeeping housekeeping) {
        return factory.apply(housekeeping);
    }

    /** Every function's run on the same wiring, in the registry's order. */
    public static List<FunctionRun> createAll(Housekeeping housekeeping) {
        return Arrays.stream(values()).map(function -> function.create(housekeeping)).toList();
    }

    /** The function called {@code functionName} ({@code expiry}, ...), if it is one. */
    public static Optional<HousekeepingFunction> named(String functionName) {
        return Arrays.stream(values()).filter(function -> function.functionName.equals(functionName)).findFirst();
    }

    private static List<Class<? extends HousekeepingEvent>> concat(Class<? extends HousekeepingEvent> first,
                                                               Class<? extends HousekeepingEvent>[] rest) {
        List<Class<? extends HousekeepingEvent>> all = new ArrayList<>(List.of(rest));
        all.add(0, first);
        return all;
    }
}
