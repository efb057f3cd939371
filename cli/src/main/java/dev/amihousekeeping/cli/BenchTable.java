package dev.amihousekeeping.cli;

import dev.amihousekeeping.run.HousekeepingFunction;
import java.io.PrintStream;
import java.util.Locale;

/** The bench for people: one line per phase, then the calls by action, the Lambda jar, the cold start, the goals. */
final class BenchTable {

    private static final double MIB = 1024.0 * 1024;
    /** Issue 9: the expiry plan for 10,000 AMIs in under 10 s. */
    static final long EXPIRY_PLAN_GOAL_MILLIS = 10_000;

    private final BenchResult result;

    BenchTable(BenchResult result) {
        this.result = result;
    }

    void print(PrintStream out) {
        BenchResult.Scale scale = result.scale();
        BenchResult.Machine machine = result.machine();
        out.printf(Locale.ROOT, "bench: %,d AMIs and %,d snapshots (owned and not) over %s, seed %d%n",
                scale.images(), scale.snapshots(), String.join(", ", scale.regions()), scale.seed());
        out.printf(Locale.ROOT, "       %d CPUs, max heap %,.0f MiB, %s; the sandbox runs in a JVM of its own%n%n",
                machine.cpus(), machine.maxHeapBytes() / MIB, machine.java());

        out.printf("%-18s %-8s %8s %8s %6s %-5s %8s %9s %8s %6s  %s%n", "FUNCTION", "PHASE", "CALLS", "BOUND",
                "RATIO", "GOAL", "WALL ms", "HEAP MiB", "ACTIONS", "DONE", "NOTE");
        for (PhaseResult p : result.phases()) {
            out.printf(Locale.ROOT, "%-18s %-8s %,8d %,8d %6.2f %-5s %,8d %,9.0f %,8d %,6d  %s%n", p.function(),
                    p.phase(), p.totalCalls(), p.totalBound(), p.ratio(), p.withinGoal() ? "ok" : "over",
                    p.wallMillis(), p.peakHeapBytes() / MIB, p.actions(), p.done(),
                    p.note() == null ? "" : p.note());
        }

        out.printf("%nEC2 calls by action (bound: pages of 1,000 per region, one call per applied action, "
                + "10 AMIs per reference check, one per resource where EC2 has no batch form)%n");
        out.printf("%-18s %-8s %-34s %8s %8s%n", "FUNCTION", "PHASE", "ACTION", "CALLS", "BOUND");
        for (PhaseResult p : result.phases()) {
            for (String action : p.actionNames()) {
                out.printf(Locale.ROOT, "%-18s %-8s %-34s %,8d %,8d%n", p.function(), p.phase(), action,
                        p.calls().getOrDefault(action, 0L), p.bound().getOrDefault(action, 0L));
            }
        }

        BenchResult.LambdaJar jar = result.lambdaJar();
        out.println();
        if (jar.bytes() != null) {
            out.printf(Locale.ROOT, "Lambda jar: %.1f MB (%,d bytes) %s%n", jar.bytes() / 1e6, jar.bytes(), jar.path());
        } else {
            out.printf("Lambda jar: %s%n", jar.problem());
        }
        printColdStart(out);
        printGoals(out);
    }

    private void printColdStart(PrintStream out) {
        if (result.coldStart().isEmpty()) {
            out.println("Cold start: not measured" + (result.coldStartHandler() == null ? ""
                    : " (" + result.coldStartHandler() + ")"));
            return;
        }
        out.printf("Cold start of %s, one schedule event against the sandbox, ms from process start (median):%n",
                result.coldStartHandler());
        for (ColdStart.Result r : result.coldStart()) {
            if (r.problem() != null) {
                String problem = r.problem().length() <= 300 ? r.problem() : r.problem().substring(0, 300) + "...";
                out.printf("  %-26s failed: %s%n", r.variant(), problem);
            } else {
                out.printf(Locale.ROOT, "  %-26s init %,6d  first report %,6d  invoke %,6d  (%d runs)%n", r.variant(),
                        r.initMillis(), r.firstReportMillis(), r.invokeMillis(), r.runs());
            }
        }
    }

    private void printGoals(PrintStream out) {
        long within = result.phases().stream().filter(PhaseResult::withinGoal).count();
        out.printf("%nGoals: calls <= %.1f x bound in %d of %d phases", PhaseResult.GOAL_RATIO, within,
                result.phases().size());
        result.phases().stream()
                .filter(p -> p.function().equals(HousekeepingFunction.EXPIRY.functionName()) && p.phase().equals("dry-run"))
                .findFirst()
                .ifPresent(p -> out.printf(Locale.ROOT, "; expiry plan of %,d AMIs in %.1f s (goal < %d s): %s",
                        result.scale().images(), p.wallMillis() / 1000.0, EXPIRY_PLAN_GOAL_MILLIS / 1000,
                        p.wallMillis() < EXPIRY_PLAN_GOAL_MILLIS ? "ok" : "missed"));
        out.println();
    }
}
