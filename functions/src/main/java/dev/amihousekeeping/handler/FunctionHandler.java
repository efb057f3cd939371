package dev.amihousekeeping.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.amihousekeeping.config.AccountsConfig;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.port.CodedFailure;
import dev.amihousekeeping.events.EventParser;
import dev.amihousekeeping.events.HousekeepingEvent;
import dev.amihousekeeping.events.Ignored;
import dev.amihousekeeping.events.Invalid;
import dev.amihousekeeping.events.ListTargets;
import dev.amihousekeeping.events.MergeResults;
import dev.amihousekeeping.events.ScheduledRun;
import dev.amihousekeeping.events.TargetItem;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.log.JsonLog;
import dev.amihousekeeping.run.AccountTargets;
import dev.amihousekeeping.run.EventDispatcher;
import dev.amihousekeeping.run.FunctionRun;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.MapResults;
import dev.amihousekeeping.run.HousekeepingFunction;
import dev.amihousekeeping.run.Notifier;
import dev.amihousekeeping.run.RunNotice;
import dev.amihousekeeping.run.RunRequest;
import dev.amihousekeeping.run.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The shared body of the four Lambda handlers: read the raw EventBridge JSON, parse it (never throwing on bad
 * input), run the function, publish metrics, send the run's notice ({@link RunNotice}), return the {@link Report}
 * as JSON. The policy's {@code dryRun} is the deployed switch. A bad policy or a malformed event is reported and
 * dropped (a retry cannot mend it); a run of an event-driven function that failed on something a retry could mend
 * throws after reporting, so that Lambda's asynchronous retries and then the DLQ keep the event (DESIGN §6,
 * invariants 8 and 11).
 */
public abstract class FunctionHandler implements RequestStreamHandler {

    /** Error code of a report when the deployed policy does not validate. */
    public static final String INVALID_CONFIG = "InvalidConfig";

    private final Dependencies dependencies;
    private final FunctionRun function;
    private final EmbeddedMetrics metrics;
    private final JsonLog log;
    // Held here because the CRaC context holds its resources weakly.
    private final SnapStartPriming priming;

    /** The handler of {@code function}, built on the execution environment's wiring. */
    protected FunctionHandler(Dependencies dependencies, HousekeepingFunction function) {
        this(dependencies, function::create);
    }

    /** A stand-in for the function's run, for tests: it must be named as a registered function. */
    FunctionHandler(Dependencies dependencies, Function<Housekeeping, FunctionRun> function) {
        this.dependencies = dependencies;
        this.function = function.apply(dependencies.housekeeping());
        this.metrics = new EmbeddedMetrics(System.out, dependencies.housekeeping().clock());
        this.log = JsonLog.standardOut(dependencies.housekeeping().clock());
        this.priming = SnapStartPriming.register(dependencies);
    }

