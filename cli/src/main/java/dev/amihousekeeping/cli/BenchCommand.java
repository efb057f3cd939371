package dev.amihousekeeping.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.HousekeepingFunction;
import dev.amihousekeeping.run.Notifier;
import dev.amihousekeeping.run.RunLog;
import dev.amihousekeeping.run.RunRequest;
import dev.amihousekeeping.sandbox.Seed;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ami-housekeeping bench}: how the functions scale and start (DESIGN §10, issue 9). Generates an account
 * (10,000 AMIs and 30,000 snapshots over 3 regions by default, with instances, launch templates and shares),
 * serves it from a sandbox in a JVM of its own, runs each function's scheduled run dry and then applied (the
 * account reloaded before each function), and prints per phase the EC2 calls against their lower bound, wall time
 * and peak heap; then the Lambda jar's size and the cold start of a handler in a fresh JVM on that jar.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the functions: EC2 calls against their lower bound, wall time and peak heap per "
                + "function and phase, the Lambda jar size and cold start.",
                "Needs no AWS account: everything runs against a generated account in the local EC2 sandbox."})
final class BenchCommand implements Callable<Integer> {

    static final String FUNCTIONS_JAR = "functions/target/ami-housekeeping-functions.jar";

    @Option(names = "--images", defaultValue = "10000", paramLabel = "N",
            description = "AMIs in all, spread over the regions. Default: ${DEFAULT-VALUE}.")
    int images;

    @Option(names = "--snapshots", defaultValue = "30000", paramLabel = "N",
            description = "Snapshots in all, spread over the regions. Default: ${DEFAULT-VALUE}.")
    int snapshots;

