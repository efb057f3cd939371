package dev.amihousekeeping.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.run.HousekeepingFunction;
import dev.amihousekeeping.run.RunRequest;
import dev.amihousekeeping.run.SweepCursor;
import dev.amihousekeeping.sandbox.Seed;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench --realistic} (issue 18 item 6): the functions with EC2's request limits on
 * ({@value BenchPacing#LIMITS}: 60 ms a call and EC2's token buckets), each run under a deadline as in Lambda, and
 * whether its work fits one invocation ({@link InvocationFit}). Part one, per function: at the bench's scale, each
 * scheduled run dry, then applied, on the account as generated. Part two, growth: in one region at growing sizes
 * (snapshots three times the AMIs), each function's dry run, the plan, with the EC2 calls it made. Every run has
 * full request buckets and new clients ({@link BenchPacing#limited}) and a deadline of the shorter of one invocation
 * and the bench's window, so that a run too long for an invocation is stopped as Lambda's deadline would stop it
 * (the sweep stops reading grants, actions are deferred) and its wall time projected from what it got done.
 */
final class BenchRealistic {

    /** The sizes of the growth part, AMIs in one region. */
    static final String GROWTH = "1000,10000,50000";
    /** Snapshots per AMI in the growth part, the generator's ratio in the bench's default scale. */
    static final int SNAPSHOTS_PER_IMAGE = 3;

    private static final Pattern SWEEP_READ = Pattern.compile("read (\\d+) of (\\d+) grants");

    private final Duration invocation;
    private final Duration window;

    BenchRealistic(Duration invocation, Duration window) {
        if (invocation.isZero() || invocation.isNegative()) {
            throw new BadInputException("--invocation must be > 0");
        }
        if (window.isZero() || window.isNegative()) {
            throw new BadInputException("--window must be > 0");
        }
        this.invocation = invocation;
        this.window = window;
    }

    /** A run's deadline from its start: one invocation, or the window when that is shorter. */
    Duration deadline() {
        return invocation.compareTo(window) <= 0 ? invocation : window;
    }

    /** One function's run under the limits: wall time (measured or projected), whether it fits, what it did. */
    @JsonPropertyOrder({"function", "phase", "region", "images", "snapshots", "measuredMillis", "wallMillis",
            "projected", "fits", "invocations", "calls", "actions", "done", "deferred", "grantsRead", "grantsTotal",
            "errors"})
    record Row(String function, String phase, String region, int images, int snapshots, long measuredMillis,
               Long wallMillis, boolean projected, boolean fits, Long invocations, long calls, int actions, long done,
               long deferred, Long grantsRead, Long grantsTotal, int errors) {
    }

    /** What {@code bench --realistic --json} prints. */
    @JsonPropertyOrder({"limits", "invocationMillis", "windowMillis", "deadlineMillis", "machine", "scale",
            "functions", "growth"})
    record Result(String limits, long invocationMillis, long windowMillis, long deadlineMillis,
                  BenchResult.Machine machine, BenchResult.Scale scale, List<Row> functions, List<Row> growth) {

        Result {
            functions = List.copyOf(functions);
            growth = List.copyOf(growth);
        }

        boolean failed() {
            return functions.stream().anyMatch(r -> r.errors() > 0) || growth.stream().anyMatch(r -> r.errors() > 0);
        }
    }

    /** {@code --growth 1000,10000,50000}: AMIs in one region, each > 0. */
    static List<Integer> growth(List<Integer> sizes) {
        if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n == null || n <= 0)) {
            throw new BadInputException("--growth: AMI counts > 0, e.g. " + GROWTH);
        }
        return List.copyOf(sizes);
    }

    Result measure(BenchScale scale, List<HousekeepingFunction> functions, List<Integer> growth, Path dir)
            throws IOException {
        Config config = ConfigLoader.parse(BenchCommand.policy(scale.regions()));
        Seed account = scale.generate();
        Path seedFile = dir.resolve("seed.json");
        Files.writeString(seedFile, account.toJson());
        Instant now = account.now();
        BenchResult.Scale scaleResult = new BenchResult.Scale(
                account.regions().values().stream().mapToInt(r -> r.images().size()).sum(),
                account.regions().values().stream().mapToInt(r -> r.snapshots().size()).sum(),
                scale.regions(), scale.seed(), scale.generatorSpec());
        account = null; // the sandbox holds it from here on
        List<Row> perFunction = new ArrayList<>();
        List<Row> grown = new ArrayList<>();
        try (SandboxProcess sandbox = SandboxProcess.start(System.getProperty("java.class.path"), seedFile)) {
            for (HousekeepingFunction function : functions) {
                for (boolean apply : List.of(false, true)) {
                    sandbox.load(seedFile);
                    perFunction.add(run(function, config, now, !apply, sandbox, null, scaleResult.images(),
                            scaleResult.snapshots()));
                }
            }
            String region = scale.regions().get(0);
            Config oneRegion = ConfigLoader.parse(BenchCommand.policy(List.of(region)));
            Path growthSeed = dir.resolve("growth-seed.json");
            for (int images : growth) {
                Seed grownAccount = new BenchScale(images, images * SNAPSHOTS_PER_IMAGE, List.of(region), scale.seed())
                        .generate();
                Files.writeString(growthSeed, grownAccount.toJson());
                Instant grownNow = grownAccount.now();
                int imageCount = grownAccount.regions().get(region).images().size();
                int snapshotCount = grownAccount.regions().get(region).snapshots().size();
                grownAccount = null;
                sandbox.load(growthSeed);
                for (HousekeepingFunction function : functions) {
                    grown.add(run(function, oneRegion, grownNow, true, sandbox, region, imageCount, snapshotCount));
                }
            }
        }
        return new Result(BenchPacing.LIMITS, invocation.toMillis(), window.toMillis(), deadline().toMillis(),
                BenchResult.Machine.current(), scaleResult, perFunction, grown);
    }

    /** One scheduled run under the limits, with new clients, full buckets, counted calls and the deadline. */
    private Row run(HousekeepingFunction function, Config config, Instant now, boolean dryRun,
                    SandboxProcess sandbox, String region, int images, int snapshots) {
        return BenchPacing.limited(sandbox, clients -> {
            sandbox.resetCalls();
            long started = System.nanoTime();
            Report report = function.create(BenchCommand.housekeeping(clients)).run(
                    new RunRequest(config, config.regions(), dryRun, now, null)
                            .withDeadline(Instant.now().plus(deadline())));
            long measured = (System.nanoTime() - started) / 1_000_000;
            long calls = sandbox.calls().values().stream().mapToLong(Long::longValue).sum();
            return row(function.functionName(), dryRun ? "dry-run" : "apply", region, images, snapshots, measured,
                    calls, report, invocation.toMillis());
        });
    }

    /** The row of one run's report: the work it got through is the smaller share of grants read and actions begun. */
    static Row row(String function, String phase, String region, int images, int snapshots, long measuredMillis,
                   long calls, Report report, long invocationMillis) {
        long deferred = report.count(Outcome.DEFERRED);
        int actions = report.actions().size();
        Long grantsRead = null;
        Long grantsTotal = null;
        for (Kept kept : report.kept()) {
            Matcher read = SWEEP_READ.matcher(kept.reason());
            if (SweepCursor.RESOURCE_ID.equals(kept.resourceId()) && read.find()) {
                grantsRead = (grantsRead == null ? 0 : grantsRead) + Long.parseLong(read.group(1));
                grantsTotal = (grantsTotal == null ? 0 : grantsTotal) + Long.parseLong(read.group(2));
            }
        }
        long done = actions - deferred;
        long total = actions;
        // grantsRead / grantsTotal < done / total, where a run with no actions did all of them.
        if (grantsTotal != null && grantsRead < grantsTotal && (total == 0 || grantsRead * total < done * grantsTotal)) {
            done = grantsRead;
            total = grantsTotal;
        }
        InvocationFit fit = InvocationFit.of(measuredMillis, done, total, invocationMillis);
        int errors = report.errors().size() + (int) report.count(Outcome.FAILED);
        return new Row(function, phase, region, images, snapshots, measuredMillis, fit.wallMillis(),
                fit.projected(), fit.fits(), fit.invocations(), calls, actions, report.count(Outcome.DONE), deferred,
                grantsRead, grantsTotal, errors);
    }

    void print(Result result, PrintStream out) {
        BenchResult.Scale scale = result.scale();
        out.printf(Locale.ROOT, "bench --realistic: EC2's request limits %s; each run's deadline %s (one invocation %s,"
                        + " the bench's window %s)%n", result.limits(), seconds(result.deadlineMillis()),
                seconds(result.invocationMillis()), seconds(result.windowMillis()));
        out.printf(Locale.ROOT, "       %d CPUs, %s; the sandbox runs in a JVM of its own%n%n", result.machine().cpus(),
                result.machine().java());
        out.printf(Locale.ROOT, "Per function: %,d AMIs and %,d snapshots over %s%n", scale.images(), scale.snapshots(),
                String.join(", ", scale.regions()));
        out.printf("%-18s %-8s %10s %11s %-4s %5s %8s %8s %8s %8s %15s %6s%n", "FUNCTION", "PHASE", "RAN s",
                "WALL s", "FITS", "INVOC", "CALLS", "ACTIONS", "DONE", "DEFERRED", "GRANTS READ", "ERRORS");
        for (Row r : result.functions()) {
            out.printf(Locale.ROOT, "%-18s %-8s %10.1f %11s %-4s %5s %,8d %,8d %,8d %,8d %15s %,6d%n", r.function(),
                    r.phase(), r.measuredMillis() / 1000.0, wall(r), r.fits() ? "yes" : "no", invocations(r),
                    r.calls(), r.actions(), r.done(), r.deferred(), grants(r), r.errors());
        }
        if (!result.growth().isEmpty()) {
            Row first = result.growth().get(0);
            out.printf(Locale.ROOT, "%nGrowth in %s, dry runs (the plan), snapshots %dx the AMIs%n", first.region(),
                    SNAPSHOTS_PER_IMAGE);
            out.printf("%8s %9s %-18s %10s %11s %-4s %5s %8s %8s %15s %6s%n", "AMIS", "SNAPSHOTS", "FUNCTION",
                    "RAN s", "WALL s", "FITS", "INVOC", "CALLS", "ACTIONS", "GRANTS READ", "ERRORS");
            for (Row r : result.growth()) {
                out.printf(Locale.ROOT, "%,8d %,9d %-18s %10.1f %11s %-4s %5s %,8d %,8d %15s %,6d%n", r.images(),
                        r.snapshots(), r.function(), r.measuredMillis() / 1000.0, wall(r), r.fits() ? "yes" : "no",
                        invocations(r), r.calls(), r.actions(), grants(r), r.errors());
            }
        }
        out.printf(Locale.ROOT, "%nRAN: the run's own wall time. WALL: the same when it finished before its deadline;"
                + " ~ marks a projection for a run its deadline stopped (RAN x work / work done). FITS: WALL <= one"
                + " invocation (%s); INVOC: invocations the work needs.%n", seconds(result.invocationMillis()));
    }

    private static String wall(Row r) {
        if (r.wallMillis() == null) {
            return "?";
        }
        return (r.projected() ? "~" : "") + String.format(Locale.ROOT, "%,.1f", r.wallMillis() / 1000.0);
    }

    private static String invocations(Row r) {
        return r.invocations() == null ? "?" : Long.toString(r.invocations());
    }

    private static String grants(Row r) {
        return r.grantsTotal() == null ? "-" : String.format(Locale.ROOT, "%,d/%,d", r.grantsRead(), r.grantsTotal());
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
