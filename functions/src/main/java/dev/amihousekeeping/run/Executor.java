package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.core.port.CodedFailure;
import dev.amihousekeeping.core.port.Precondition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Applies a {@link Plan} within the safety gates and says what happened to each action (DESIGN §2, §6):
 * <ol>
 *   <li>over the cap: a plan with more actions than {@code maxActionsPerRun} applies nothing, every action is
 *       {@code skipped} and the report carries a {@code MaxActionsExceeded} error (invariant 5). The cap is
 *       checked in dry-run too, so that a dry run shows what an apply would do;</li>
 *   <li>dry-run: every action is {@code planned}; neither the re-check nor the applier is called (invariant 1);</li>
 *   <li>otherwise each action is re-checked just before it is applied (invariant 6) and a failure is that
 *       action's {@code failed} outcome, never the end of the run (invariant 10). The re-check reads ahead in
 *       windows of at most {@value #RECHECK_WINDOW} actions ({@link Precondition#prepare}) and a window's reads
 *       serve for at most {@link #RECHECK_MAX_AGE}; after that the rest is read again. A window that cannot be
 *       read ahead leaves each action to read on its own. With a deadline ({@link RunRequest#deadline}), no action
 *       starts that could not finish before it: it is {@code deferred} (invariant 15).</li>
 * </ol>
 * Actions are applied a few at a time ({@link PacedApply}): a run is paced by EC2's request rate, not by one call's
 * latency, and the SDK's retries absorb the throttling. Actions that touch the same resource keep the plan's order
 * ({@link ActionOrder}); the report lists every action in plan order.
 */
public final class Executor {

    /** Error code of the report entry that says the cap held the whole plan back. */
    public static final String MAX_ACTIONS_EXCEEDED = "MaxActionsExceeded";
    /**
     * Actions a re-check reads ahead for at once: 100 ids fit one DescribeImages or DescribeSnapshots filter
     * (EC2 caps a request's filter values at 200) and ten DescribeImageReferences calls.
     */
    public static final int RECHECK_WINDOW = 100;
    /**
     * How long a read-ahead stays fresh enough to act on. The plan's inventory can be minutes old, which is what
     * the re-check guards against; a few seconds is as fresh as the single read it replaces is in a throttled
     * account, where one call alone can take that long.
     */
    public static final Duration RECHECK_MAX_AGE = Duration.ofSeconds(5);

    private final RunLog log;
    private final Clock clock;
    private final int inFlight;

    /** An executor that applies one action at a time: each is over, and logged, before the next is re-checked. */
    public Executor(RunLog log, Clock clock) {
        this(log, clock, 1);
    }

    /** The executor of the deployed functions and the CLI: up to {@value PacedApply#IN_FLIGHT} actions at once. */
    public static Executor paced(RunLog log, Clock clock) {
        return new Executor(log, clock, PacedApply.IN_FLIGHT);
    }

    /**
     * An executor that applies up to {@code inFlight} actions at once; 1 applies each one only after the one before
     * is over, and logs it before the next starts (what a test that acts between two actions needs).
     */
    public Executor(RunLog log, Clock clock, int inFlight) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("inFlight must be >= 1, got " + inFlight);
        }
        this.log = log;
        this.clock = clock;
        this.inFlight = inFlight;
    }

    /**
     * Runs {@code plan} and returns the report. {@code readErrors} are the failures met before planning (a region
     * whose inventory could not be read) and are carried into the report unchanged.
     */
    public Report execute(RunRequest run, Plan plan, List<RegionError> readErrors, Precondition precondition,
                          ActionApplier applier) {
        return execute(run, plan, readErrors, precondition, applier, action -> null, List.of());
    }

    /**
     * As above, for a run over {@code accounts}: each action's result carries the account {@code accountOf} names
     * for it (the target that planned it).
     */
    public Report execute(RunRequest run, Plan plan, List<RegionError> readErrors, Precondition precondition,
                          ActionApplier applier, Function<Action, String> accountOf, List<String> accounts) {
        Instant began = clock.instant();
        List<Action> actions = plan.actions();
        List<RegionError> errors = new ArrayList<>(readErrors);
        List<ActionResult> results = new ArrayList<>(actions.size());
        double savedGiB = 0;

        if (actions.size() > run.maxActionsPerRun()) {
            String detail = "over maxActionsPerRun (" + actions.size() + " > " + run.maxActionsPerRun() + ")";
            for (Action action : actions) {
                results.add(record(run, result(action, Outcome.SKIPPED, detail).inAccount(accountOf.apply(action))));
            }
            errors.add(new RegionError(null, MAX_ACTIONS_EXCEEDED, "the plan has " + actions.size()
                    + " actions, more than maxActionsPerRun " + run.maxActionsPerRun() + ": nothing was applied"));
        } else if (run.dryRun()) {
            for (Action action : actions) {
                savedGiB += action.freedGiB();
                results.add(record(run, result(action, Outcome.PLANNED, null).inAccount(accountOf.apply(action))));
            }
        } else {
            log.applying(run, actions);
            List<ActionResult> applied = new PacedApply(actions, inFlight,
                    action -> accountOf.apply(action) + "/" + action.region(), precondition, applier, clock,
                    run.deadline(), (action, result) -> record(run, result.inAccount(accountOf.apply(action)))).apply();
            for (int i = 0; i < actions.size(); i++) {
                Action action = actions.get(i);
                if (applied.get(i).outcome() == Outcome.DONE) {
                    savedGiB += action.freedGiB();
                }
                results.add(applied.get(i).inAccount(accountOf.apply(action)));
            }
        }

        double savings = Math.round(savedGiB * Report.SNAPSHOT_USD_PER_GIB_MONTH * 100) / 100.0;
        Report report = new Report(run.function(), run.dryRun(), run.startedAt(), run.regions(), results,
                plan.kept(), errors, savings, run.runId(), accounts);
        log.run(run, report, Duration.between(began, clock.instant()));
        return report;
    }

    /** The report entry, its detail led by what the action puts first ({@link Action#detailLead}), if anything. */
    static ActionResult result(Action action, Outcome outcome, String detail) {
        String lead = action.detailLead();
        String led = lead == null || lead.isEmpty() ? detail : detail == null ? lead : lead + "; " + detail;
        return ActionResult.of(action, outcome, led);
    }

    /** {@code <ErrorCode>: message} for a service error, the exception's class name otherwise. */
    static String describe(Exception e) {
        if (e instanceof CodedFailure coded) {
            return coded.errorCode() + ": " + coded.errorMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private ActionResult record(RunRequest run, ActionResult result) {
        log.action(run, result);
        return result;
    }
}