    @Option(names = "--regions", split = ",", paramLabel = "a,b,c",
            defaultValue = "us-east-1,eu-west-1,ap-southeast-2", description = "Default: ${DEFAULT-VALUE}.")
    List<String> regions;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Generator seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--functions", split = ",", paramLabel = "f,g",
            description = "Functions to run: expiry, orphan-snapshots, public-share, cross-region-copy. Default: all.")
    List<String> functions;

    @Option(names = "--json", description = "Print the results as one JSON document instead of tables.")
    boolean json;

    @Option(names = "--functions-jar", paramLabel = "FILE",
            description = "The shaded Lambda jar. Default: " + FUNCTIONS_JAR + " under this or a parent directory.")
    Path functionsJar;

    @Option(names = "--cold-starts", defaultValue = "5", paramLabel = "N",
            description = "Fresh JVMs per cold-start variant (0: skip the cold start). Default: ${DEFAULT-VALUE}.")
    int coldStarts;

    @Option(names = "--pacing", description = {"Instead of the full bench: each function's apply, one action at a "
            + "time and paced, under EC2's request limits (" + BenchPacing.LIMITS + "), wall time side by side."})
    boolean pacing;

    @Option(names = "--baseline-script", paramLabel = "PATH",
            description = {"Instead of the full bench: expiry's dry run (the CLI's expire, a fresh JVM) and then this "
                    + "boto3 script making the same reads (bench/boto3_baseline.py) against one sandbox, wall time "
                    + "and calls side by side. Without python3 and boto3 the script is skipped, the reason printed."})
    Path baselineScript;

    @Option(names = "--accounts", paramLabel = "N",
            description = "Instead: an organization of N accounts x the regions in one sandbox; each function's"
                    + " scheduled run, dry, over 1, 10, 50 and N accounts with the bounded pool of targets.")
    Integer accounts;

    @Option(names = "--images-per-account", defaultValue = "300", paramLabel = "N",
            description = "With --accounts: AMIs per account, spread over the regions. Default: ${DEFAULT-VALUE}.")
    int imagesPerAccount;

    @Option(names = "--realistic", description = {"Instead: each function dry, then applied, under EC2's request"
            + " limits (" + BenchPacing.LIMITS + ") and a deadline as in Lambda: wall time (projected when the deadline"
            + " stopped it) and whether it fits one invocation; then the dry runs' growth in the first region."})
    boolean realistic;

    @Option(names = "--invocation", defaultValue = "15m", paramLabel = "DURATION",
            description = "With --realistic: one Lambda invocation, what a run must fit (90s, 15m). Default: "
                    + "${DEFAULT-VALUE}.")
    String invocation;

    @Option(names = "--window", defaultValue = "120s", paramLabel = "DURATION",
            description = "With --realistic: the longest the bench lets one run go; a longer run is stopped by its"
                    + " deadline and projected. Default: ${DEFAULT-VALUE}.")
    String window;

    @Option(names = "--growth", split = ",", defaultValue = BenchRealistic.GROWTH, paramLabel = "n,m",
            description = "With --realistic: AMIs in the first region for the growth part (snapshots 3x). Default: "
                    + "${DEFAULT-VALUE}.")
    List<Integer> growth;

    /** The class path the cold-start JVMs use instead of the jar (tests: the build's classes). */
    @Option(names = "--cold-start-classpath", hidden = true)
    String coldStartClasspath;

    @Override
    public Integer call() throws IOException {
        List<HousekeepingFunction> chosen = functions == null || functions.isEmpty()
                ? List.of(HousekeepingFunction.values())
                : functions.stream().map(BenchCommand::function).distinct().toList();
        if (coldStarts < 0) {
            throw new BadInputException("--cold-starts must be >= 0");
        }
        if (accounts != null) {
            return benchAccounts(chosen);
        }
        BenchScale scale = new BenchScale(images, snapshots, regions, seed);
        Config config = ConfigLoader.parse(policy(scale.regions()));
        Path dir = Files.createTempDirectory("ami-housekeeping-bench");
        try {
            if (baselineScript != null) {
                return compareBaseline(scale, config, dir);
            }
            if (realistic) {
                return realistic(scale, chosen, dir);
            }
            if (pacing) {
                return comparePacing(scale, config, chosen, dir);
            }
            BenchResult result = measure(scale, config, chosen, dir);
            PrintStream out = System.out;
            if (json) {
                out.println(ReportJson.writeValue(result));
            } else {
                new BenchTable(result).print(out);
            }
            boolean failed = result.phases().stream().anyMatch(p -> p.errors() > 0);
            return failed ? Main.EXIT_FAILURES : Main.EXIT_OK;
        } finally {
            delete(dir);
        }
    }

    private int benchAccounts(List<HousekeepingFunction> chosen) throws IOException {
        AccountsBench bench = new AccountsBench(accounts, imagesPerAccount, regions, seed);
        Path dir = Files.createTempDirectory("ami-housekeeping-bench");
        try {
            AccountsBench.Result result = bench.measure(chosen, dir);
            if (json) {
                System.out.println(ReportJson.writeValue(result));
            } else {
                result.print(System.out);
            }
            return result.steps().stream().anyMatch(s -> s.errors() > 0) ? Main.EXIT_FAILURES : Main.EXIT_OK;
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private int compareBaseline(BenchScale scale, Config config, Path dir) throws IOException {
        BenchBaseline.Result result = BenchBaseline.measure(scale, policy(scale.regions()), config, baselineScript,
                dir);
        if (json) {
            System.out.println(ReportJson.writeValue(result));
        } else {
            BenchBaseline.print(result, System.out);
        }
        return result.java().exitCode() == Main.EXIT_OK && result.javaDefaults().exitCode() == Main.EXIT_OK
                ? Main.EXIT_OK : Main.EXIT_FAILURES;
    }

    private int realistic(BenchScale scale, List<HousekeepingFunction> chosen, Path dir) throws IOException {
        BenchRealistic bench = new BenchRealistic(duration("--invocation", invocation), duration("--window", window));
        BenchRealistic.Result result = bench.measure(scale, chosen, BenchRealistic.growth(growth), dir);
        if (json) {
            System.out.println(ReportJson.writeValue(result));
        } else {
            bench.print(result, System.out);
        }
        return result.failed() ? Main.EXIT_FAILURES : Main.EXIT_OK;
    }

    private static Duration duration(String option, String text) {
        Duration duration = CommonOptions.duration(text);
        if (duration == null) {
            throw new BadInputException(option + ": not a duration (90s, 15m, 1h): " + text);
        }
        return duration;
    }

    private int comparePacing(BenchScale scale, Config config, List<HousekeepingFunction> chosen, Path dir)
            throws IOException {
        Seed account = scale.generate();
        Path seedFile = dir.resolve("seed.json");
        Files.writeString(seedFile, account.toJson());
        int imageCount = account.regions().values().stream().mapToInt(r -> r.images().size()).sum();
        List<BenchPacing.Row> rows = BenchPacing.measure(config, account.now(), chosen, seedFile);
        if (json) {
            System.out.println(ReportJson.writeValue(rows));
        } else {
            BenchPacing.print(rows, imageCount, scale.regions(), System.out);
        }
        return rows.stream().anyMatch(row -> row.failed() > 0) ? Main.EXIT_FAILURES : Main.EXIT_OK;
    }

    private BenchResult measure(BenchScale scale, Config config, List<HousekeepingFunction> chosen, Path dir)
            throws IOException {
        Seed account = scale.generate();
        Path seedFile = dir.resolve("seed.json");
        Files.writeString(seedFile, account.toJson());
        Instant now = account.now();
        Map<String, Integer> launchTemplates = new LinkedHashMap<>();
        account.regions().forEach((name, region) -> launchTemplates.put(name, region.launchTemplates().size()));
        BenchResult.Scale scaleResult = new BenchResult.Scale(
                account.regions().values().stream().mapToInt(r -> r.images().size()).sum(),
                account.regions().values().stream().mapToInt(r -> r.snapshots().size()).sum(),
                scale.regions(), scale.seed(), scale.generatorSpec());
        account = null; // the sandbox holds the account from here on; the bench's heap is the functions' alone

        String classpath = System.getProperty("java.class.path");
        List<PhaseResult> phases = new ArrayList<>();
        List<ColdStart.Result> coldStart = List.of();
        BenchResult.LambdaJar jar = lambdaJar();
        String coldStartHandler = chosen.isEmpty() ? null : chosen.get(0).handlerClass();
        try (SandboxProcess sandbox = SandboxProcess.start(classpath, seedFile);
             Ec2Clients clients = new Ec2Clients(ClientSettings.defaults().withEndpoint(sandbox.endpoint())
                     .withStaticCredentials("bench", "bench"));
             HeapPeak heap = new HeapPeak()) {
            Housekeeping housekeeping = housekeeping(clients);
            for (int i = 0; i < chosen.size(); i++) {
                HousekeepingFunction function = chosen.get(i);
                if (i > 0) {
                    sandbox.load(seedFile);
                }
                List<RegionFacts> facts = RegionFacts.read(housekeeping.gateway(), config, launchTemplates, now);
                for (boolean apply : List.of(false, true)) {
                    phases.add(phase(function, apply, config, now, facts, sandbox, housekeeping, heap));
                }
            }
            String coldStartPath = coldStartClasspath != null ? coldStartClasspath
                    : jar.bytes() != null ? jar.path() : null;
            if (coldStarts > 0 && coldStartHandler != null && coldStartPath != null) {
                coldStart = coldStart(scale, coldStartPath, coldStartHandler, sandbox, dir);
            }
        }
        return new BenchResult(scaleResult, BenchResult.Machine.current(), phases, jar, coldStartHandler, coldStart);
    }

    private static PhaseResult phase(HousekeepingFunction function, boolean apply, Config config, Instant now,
                                     List<RegionFacts> facts, SandboxProcess sandbox, Housekeeping housekeeping,
                                     HeapPeak heap) {
        RunRequest request = new RunRequest(config, config.regions(), !apply, now, null);
        sandbox.resetCalls();
        heap.reset();
        long started = System.nanoTime();
        // The scheduled run: the catch-up for cross-region-copy, the sweep for public-share.
        Report report = function.create(housekeeping).run(request);
        long wallMillis = (System.nanoTime() - started) / 1_000_000;
        long peak = heap.peakBytes();
        Map<String, Long> calls = sandbox.calls();
        Map<String, Long> bound = LowerBound.of(function, facts, config, report);
        int errors = report.errors().size() + (int) report.count(Outcome.FAILED);
        return new PhaseResult(function.functionName(), apply ? "apply" : "dry-run", calls, bound, wallMillis, peak,
                report.actions().size(), report.count(Outcome.DONE), errors,
                OverBound.note(function, apply, calls, bound, report));
    }

    /** A {@code --functions} name: {@code expiry}, {@code orphan-snapshots}, ... */
    static HousekeepingFunction function(String name) {
        return HousekeepingFunction.named(name.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new BadInputException("--functions: unknown function '" + name + "' (known: "
                        + Arrays.stream(HousekeepingFunction.values()).map(HousekeepingFunction::functionName)
                        .collect(Collectors.joining(", ")) + ")"));
    }

    private List<ColdStart.Result> coldStart(BenchScale scale, String classpath, String handler,
                                             SandboxProcess sandbox, Path dir) throws IOException {
        String region = scale.regions().get(0);
        BenchScale small = new BenchScale(20, 60, List.of(region), scale.seed());
        Path smallSeed = dir.resolve("cold-start-seed.json");
        Files.writeString(smallSeed, small.generate().toJson());
        sandbox.load(smallSeed);
        Path event = dir.resolve("schedule.json");
        Files.writeString(event, scheduleEvent(region));
        return new ColdStart(classpath, ColdStart.lambdaEnvironment(sandbox.endpoint(), region,
                policy(List.of(region))), event).measure(handler, coldStarts);
    }

    /**
     * The policy of the bench: every function on, nothing held back by the cap, block public access enforced,
     * copies from every region to the last one.
     */
    static String policy(List<String> regions) {
        ObjectNode policy = JsonNodeFactory.instance.objectNode();
        regions.forEach(policy.putArray("regions")::add);
        policy.put("maxActionsPerRun", 1_000_000);
        policy.putObject("publicShare").put("enforceBlockPublicAccess", true);
        ObjectNode copy = policy.putObject("crossRegionCopy");
        copy.put("enabled", true);
        copy.putArray("destinationRegions").add(regions.get(regions.size() - 1));
        return policy.toString();
    }

    static String scheduleEvent(String region) {
        return "{\"version\":\"0\",\"id\":\"b3f1c7a2-0000-4000-8000-000000000009\",\"detail-type\":\"Scheduled Event\","
                + "\"source\":\"aws.events\",\"account\":\"" + Seed.DEFAULT_ACCOUNT_ID + "\","
                + "\"time\":\"2026-11-01T03:00:00Z\",\"region\":\"" + region + "\",\"resources\":[],\"detail\":{}}";
    }

    /** The run layer as in Lambda, its JSON log lines formatted (their cost is real) and dropped. */
    static Housekeeping housekeeping(Ec2Clients clients) {
        Clock clock = Clock.systemUTC();
        RunLog log = RunLog.jsonLines(new PrintStream(OutputStream.nullOutputStream()), clock);
        return Housekeeping.create(clients, clock, log, Notifier.none());
    }

    private BenchResult.LambdaJar lambdaJar() {
        Path jar = functionsJar != null ? functionsJar : findFunctionsJar();
        if (jar == null || !Files.isRegularFile(jar)) {
            return new BenchResult.LambdaJar(jar == null ? FUNCTIONS_JAR : jar.toString(), null,
                    "not found: " + (jar == null ? FUNCTIONS_JAR + " under this or a parent directory" : jar)
                            + " (build it with mvn package)");
        }
        try {
            return new BenchResult.LambdaJar(jar.toAbsolutePath().normalize().toString(), Files.size(jar), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar under the working directory or a parent, or next to where this CLI was loaded from. */
    static Path findFunctionsJar() {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            starts.add(Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception e) {
            // no code source (an unusual class loader): the working directory is enough
        }
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path jar = dir.resolve(FUNCTIONS_JAR);
                if (Files.isRegularFile(jar)) {
                    return jar;
                }
            }
        }
        return null;
    }
}
