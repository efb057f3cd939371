package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.core.port.Precondition;
import dev.amihousekeeping.ec2.Ec2Gateway;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The run of every function, per target (DESIGN §2): read each target and plan from it, merge the plans, and apply
 * the merged plan within the gates. A function supplies only its {@link TargetWork}.
 * <ol>
 *   <li>each target is read through its own gateway ({@link Housekeeping#gatewayFor}), in parallel
 *       ({@link PerTarget}); a target whose read throws is that target's error and the others go on;</li>
 *   <li>each target read is planned, in the targets' order; the plans, and the errors met, are concatenated in
 *       that order, then the run's own errors ({@link TargetWork#runErrors});</li>
 *   <li>the {@link Executor} applies the merged plan: dry-run (invariant 1) and {@code maxActionsPerRun} counted
 *       over the whole run (invariant 5) hold for all targets at once; each action goes through its own target's
 *       re-check (invariant 6) and applier, and a failure is that action's (invariant 10).</li>
 * </ol>
 * A run over many targets can also be one target per invocation (a Step Functions map item each): each one is this
 * run over one target, and {@link Report#merge} joins their reports.
 */
final class TargetRun {

    private TargetRun() {
    }

    /** The report, and what was read for each target that could be read, in the targets' order. */
    record Result<R>(Report report, List<R> reads) {

        Result {
            Objects.requireNonNull(report, "report");
            reads = List.copyOf(reads);
        }
    }

    /** {@code request} as the run of {@code function}, over its targets, with {@code work}'s parts. */
    static <R> Result<R> run(Housekeeping housekeeping, RunRequest request, String function, TargetWork<R> work) {
        RunRequest run = request.forFunction(function);
        List<Read<R>> reads = PerTarget.map(run.targets(), target -> {
            Ec2Gateway gateway = housekeeping.gatewayFor(target, run.runId());
            return new Read<>(target, gateway, work.read().apply(target, gateway), null);
        }, (target, e) -> new Read<>(target, null, null, work.failed().apply(target, e)));

        Plan plan = Plan.empty();
        List<RegionError> errors = new ArrayList<>();
        Routes routes = new Routes();
        List<R> read = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        for (Read<R> target : reads) {
            String account = target.account(housekeeping);
            if (account != null && !accounts.contains(account)) {
                accounts.add(account);
            }
            if (target.error() != null) {
                errors.add(target.error().inAccount(account));
                continue;
            }
            read.add(target.value());
            TargetWork.TargetPlan planned;
            try {
                planned = work.plan().apply(target.value());
            } catch (RuntimeException e) {
                errors.add(work.failed().apply(target.target(), e).inAccount(account));
                continue;
            }
            plan = plan.plus(new Plan(planned.plan().actions(),
                    planned.plan().kept().stream().map(kept -> kept.inAccount(account)).toList()));
            planned.errors().forEach(error -> errors.add(error.inAccount(account)));
            if (!planned.plan().actions().isEmpty()) {
                routes.add(planned.plan().actions(), work.gates().apply(target.value(), target.gateway()), account);
            }
        }
        errors.addAll(work.runErrors().get());
        plan = plan.plus(new Plan(List.of(), run.notCovered()));
        Report report = housekeeping.executor().execute(run, plan, errors, routes.recheck(), routes.applier(),
                routes::account, accounts);
        return new Result<>(report, read);
    }

    /** One target as read: its gateway and what the work read, or the target's error. */
    private record Read<R>(Target target, Ec2Gateway gateway, R value, RegionError error) {

        /** The target's account: as named, else the own account's id if the run has learned it (no call). */
        String account(Housekeeping housekeeping) {
            if (target.account() != null) {
                return target.account();
            }
            Ec2Gateway own = gateway != null ? gateway : housekeeping.gateway();
            return own == null ? null : own.knownAccountId();
        }
    }

    /**
     * Sends each action to the gates of the target that planned it. Actions are told apart by identity: two
     * targets may plan equal actions (the same region in two accounts), and the merged plan holds the planned
     * instances themselves.
     */
    private static final class Routes {

        private final List<TargetWork.Gates> gates = new ArrayList<>();
        private final List<String> accounts = new ArrayList<>();
        private final Map<Action, Integer> targetOf = new IdentityHashMap<>();

        void add(List<Action> actions, TargetWork.Gates targetGates, String account) {
            gates.add(targetGates);
            accounts.add(account);
            actions.forEach(action -> targetOf.put(action, gates.size() - 1));
        }

        /** The account of the target that planned {@code action}, null when the run did not learn it. */
        String account(Action action) {
            Integer index = targetOf.get(action);
            return index == null ? null : accounts.get(index);
        }

        private TargetWork.Gates of(Action action) {
            Integer index = targetOf.get(action);
            if (index == null) {
                throw new IllegalStateException("no target planned " + action.type() + " " + action.resourceId());
            }
            return gates.get(index);
        }

        Precondition recheck() {
            return new Precondition() {
                @Override
                public Optional<String> skipReason(Action action) throws Exception {
                    return of(action).recheck().skipReason(action);
                }

                /**
                 * Each target reads ahead for its own actions of the window, in the targets' order. A target whose
                 * read-ahead fails leaves its actions to read on their own; the other targets still read ahead.
                 */
                @Override
                public void prepare(List<Action> upcoming) throws Exception {
                    Map<Integer, List<Action>> byTarget = new TreeMap<>();
                    upcoming.forEach(action -> byTarget.computeIfAbsent(targetOf.get(action),
                            index -> new ArrayList<>()).add(action));
                    Exception first = null;
                    for (Map.Entry<Integer, List<Action>> window : byTarget.entrySet()) {
                        try {
                            gates.get(window.getKey()).recheck().prepare(window.getValue());
                        } catch (Exception e) {
                            first = first == null ? e : first;
                        }
                    }
                    if (first != null) {
                        throw first;
                    }
                }
            };
        }

        ActionApplier applier() {
            return action -> of(action).applier().apply(action);
        }
    }
}
