package dev.amihousekeeping.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.amihousekeeping.config.AccountsConfig;
import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.run.AccountTargets;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.HousekeepingFunction;
import dev.amihousekeeping.run.PerTarget;
import dev.amihousekeeping.run.RunRequest;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedGenerator;
import dev.amihousekeeping.sandbox.SeedRegion;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * {@code bench --accounts N} (issue 16): one sandbox with an organization of N accounts (the seed generator's
 * {@code accounts=N}: the management account and N-1 members, each with the same regions and a few hundred AMIs),
 * and each function's scheduled run, dry, over the first 1, 10, 50 and all N accounts x the regions. The targets are
 * resolved as the CLI's {@code --accounts} resolves them ({@link AccountOptions}: {@code all} for every account, the
 * ids otherwise; then {@link AccountTargets}), and the run works on them with the run layer's bounded pool
 * ({@link PerTarget#MAX_PARALLEL} at a time), in this JVM, against the sandbox in a JVM of its own. Per step:
 * wall time, targets, the pool's size, and per target the wall time and EC2 calls, which stay flat as accounts grow.
 */
final class AccountsBench {

    /** The account counts measured below N. */
    private static final List<Integer> STEPS = List.of(1, 10, 50);

    private final int accounts;
    private final int imagesPerAccount;
    private final List<String> regions;
    private final long seed;

    AccountsBench(int accounts, int imagesPerAccount, List<String> regions, long seed) {
        if (accounts < 1) {
            throw new BadInputException("--accounts must be >= 1");
        }
        if (imagesPerAccount < 1) {
            throw new BadInputException("--images-per-account must be >= 1");
        }
        this.accounts = accounts;
        this.imagesPerAccount = imagesPerAccount;
        this.regions = List.copyOf(regions);
        this.seed = seed;
    }

    /** 1, 10, 50 where below N, then N. */
    static List<Integer> steps(int accounts) {
        TreeSet<Integer> steps = new TreeSet<>();
        STEPS.stream().filter(n -> n < accounts).forEach(steps::add);
        steps.add(accounts);
        return List.copyOf(steps);
    }

    /** AMIs per region, the seed generator's unit: the account's AMIs spread over its regions. */
    private int imagesPerRegion() {
        return (imagesPerAccount + regions.size() - 1) / regions.size();
    }

    /** E.g. {@code accounts=100,images=100,snapshots=300,regions=us-east-1;eu-west-1,seed=1} (per region). */
    String generatorSpec() {
        int images = imagesPerRegion();
        return "accounts=" + accounts + ",images=" + images + ",snapshots=" + images * 3 + ",regions="
                + String.join(";", regions) + ",seed=" + seed;
    }

    Result measure(List<HousekeepingFunction> functions, Path dir) throws IOException {
        Seed organization;
        try {
            organization = SeedGenerator.generate(generatorSpec());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("bench: " + e.getMessage(), e);
        }
        Path seedFile = dir.resolve("accounts-seed.json");
        Files.writeString(seedFile, organization.toJson());
        Instant now = organization.now();
        // The management account first (the credentials' own), then the members in id order.
        String management = organization.accountId();
        List<String> ids = new ArrayList<>();
        ids.add(management);
        List<SeedRegion> seeded = new ArrayList<>(organization.regions().values());
        if (organization.accounts() != null) {
            organization.accounts().keySet().stream().filter(id -> !id.equals(management)).forEach(ids::add);
            organization.accounts().values().forEach(account -> seeded.addAll(account.regions().values()));
        }
        int images = seeded.stream().mapToInt(region -> region.images().size()).sum();
        organization = null; // the sandbox holds it from here on

        Config config = ConfigLoader.parse(BenchCommand.policy(regions));
        List<Step> steps = new ArrayList<>();
        try (SandboxProcess sandbox = SandboxProcess.start(System.getProperty("java.class.path"), seedFile);
             Ec2Clients clients = new Ec2Clients(ClientSettings.defaults().withEndpoint(sandbox.endpoint())
                     .withStaticCredentials("bench", "bench"))) {
            Housekeeping housekeeping = BenchCommand.housekeeping(clients);
            for (HousekeepingFunction function : functions) {
                // Unrecorded: the first run of a function pays for class loading and the JIT.
                run(function, config, ids.subList(0, 1), ids.size(), now, housekeeping, sandbox);
                for (int step : steps(ids.size())) {
                    steps.add(run(function, config, ids.subList(0, step), ids.size(), now, housekeeping, sandbox));
                }
            }
        }
        return new Result(ids.size(), regions, images, generatorSpec(), PerTarget.MAX_PARALLEL,
                BenchResult.Machine.current(), steps);
    }

    /** One dry scheduled run of {@code function} over {@code ids} x the regions, resolved as the CLI does. */
    private static Step run(HousekeepingFunction function, Config config, List<String> ids, int all, Instant now,
                            Housekeeping housekeeping, SandboxProcess sandbox) {
        AccountOptions options = new AccountOptions();
        // One account is no organization: its id, as --accounts ID would name it.
        options.accounts = ids.size() == all && all > 1 ? "all" : String.join(",", ids);
        AccountsConfig resolved = options.accounts(config);
        RunRequest request = AccountTargets.over(
                new RunRequest(config.withAccounts(resolved), config.regions(), true, now, null), resolved,
                housekeeping);
        sandbox.resetCalls();
        long started = System.nanoTime();
        Report report = function.create(housekeeping).run(request);
        long wallMillis = (System.nanoTime() - started) / 1_000_000;
        long calls = sandbox.calls().values().stream().mapToLong(Long::longValue).sum();
        int targets = request.targets().size();
        int errors = report.errors().size() + (int) report.count(Outcome.FAILED);
        return new Step(function.functionName(), ids.size(), targets, Math.min(targets, PerTarget.MAX_PARALLEL),
                wallMillis, (double) wallMillis / targets, calls, (double) calls / targets, report.actions().size(),
                errors);
    }

    /**
     * One function over {@code accounts} x the regions: {@code targets} worked on {@code pool} at a time; per
     * target, the wall time divided by the targets and the EC2 calls (the sandbox counts no STS or Organizations
     * call there).
     */
    @JsonPropertyOrder({"function", "accounts", "targets", "pool", "wallMillis", "millisPerTarget", "calls",
            "callsPerTarget", "actions", "errors"})
    record Step(String function, int accounts, int targets, int pool, long wallMillis, double millisPerTarget,
                long calls, double callsPerTarget, int actions, int errors) {
    }

    /** What {@code bench --accounts N --json} prints. */
    @JsonPropertyOrder({"accounts", "regions", "images", "generatorSpec", "poolSize", "machine", "steps"})
    record Result(int accounts, List<String> regions, int images, String generatorSpec, int poolSize,
                  BenchResult.Machine machine, List<Step> steps) {

        Result {
            regions = List.copyOf(regions);
            steps = List.copyOf(steps);
        }

        void print(PrintStream out) {
            out.printf(Locale.ROOT, "bench --accounts: %d accounts x %d regions (%s), %,d AMIs in all; dry runs,"
                    + " %d targets at a time%n", accounts, regions.size(), String.join(", ", regions), images,
                    poolSize);
            out.printf(Locale.ROOT, "       %d CPUs, %s; the sandbox runs in a JVM of its own%n%n", machine.cpus(),
                    machine.java());
            out.printf("%-18s %8s %8s %5s %9s %12s %9s %12s %8s %6s%n", "FUNCTION", "ACCOUNTS", "TARGETS", "POOL",
                    "WALL ms", "ms/TARGET", "CALLS", "CALLS/TARGET", "ACTIONS", "ERRORS");
            for (Step s : steps) {
                out.printf(Locale.ROOT, "%-18s %,8d %,8d %5d %,9d %12.1f %,9d %12.1f %,8d %,6d%n", s.function(),
                        s.accounts(), s.targets(), s.pool(), s.wallMillis(), s.millisPerTarget(), s.calls(),
                        s.callsPerTarget(), s.actions(), s.errors());
            }
        }
    }
}