    /** The SnapStart priming hook registered for this handler. */
    SnapStartPriming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Outcome outcome = handle(input.readAllBytes(), context == null ? null : context.getAwsRequestId(),
                deadline(context));
        if (outcome.targets() != null) {
            output.write(ReportJson.writeValue(outcome.targets()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        Report report = outcome.report();
        if (outcome.form() != Form.MERGED) {
            metrics.publish(report); // a merged report's actions were counted by the items that made them
        }
        if (outcome.form() != Form.MAP_ITEM) {
            sendNotice(outcome); // an organization run notifies once, from its merge step
        }
        output.write(ReportJson.write(report).getBytes(StandardCharsets.UTF_8));
        if (outcome.eventDriven() && report.hasFailures() && retryable(report)) {
            throw new RunFailedException(function.name() + ": " + report.count(dev.amihousekeeping.core.Outcome.FAILED)
                    + " actions failed, " + report.errors().size() + " errors; the event is kept for a retry");
        }
    }

    /**
     * The run's summary on the topic when it is news ({@link RunNotice}). Sent before a retryable failure throws, so
     * that it goes out even while Lambda retries the event. A notice that cannot be built or sent is logged and the
     * run goes on: the report (returned, logged, counted in metrics) is the record, the notice a courtesy on top.
     */
    private void sendNotice(Outcome outcome) {
        try {
            Notifier notifier = dependencies.housekeeping().notifier();
            RunNotice.of(outcome.report(), outcome.eventDriven())
                    .ifPresent(notice -> notifier.notify(notice.subject(), notice.body()));
        } catch (RuntimeException e) {
            log.warn("notification not sent")
                    .with("function", function.name())
                    .with("error", e.getClass().getSimpleName())
                    .write();
        }
    }

    /**
     * A run's report, and whether its trigger was an event (retried by Lambda) rather than a schedule; or, for
     * {@code {"listTargets": true}}, the targets instead of a report. {@code form} tells an organization run's parts
     * apart: a map item's report is one part of it, the merged one the whole.
     */
    record Outcome(Report report, boolean eventDriven, TargetList targets, Form form) {

        Outcome(Report report, boolean eventDriven) {
            this(report, eventDriven, null, Form.RUN);
        }
    }

    /**
     * When the invocation must be over: Lambda's remaining time from now (invariant 15: no action starts that could
     * not finish before it). Null without a context (a local invocation): no deadline.
     */
    private Instant deadline(Context context) {
        return context == null ? null
                : dependencies.housekeeping().clock().instant().plusMillis(context.getRemainingTimeInMillis());
    }


    /** What a report is of: a whole run, one map item of an organization run, or that run's merged items. */
    enum Form { RUN, MAP_ITEM, MERGED }

    /** Parses and runs one event, with no deadline; what tests call. */
    Outcome handle(byte[] event, String requestId) {
        return handle(event, requestId, null);
    }

    /** Parses and runs one event, to be over by {@code deadline} (null: none). */
    Outcome handle(byte[] event, String requestId, Instant deadline) {
        var now = dependencies.housekeeping().clock().instant();
        if (dependencies.configError() != null || dependencies.regions().isEmpty()) {
            String why = dependencies.configError() != null
                    ? dependencies.configError()
                    : "no region: the policy names none and AWS_REGION is not set";
            boolean dryRun = dependencies.config() == null || dependencies.config().dryRun();
            return new Outcome(Report.failed(function.name(), dryRun, now, dependencies.regions(),
                    new RegionError(null, INVALID_CONFIG, why)), false);
        }
        HousekeepingEvent parsed = EventParser.parse(event);
        RunRequest request = new RunRequest(dependencies.config(), dependencies.regions(),
                dependencies.config().dryRun(), now, requestId).withDeadline(deadline);
        logUnhandled(parsed, request);
        if (parsed instanceof ListTargets) {
            return new Outcome(null, false, listTargets(), Form.RUN);
        }
        if (parsed instanceof TargetItem item) {
            return new Outcome(runItem(item, request), false, null, Form.MAP_ITEM);
        }
        if (parsed instanceof MergeResults merge) {
            return new Outcome(mergeResults(merge, request), false, null, Form.MERGED);
        }
        if (parsed instanceof ScheduledRun && dependencies.config().accounts() != null) {
            try {
                request = AccountTargets.over(request, dependencies.config().accounts(), dependencies.housekeeping());
            } catch (RuntimeException e) {
                return new Outcome(notStarted(request, e), false);
            }
        }
        return new Outcome(EventDispatcher.dispatchTo(function, parsed, request), !(parsed instanceof ScheduledRun));
    }

    /**
     * The targets of the policy for the organization deployment's map. Without {@code accounts}, the own
     * account's regions. A listing that cannot be made (the own account or the organization unreadable) throws
     * after logging: the execution then fails where people look, rather than return an empty list that reads as
     * a quiet night.
     */
    private TargetList listTargets() {
        List<String> regions = dependencies.regions();
        Housekeeping housekeeping = dependencies.housekeeping();
        try {
            String own = housekeeping.gateway().callerAccountId(regions.get(0));
            AccountsConfig accounts = dependencies.config().accounts();
            return TargetList.of(accounts == null
                    ? AccountTargets.plan(AccountsConfig.ids(List.of(own), AccountsConfig.DEFAULT_ROLE_NAME), regions,
                            own, List::of)
                    : AccountTargets.resolve(accounts, regions, housekeeping));
        } catch (RuntimeException e) {
            log.entry(JsonLog.Level.ERROR, "targets not listed")
                    .with("function", function.name())
                    .with("error", errorCode(e))
                    .write();
            throw new RunFailedException(function.name() + ": targets not listed: " + e.getMessage());
        }
    }

    /**
     * One map item: a scheduled run over that target alone. An item outside the policy (an excluded account, an
     * account not in its ids, a region it does not name) is a bad event: reported, nothing run (invariant 8).
     */
    private Report runItem(TargetItem item, RunRequest request) {
        if (!dependencies.regions().contains(item.region())) {
            return Report.failed(function.name(), request.dryRun(), request.now(), List.of(item.region()),
                    new RegionError(item.region(), EventDispatcher.INVALID_EVENT, "region " + item.region()
                            + " is not one of the policy's regions", item.account()));
        }
        Target target;
        try {
            String own = dependencies.housekeeping().gateway().callerAccountId(item.region());
            target = AccountTargets.item(item.account(), item.region(), own, dependencies.config().accounts());
        } catch (IllegalArgumentException e) {
            return Report.failed(function.name(), request.dryRun(), request.now(), List.of(item.region()),
                    new RegionError(item.region(), EventDispatcher.INVALID_EVENT, e.getMessage(), item.account()));
        } catch (RuntimeException e) {
            return notStarted(request.over(List.of(Target.own(item.region())), List.of()), e)
                    .withRun(request.runId(), List.of(item.account()));
        }
        return EventDispatcher.dispatchTo(function, new ScheduledRun(null, request.now(), item.region(),
                item.account()), request.over(List.of(target), List.of()));
    }

    /**
     * The organization run's one report, from what its map wrote ({@link MapResults}). Results that cannot be read
     * make a report that says so (and notifies): the targets' own reports are still in the bucket.
     */
    private Report mergeResults(MergeResults merge, RunRequest request) {
        try {
            return MapResults.merge(function.name(), request.dryRun(), request.now(),
                    dependencies.housekeeping().gateway().objects(dependencies.homeRegion()), merge.bucket(), merge.key());
        } catch (RuntimeException e) {
            log.entry(JsonLog.Level.ERROR, "results not merged")
                    .with("function", function.name())
                    .with("error", errorCode(e))
                    .write();
            return Report.failed(function.name(), request.dryRun(), request.now(), request.regions(),
                    new RegionError(null, errorCode(e), "results of the map run not merged (" + merge.key() + "): "
                            + e.getMessage()));
        }
    }

    /** The report of a run that could not find its targets: nothing ran, the error says why. */
    private Report notStarted(RunRequest request, RuntimeException e) {
        return Report.failed(function.name(), request.dryRun(), request.now(), request.regions(),
                new RegionError(null, errorCode(e), String.valueOf(e.getMessage()))).withRun(request.runId(), List.of());
    }

    private static String errorCode(RuntimeException e) {
        return e instanceof CodedFailure coded ? coded.errorCode() : e.getClass().getSimpleName();
    }

    /**
     * One log line for an event that is dropped (invariant 8): an asynchronous invocation's return value goes
     * nowhere, so without it an ignored or malformed event would leave no reason behind. The reason only, never
     * the event body.
     */
    private void logUnhandled(HousekeepingEvent parsed, RunRequest request) {
        String reason = parsed instanceof Invalid invalid ? invalid.reason()
                : parsed instanceof Ignored ignored ? ignored.reason() : null;
        if (reason == null) {
            return;
        }
        log.entry(parsed instanceof Invalid ? JsonLog.Level.WARN : JsonLog.Level.INFO,
                        parsed instanceof Invalid ? "event invalid" : "event ignored")
                .with("runId", request.runId())
                .with("function", function.name())
                .with("reason", reason)
                .write();
    }

    /**
     * Bad input is not retryable, nor are failures a retry cannot mend (permissions, KMS keys); throttling, 5xx
     * and quota failures are (see {@link RetryableFailures}).
     */
    private static boolean retryable(Report report) {
        return RetryableFailures.any(report);
    }

    /** Thrown after reporting, so that Lambda retries the event and finally sends it to the DLQ. */
    static final class RunFailedException extends RuntimeException {
        RunFailedException(String message) {
            super(message);
        }
    }
}
