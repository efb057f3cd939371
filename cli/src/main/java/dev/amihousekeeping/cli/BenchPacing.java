package dev.amihousekeeping.cli;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.run.Executor;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.HousekeepingFunction;
import dev.amihousekeeping.run.Notifier;
import dev.amihousekeeping.run.RunLog;
import dev.amihousekeeping.run.RunRequest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code bench --pacing}: each function's apply phase twice on the same account, one action at a time and paced
 * (several in flight, {@link Executor#paced}), with the sandbox answering as EC2 does under load: a latency on every
 * call and EC2's request token buckets ({@value #LIMITS}). Wall time is the executor's (the apply phase alone,
 * from the first re-check to the last action); the account is reloaded before each run.
 */
final class BenchPacing {

    static final String LIMITS = "{\"latencyMs\":60,\"ec2Buckets\":true}";

    /** One function's apply, one at a time and paced. */
    record Row(String function, int actions, long done, long failed, long oneAtATimeMillis, long pacedMillis) {
    }

    private BenchPacing() {
    }

    static List<Row> measure(Config config, Instant now, List<HousekeepingFunction> functions, Path seedFile) {
        List<Row> rows = new ArrayList<>();
        try (SandboxProcess sandbox = SandboxProcess.start(System.getProperty("java.class.path"), seedFile)) {
            for (HousekeepingFunction function : functions) {
                Timed oneAtATime = apply(function, config, now, sandbox, seedFile, false);
                Timed paced = apply(function, config, now, sandbox, seedFile, true);
                rows.add(new Row(function.functionName(), paced.report.actions().size(),
                        paced.report.count(Outcome.DONE),
                        paced.report.count(Outcome.FAILED) + oneAtATime.report.count(Outcome.FAILED),
                        oneAtATime.millis, paced.millis));
            }
        }
        return rows;
    }

    private record Timed(Report report, long millis) {
    }

    /**
     * One applied run on the account as generated, with full request buckets and new clients (the adaptive retries'
     * rate limiter learns per client).
     */
    private static Timed apply(HousekeepingFunction function, Config config, Instant now, SandboxProcess sandbox,
                               Path seedFile, boolean paced) {
        sandbox.load(seedFile);
        return limited(sandbox, clients -> apply(function, config, now, clients, paced));
    }

    /**
     * {@code work} under EC2's request limits ({@value #LIMITS}) with full request buckets and new clients (the
     * adaptive retries' rate limiter learns per client).
     */
    static <T> T limited(SandboxProcess sandbox, Function<Ec2Clients, T> work) {
        sandbox.limits(LIMITS);
        try (Ec2Clients clients = new Ec2Clients(ClientSettings.defaults().withEndpoint(sandbox.endpoint())
                .withStaticCredentials("bench", "bench"))) {
            return work.apply(clients);
        }
    }

    private static Timed apply(HousekeepingFunction function, Config config, Instant now, Ec2Clients clients,
                               boolean paced) {
        Clock clock = Clock.systemUTC();
        Duration[] took = {Duration.ZERO};
        RunLog timing = new RunLog() {
            @Override
            public void action(RunRequest run, ActionResult result) {
            }

            @Override
            public void run(RunRequest run, Report report, Duration duration) {
                took[0] = took[0].plus(duration);
            }
        };
        Housekeeping wiring = Housekeeping.create(clients, clock, timing, Notifier.none());
        if (!paced) {
            wiring = wiring.oneAtATime(timing);
        }
        Report report = function.create(wiring).run(new RunRequest(config, config.regions(), false, now, null));
        return new Timed(report, took[0].toMillis());
    }

    static void print(List<Row> rows, int images, List<String> regions, PrintStream out) {
        out.printf("Apply wall time under EC2's request limits %s, %,d AMIs in %s%n", LIMITS, images,
                String.join(",", regions));
        out.printf("%-18s %8s %8s %16s %12s %9s%n", "function", "actions", "done", "one at a time", "paced",
                "speed-up");
        for (Row row : rows) {
            out.printf(Locale.ROOT, "%-18s %8d %8d %14.1f s %10.1f s %8s%n", row.function(), row.actions(),
                    row.done(), row.oneAtATimeMillis() / 1000.0, row.pacedMillis() / 1000.0,
                    row.pacedMillis() == 0 ? "-"
                            : String.format(Locale.ROOT, "%.1fx", (double) row.oneAtATimeMillis() / row.pacedMillis()));
            if (row.failed() > 0) {
                out.printf("  %s: %d failed actions over both runs%n", row.function(), row.failed());
            }
        }
    }
}
