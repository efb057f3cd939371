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
 * One function's parts of the per-target run (DESIGN §2): what it reads for a target, how its policy plans from
 * that, and the re-check and applier its actions go through. {@link TargetRun} does the rest, the same for every
 * function: targets read in parallel, a failing one its own error, plans merged, the gates, the executor. One
 * instance serves one run; {@code R} is what the function read for one target.
 */
interface TargetWork<R> {

    /**
     * What the function reads for {@code target}, through that target's gateway. Runs in parallel with the other
     * targets; what it throws is that target's error ({@link #failed}) and the other targets go on.
     */
    R read(Target target, Ec2Gateway gateway);

    /**
     * The policy's plan from {@code read}, with the errors met reading it that left the target partly read.
     * Called once every target has been read, one target after another in the targets' order.
     */
    TargetPlan plan(R read);

    /** The re-check (invariant 6) and the applier for the actions planned from {@code read}. */
    Gates gates(R read, Ec2Gateway gateway);

    /** The target's error for what its read or plan threw; the service's code when it has one. */
    default RegionError failed(Target target, Exception e) {
        return PerTarget.error(target, e);
    }

    /**
     * Errors of the run rather than of one target, after every target's: a region read for several targets (a
     * copy destination), a named resource that no target had. Asked once the targets are planned.
     */
    default List<RegionError> runErrors() {
        return List.of();
    }

    /** A work from its three parts, with the default errors; {@link Parts#failedAs}, {@link Parts#withRunErrors}. */
    static <R> Parts<R> of(BiFunction<Target, Ec2Gateway, R> read, Function<R, TargetPlan> plan,
                           BiFunction<R, Ec2Gateway, Gates> gates) {
        return new Parts<>(read, plan, gates, PerTarget::error, List::of);
    }

    /** A {@link TargetWork} made of functions: what most functions' parts are. */
    record Parts<R>(BiFunction<Target, Ec2Gateway, R> reader, Function<R, TargetPlan> planner,
                    BiFunction<R, Ec2Gateway, Gates> gater, BiFunction<Target, Exception, RegionError> failure,
                    Supplier<List<RegionError>> runErrorsNow) implements TargetWork<R> {

        @Override
        public R read(Target target, Ec2Gateway gateway) {
            return reader.apply(target, gateway);
        }

        @Override
        public TargetPlan plan(R read) {
            return planner.apply(read);
        }

        @Override
        public Gates gates(R read, Ec2Gateway gateway) {
            return gater.apply(read, gateway);
        }

        @Override
        public RegionError failed(Target target, Exception e) {
            return failure.apply(target, e);
        }

        @Override
        public List<RegionError> runErrors() {
            return runErrorsNow.get();
        }

        /** These parts, with a target's error for what its read or plan threw made by {@code failed}. */
        Parts<R> failedAs(BiFunction<Target, Exception, RegionError> failed) {
            return new Parts<>(reader, planner, gater, failed, runErrorsNow);
        }

        /** These parts, with the run's own errors ({@link TargetWork#runErrors}) from {@code runErrors}. */
        Parts<R> withRunErrors(Supplier<List<RegionError>> runErrors) {
            return new Parts<>(reader, planner, gater, failure, runErrors);
        }
    }

    /** One target's plan and the errors that left it partly read. */
    record TargetPlan(Plan plan, List<RegionError> errors) {

        public TargetPlan {
            Objects.requireNonNull(plan, "plan");
            errors = List.copyOf(errors);
        }

        public TargetPlan(Plan plan) {
            this(plan, List.of());
        }
    }

    /** What each of a target's actions goes through just before it is applied, and what applies it. */
    record Gates(Precondition recheck, ActionApplier applier) {

        public Gates {
            Objects.requireNonNull(recheck, "recheck");
            Objects.requireNonNull(applier, "applier");
        }
    }
}
