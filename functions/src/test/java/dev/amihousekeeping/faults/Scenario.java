package dev.amihousekeeping.faults;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.run.HousekeepingFunction;
import dev.amihousekeeping.run.RunLog;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/** Scheduled functions run one after another on one sandbox: one function, or all of them as a night would. */
record Scenario(List<HousekeepingFunction> functions) {

    static Scenario of(HousekeepingFunction... functions) {
        return new Scenario(List.of(functions));
    }

    /** All four functions, as one night runs them. */
    static Scenario night() {
        return new Scenario(List.of(HousekeepingFunction.values()));
    }

    /** Each function alone, then all of them in one night. */
    static Stream<Scenario> eachFunctionAndAll() {
        return Stream.concat(Arrays.stream(HousekeepingFunction.values()).map(Scenario::of), Stream.of(night()));
    }

    List<Report> runOn(SandboxHarness sandbox, int maxAttempts) {
        return runOn(sandbox, maxAttempts, RunLog.silent());
    }

    /** Runs each function in turn, every one logging to {@code log}; an exception from the log ends the night. */
    List<Report> runOn(SandboxHarness sandbox, int maxAttempts, RunLog log) {
        return each(function -> FaultFixture.run(sandbox, function, maxAttempts, log));
    }

    /**
     * As {@link #runOn(SandboxHarness, int)}, each action applied only after the one before is over: a seeded fault
     * stream then meets the calls in one order, and the same calls fail on every run.
     */
    List<Report> runOneAtATime(SandboxHarness sandbox, int maxAttempts) {
        return each(function -> FaultFixture.run(sandbox, function, maxAttempts, RunLog.silent(), true));
    }

    /** Runs each function in turn; an exception ends the night. */
    private List<Report> each(Function<HousekeepingFunction, Report> run) {
        List<Report> reports = new ArrayList<>();
        for (HousekeepingFunction function : functions) {
            reports.add(run.apply(function));
        }
        return reports;
    }

    /** {@code region/resource action} of every action with {@code outcome}, over the scenario's reports. */
    static List<String> actions(List<Report> reports, Outcome outcome) {
        List<String> actions = new ArrayList<>();
        for (Report report : reports) {
            for (ActionResult result : report.actions()) {
                if (result.outcome() == outcome) {
                    actions.add(key(result));
                }
            }
        }
        return actions;
    }

    static String key(ActionResult result) {
        return result.region() + "/" + result.resourceId() + " " + result.action().json();
    }

    @Override
    public String toString() {
        return functions.size() == HousekeepingFunction.values().length ? "all functions"
                : String.join(", ", functions.stream().map(HousekeepingFunction::toString).toList());
    }
}
