package dev.amihousekeeping.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.sandbox.Seed;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * {@code bench --baseline-script PATH} (issue 18 item 5): expiry's dry run against the minimal sequential boto3
 * script making the same reads, side by side, on one sandbox (in a JVM of its own) holding the generated account.
 * Both are measured from outside, as a user runs them: a fresh process each, timed from its start to its exit,
 * the calls counted by the sandbox ({@code GET /_sandbox/calls}, reset before each). First the CLI's
 * {@code expire} (dry run: the plan) in a fresh JVM, then the script, told which AMIs are candidates and which
 * of them need their launch permissions read (from the same policy's candidates and the plan's in-use reasons),
 * so that it makes the same reads. Without python3 or boto3 the script part is skipped and the reason printed.
 */
final class BenchBaseline {

    /**
     * One side: how long its process took, the calls the sandbox counted for it, and the {@code -XX} options of the
     * second JVM the CLI started for the command ({@link LambdaJvm}; empty when it ran in the first).
     */
    record Side(String command, long wallMillis, long calls, Map<String, Long> callsByAction, int exitCode,
                String skipped, List<String> relaunchedWith) {
    }

    /**
     * One comparison: {@code java} is {@code expire} as a user runs it (the CLI starts itself again with Lambda's
     * JVM options, {@link LambdaJvm}), {@code javaDefaults} the same with {@code AMI_HOUSEKEEPING_RELAUNCH=false}
     * (java's defaults), {@code baseline} the script, with {@code skipped} set when it could not run.
     */
    record Result(int images, int snapshots, List<String> regions, BenchResult.Machine machine, Side java,
                  Side javaDefaults, Side baseline, Boolean javaFaster) {
    }

    private BenchBaseline() {
    }

