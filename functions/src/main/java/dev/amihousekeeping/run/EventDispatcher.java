package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.events.HousekeepingEvent;
import dev.amihousekeeping.events.Ignored;
import dev.amihousekeeping.events.Invalid;
import dev.amihousekeeping.events.ScheduledRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Routes a parsed event to the function that handles it, as the deployed rules do: to the function whose
 * {@link HousekeepingFunction#eventKinds} take it (attribute changes to {@code public-share}, new and newly
 * available AMIs to {@code cross-region-copy}), a schedule to the function its rule is named after. The one place
 * events are routed, for the CLI's {@code handle} ({@link #dispatch}) and the Lambda handlers ({@link #dispatchTo}).
 * Malformed and ignored events never reach a function (invariant 8): they become a report that says why and
 * changes nothing.
 */
public final class EventDispatcher {

    /** Error code of a report for an event that could not be read. */
    public static final String INVALID_EVENT = "InvalidEvent";

    private final Map<String, FunctionRun> functions;

    public EventDispatcher(List<FunctionRun> functions) {
        this.functions = functions.stream().collect(Collectors.toMap(FunctionRun::name, Function.identity(),
                (a, b) -> {
                    throw new IllegalArgumentException("function " + a.name() + " given twice");
                }, LinkedHashMap::new));
    }

    /** Every registered function on {@code housekeeping}. */
    public static EventDispatcher of(Housekeeping housekeeping) {
        return new EventDispatcher(HousekeepingFunction.createAll(housekeeping));
    }

    /** The function a CLI {@code handle} (or a misrouted event) should go to; empty when none handles it. */
    public Optional<FunctionRun> route(HousekeepingEvent event) {
        if (event instanceof ScheduledRun s) {
            // Every function takes a schedule: the rule's name says whose it is.
            return Optional.ofNullable(scheduledFunction(s.ruleArn())).map(functions::get);
        }
        return functions.values().stream().filter(function -> takes(function, event)).findFirst();
    }

    /** Parses nothing itself: {@code event} comes from {@code EventParser}. */
    public Report dispatch(HousekeepingEvent event, RunRequest request) {
        if (event instanceof Invalid || event instanceof Ignored) {
            return unhandled("event", event, request);
        }
        Optional<FunctionRun> target = route(event);
        if (target.isEmpty()) {
            return ignored("event", request, event instanceof ScheduledRun s
                    ? "schedule " + s.ruleArn() + " names no function (" + String.join(", ", functions.keySet()) + ")"
                    : "no function handles " + event.getClass().getSimpleName());
        }
        return dispatchTo(target.get(), event, request);
    }

    /**
     * Sends {@code event} to {@code function}: a schedule to its run, another event it takes to the method its
     * route names; an event it does not take, or a malformed or ignored one, is reported (the Lambda handlers' path).
     */
    public static Report dispatchTo(FunctionRun function, HousekeepingEvent event, RunRequest request) {
        if (event instanceof Invalid || event instanceof Ignored) {
            return unhandled(function.name(), event, request);
        }
        if (!takes(function, event)) {
            return ignored(function.name(), request, "event " + event.getClass().getSimpleName()
                    + " is not one " + function.name() + " handles");
        }
        if (event instanceof ScheduledRun) {
            return function.run(request);
        }
        return function.routes().stream().filter(route -> route.takes(event)).findFirst()
                .orElseThrow(() -> new IllegalStateException(function.name() + " takes "
                        + event.getClass().getSimpleName() + " but has no route for it"))
                .handle(event, request);
    }

    private static boolean takes(FunctionRun function, HousekeepingEvent event) {
        return HousekeepingFunction.named(function.name()).filter(registered -> registered.takes(event)).isPresent();
    }

    private static Report unhandled(String function, HousekeepingEvent event, RunRequest request) {
        if (event instanceof Invalid invalid) {
            return Report.failed(function, request.dryRun(), request.now(), request.regions(),
                    new RegionError(null, INVALID_EVENT, invalid.reason()));
        }
        return ignored(function, request, ((Ignored) event).reason());
    }

    /** A report for an event a function deliberately skips: nothing changed, and a kept entry says why. */
    public static Report ignored(String function, RunRequest request, String reason) {
        return new Report(function, request.dryRun(), request.now(), request.regions(), List.of(),
                List.of(new Kept(request.regions().get(0), ResourceType.EVENT, "event", "ignored: " + reason)),
                List.of(), 0);
    }

    /**
     * The function a schedule belongs to, from its rule or schedule name. CDK names rules after their construct
     * ({@code AmiHousekeeper-OrphanSnapshotsSchedule8E4A2F61-...}), people use dashes ({@code orphan-snapshots-nightly}):
     * both are compared with case and punctuation removed; the longest function name found wins.
     */
    String scheduledFunction(String ruleArn) {
        if (ruleArn == null) {
            return null;
        }
        String rule = lettersAndDigits(ruleArn.substring(ruleArn.lastIndexOf(':') + 1));
        return functions.keySet().stream()
                .filter(name -> rule.contains(lettersAndDigits(name)))
                .max((a, b) -> Integer.compare(a.length(), b.length()))
                .orElse(null);
    }

    private static String lettersAndDigits(String s) {
        return s.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }
}
