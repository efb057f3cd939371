package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.core.port.Precondition;
import dev.amihousekeeping.ec2.Ec2Gateway;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One function's parts of the per-target run (DESIGN §2); {@link TargetRun} does the rest, the same for every
 * function: targets read in parallel, a failing one its own error, plans merged, the gates, the executor. One
 * instance serves one run; {@code R} is what the function read for one target.
 *
 * @param read      what the function reads for a target, through that target's gateway. Runs in parallel with the
 *                  other targets; what it throws is that target's error ({@code failed}) and the others go on
 * @param plan      the policy's plan from one target's read, with the errors that left the target partly read;
 *                  called once every target has been read, one target after another in the targets' order
 * @param gates     the re-check (invariant 6) and the applier of the actions planned from one target's read
 * @param failed    the target's error for what its read or plan threw ({@link PerTarget#error} unless told)
 * @param runErrors errors of the run rather than of one target, reported after every target's: a region read for
 *                  several targets (a copy destination), a named resource no target had. Asked once all are planned
 */
record TargetWork<R>(BiFunction<Target, Ec2Gateway, R> read, Function<R, TargetPlan> plan,
                     BiFunction<R, Ec2Gateway, Gates> gates, BiFunction<Target, Exception, RegionError> failed,
                     Supplier<List<RegionError>> runErrors) {

    TargetWork {
        Objects.requireNonNull(read, "read");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(gates, "gates");
        Objects.requireNonNull(failed, "failed");
        Objects.requireNonNull(runErrors, "runErrors");
    }

    /** A work from its three parts, with the default errors. */
    static <R> TargetWork<R> of(BiFunction<Target, Ec2Gateway, R> read, Function<R, TargetPlan> plan,
                                BiFunction<R, Ec2Gateway, Gates> gates) {
        return new TargetWork<>(read, plan, gates, PerTarget::error, List::of);
    }

    /** This work, with a target's error for what its read or plan threw made by {@code error}. */
    TargetWork<R> failedAs(BiFunction<Target, Exception, RegionError> error) {
        return new TargetWork<>(read, plan, gates, error, runErrors);
    }

    /** This work, with the run's own errors from {@code errors}. */
    TargetWork<R> withRunErrors(Supplier<List<RegionError>> errors) {
        return new TargetWork<>(read, plan, gates, failed, errors);
    }

    /** One target's plan and the errors that left it partly read. */
    record TargetPlan(Plan plan, List<RegionError> errors) {

        TargetPlan {
            Objects.requireNonNull(plan, "plan");
            errors = List.copyOf(errors);
        }

        TargetPlan(Plan plan) {
            this(plan, List.of());
        }
    }

    /** What each of a target's actions goes through just before it is applied, and what applies it. */
    record Gates(Precondition recheck, ActionApplier applier) {

        Gates {
            Objects.requireNonNull(recheck, "recheck");
            Objects.requireNonNull(applier, "applier");
        }
    }
}