    static Result measure(BenchScale scale, String policyJson, Config config, Path script, Path dir)
            throws IOException {
        Seed account = scale.generate();
        Path seedFile = dir.resolve("seed.json");
        Files.writeString(seedFile, account.toJson());
        int images = account.regions().values().stream().mapToInt(r -> r.images().size()).sum();
        int snapshots = account.regions().values().stream().mapToInt(r -> r.snapshots().size()).sum();
        Instant now = account.now();
        Map<String, Integer> templates = new LinkedHashMap<>();
        account.regions().forEach((name, region) -> templates.put(name, region.launchTemplates().size()));
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, policyJson);
        String classpath = System.getProperty("java.class.path");
        try (SandboxProcess sandbox = SandboxProcess.start(classpath, seedFile)) {
            List<RegionFacts> facts;
            try (Ec2Clients clients = new Ec2Clients(ClientSettings.defaults().withEndpoint(sandbox.endpoint())
                    .withStaticCredentials("bench", "bench"))) {
                facts = RegionFacts.read(BenchCommand.housekeeping(clients).gateway(), config, templates, now);
            }
            Path report = dir.resolve("expire-report.json");
            List<String> expire = List.of(Main.class.getName(), "expire", "--endpoint", sandbox.endpoint().toString(),
                    "--regions", String.join(",", config.regions()), "--config", policy.toString(),
                    "--now", now.toString(), "--json");
            List<String> java = new ArrayList<>(List.of(javaExecutable(), "-cp", asOneJar(classpath, dir)));
            java.addAll(expire);
            Side javaSide = run(sandbox, java, Map.of(), report, dir.resolve("expire.log"),
                    "expire (dry run), as run: " + String.join(" ", LambdaJvm.OPTIONS));
            Side defaults = run(sandbox, java, Map.of(LambdaJvm.OPT_OUT, "false"),
                    dir.resolve("expire-defaults.json"), dir.resolve("expire-defaults.log"),
                    "expire (dry run), " + LambdaJvm.OPT_OUT + "=false");
            Side baseline = baseline(sandbox, script, facts, report, dir);
            Boolean faster = baseline.skipped() != null ? null : javaSide.wallMillis() < baseline.wallMillis();
            return new Result(images, snapshots, config.regions(), BenchResult.Machine.current(), javaSide, defaults,
                    baseline, faster);
        }
    }

    private static Side baseline(SandboxProcess sandbox, Path script, List<RegionFacts> facts, Path report,
                                 Path dir) throws IOException {
        String command = "python3 " + script;
        if (!Files.isRegularFile(script)) {
            return skipped(command, "no such script: " + script);
        }
        String missing = pythonProblem();
        if (missing != null) {
            return skipped(command, missing);
        }
        Path ids = dir.resolve("baseline-ids.json");
        Files.writeString(ids, ReportJson.writeValue(reads(facts, ReportJson.mapper().readTree(report.toFile()))));
        return run(sandbox, List.of("python3", script.toString(), "--endpoint", sandbox.endpoint().toString(),
                "--ids", ids.toString()), Map.of(), dir.resolve("baseline-out.json"), dir.resolve("baseline.log"),
                command);
    }

    /**
     * Per region, what the script reads beyond the pages: the candidates (DescribeImageReferences) and, of them,
     * those the plan did not keep as in use (one DescribeImageAttribute launchPermission each), as
     * {@link LowerBound} counts them.
     */
    static Map<String, Map<String, Set<String>>> reads(List<RegionFacts> facts, JsonNode report) {
        Map<String, Set<String>> inUse = new LinkedHashMap<>();
        for (JsonNode kept : report.path("kept")) {
            if (LowerBound.inUse(kept.path("reason").asText())) {
                inUse.computeIfAbsent(kept.path("region").asText(), r -> new HashSet<>())
                        .add(kept.path("resourceId").asText());
            }
        }
        Map<String, Map<String, Set<String>>> reads = new LinkedHashMap<>();
        for (RegionFacts region : facts) {
            Set<String> candidates = new TreeSet<>(region.expiryCandidates());
            Set<String> grants = new TreeSet<>(candidates);
            grants.removeAll(inUse.getOrDefault(region.region(), Set.of()));
            reads.put(region.region(), Map.of("candidates", candidates, "grants", grants));
        }
        return reads;
    }

    /** Why the script cannot run here, or null: python3 and boto3 are not the build's, only this comparison's. */
    static String pythonProblem() {
        try {
            Process check = new ProcessBuilder("python3", "-c", "import boto3").redirectErrorStream(true).start();
            String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            ChildProcess.awaitOrKill(check, 60);
            return check.exitValue() == 0 ? null
                    : "python3 cannot import boto3 (pip install boto3): " + out.lines().reduce((a, b) -> b).orElse("");
        } catch (IOException | IllegalThreadStateException e) {
            return "python3 is not available: " + e.getMessage();
        }
    }

    private static Side skipped(String command, String reason) {
        return new Side(command, 0, 0, Map.of(), -1, reason, List.of());
    }

    /** Runs {@code command} to its end, timed from its start to its exit, with the calls it made counted. */
    private static Side run(SandboxProcess sandbox, List<String> command, Map<String, String> env, Path out, Path log,
                            String name) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile());
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "bench", "AWS_SECRET_ACCESS_KEY", "bench"));
        builder.environment().putAll(env);
        sandbox.resetCalls();
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        // Timed by the exit itself, not by when this thread notices it.
        CompletableFuture<Long> ended = process.onExit().thenApply(exited -> System.nanoTime());
        List<String> relaunchedWith = relaunchedWith(process);
        ChildProcess.awaitOrKill(process, 1800);
        long wall = (ended.getNow(System.nanoTime()) - started) / 1_000_000;
        Map<String, Long> calls = sandbox.calls();
        long total = calls.values().stream().mapToLong(Long::longValue).sum();
        int exit = process.isAlive() ? -1 : process.exitValue();
        return new Side(name, wall, total, calls, exit, null, relaunchedWith);
    }

    /**
     * The {@code -XX} options of the JVM {@code process} started, as the OS shows its command line, looked for
     * while the process runs (every 20 ms, for its first 30 s); empty when it started none. A descendant without
     * them is not the answer: right after the fork it is the launcher's helper, not yet the second JVM.
     */
    private static List<String> relaunchedWith(Process process) {
        long giveUp = System.nanoTime() + 30_000_000_000L;
        while (process.isAlive() && System.nanoTime() < giveUp) {
            Optional<List<String>> options = process.descendants().map(p -> p.info().arguments())
                    .flatMap(Optional::stream)
                    .map(args -> Arrays.stream(args).filter(a -> a.startsWith("-XX:")).toList())
                    .filter(found -> !found.isEmpty()).findFirst();
            if (options.isPresent()) {
                return options.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.of();
    }

    /**
     * The class path as a user's is, one jar: itself when it is one (the CLI's jar), else a jar whose manifest
     * names every entry (as Maven's test runner does). The OS shows a JVM's arguments to {@link LambdaJvm} only
     * while the command line is short, and a test's class path of a hundred jars is not.
     */
    static String asOneJar(String classpath, Path dir) throws IOException {
        if (!classpath.contains(File.pathSeparator)) {
            return classpath;
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Arrays.stream(classpath.split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString()).collect(Collectors.joining(" ")));
        Path jar = dir.resolve("classpath.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar.toString();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void print(Result result, PrintStream out) {
        out.printf(Locale.ROOT, "Expiry's dry run of %,d AMIs and %,d snapshots over %s, each a fresh process against"
                        + " one sandbox (%d CPUs, %s)%n", result.images(), result.snapshots(),
                String.join(",", result.regions()), result.machine().cpus(), result.machine().java());
        out.printf("%-68s %10s %8s %6s%n", "COMMAND", "WALL ms", "CALLS", "EXIT");
        for (Side side : List.of(result.java(), result.javaDefaults(), result.baseline())) {
            if (side.skipped() != null) {
                out.printf("%-68s skipped: %s%n", side.command(), side.skipped());
                continue;
            }
            out.printf(Locale.ROOT, "%-68s %,10d %,8d %6d%n", side.command(), side.wallMillis(), side.calls(),
                    side.exitCode());
        }
        out.println("EC2 calls by action (expire / expire with java's defaults / script):");
        Set<String> actions = new TreeSet<>(result.java().callsByAction().keySet());
        actions.addAll(result.baseline().callsByAction().keySet());
        for (String action : actions) {
            out.printf(Locale.ROOT, "  %-32s %,8d %,8d %,8d%n", action,
                    result.java().callsByAction().getOrDefault(action, 0L),
                    result.javaDefaults().callsByAction().getOrDefault(action, 0L),
                    result.baseline().callsByAction().getOrDefault(action, 0L));
        }
        if (result.javaFaster() != null) {
            out.printf(Locale.ROOT, "expire's dry run took %.2fx the script's wall time as run (%.2fx with java's"
                            + " defaults): %s%n",
                    (double) result.java().wallMillis() / Math.max(1, result.baseline().wallMillis()),
                    (double) result.javaDefaults().wallMillis() / Math.max(1, result.baseline().wallMillis()),
                    result.javaFaster() ? "faster" : "slower");
        }
    }
}
