package dev.amihousekeeping.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the commands that run the functions in a JVM set up as Lambda's Java 17 runtime sets up the same code:
 * tiered compilation stopped at C1 ({@code -XX:TieredStopAtLevel=1}) and the serial GC, Lambda's defaults for
 * Java 17 and 21 ("Customize Java runtime startup behavior", AWS Lambda developer guide).
 *
 * <p>Why (issue 18 item 5, measured with {@code bench --baseline-script}): a dry run is over within seconds, and
 * on a small machine C2's compiles and G1's concurrent threads take the CPUs the run needs and never pay back;
 * with these two options the dry run of 10,000 AMIs used about half the CPU. A jar cannot carry JVM options, so
 * {@code java -jar ami-housekeeping.jar expire ...} starts the same jar again with them, its input, output and
 * exit code passed through, and the first JVM only waits. It does not when the user chose the JVM's options
 * (any option on the command line, or {@code JDK_JAVA_OPTIONS}, {@code JAVA_TOOL_OPTIONS} or {@code _JAVA_OPTIONS}
 * set), when the OS does not show this JVM's command line (it shows none past a few KB), with
 * {@code AMI_HOUSEKEEPING_RELAUNCH=false}, or for the commands that serve or measure ({@code sandbox},
 * {@code bench}) and the ones that end at once (help, version, {@code config}). If the second JVM cannot be
 * started, the command runs in this one.
 */
final class LambdaJvm {

    /** Lambda's JVM defaults for Java 17 and 21 that matter here. */
    static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    static final String OPT_OUT = "AMI_HOUSEKEEPING_RELAUNCH";

    /** Set on the second JVM, so that it never starts a third. */
    private static final String RELAUNCHED = "ami-housekeeping.relaunched";

    private static final Set<String> RELAUNCHED_COMMANDS =
            Set.of("expire", "orphans", "public-share", "copy", "restore", "handle", "demo");

    private static final Set<String> CLASS_PATH_OPTIONS = Set.of("-cp", "-classpath", "--class-path");

    private LambdaJvm() {
    }

    /**
     * The command line of the second JVM, or empty when this one should run the command: {@code jvmArguments} are
     * this JVM's arguments after the executable (as the OS shows them), {@code env} its environment.
     */
    static Optional<List<String>> relaunch(List<String> jvmArguments, Map<String, String> env, String javaHome,
                                           String classPath, boolean relaunched, String[] args) {
        if (relaunched || args.length == 0 || !RELAUNCHED_COMMANDS.contains(args[0])
                || "false".equalsIgnoreCase(env.getOrDefault(OPT_OUT, "").strip())
                || !env.getOrDefault("JDK_JAVA_OPTIONS", "").isBlank()
                || !env.getOrDefault("JAVA_TOOL_OPTIONS", "").isBlank()
                || !env.getOrDefault("_JAVA_OPTIONS", "").isBlank()
                || !launchedPlainly(jvmArguments) || classPath == null || classPath.isBlank()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(javaHome, "bin", "java").toString());
        command.addAll(OPTIONS);
        command.addAll(List.of("-D" + RELAUNCHED + "=true", "-cp", classPath, Main.class.getName()));
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    /** {@code -jar FILE ...} or {@code -cp PATH dev.amihousekeeping.cli.Main ...}: no JVM option of the user's. */
    static boolean launchedPlainly(List<String> jvmArguments) {
        if (jvmArguments.size() >= 2 && jvmArguments.get(0).equals("-jar")) {
            return true;
        }
        return jvmArguments.size() >= 3 && CLASS_PATH_OPTIONS.contains(jvmArguments.get(0))
                && jvmArguments.get(2).equals(Main.class.getName());
    }

    /**
     * Runs {@code args} in the second JVM when {@link #relaunch} says so and returns its exit code; empty when this
     * JVM should run them (also when the second cannot be started).
     */
    static Optional<Integer> run(String[] args) {
        if (Boolean.getBoolean(RELAUNCHED)) {
            endWithTheFirst();
            return Optional.empty();
        }
        Optional<List<String>> command = relaunch(
                ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()), System.getenv(),
                System.getProperty("java.home"), System.getProperty("java.class.path"),
                Boolean.getBoolean(RELAUNCHED), args);
        if (command.isEmpty()) {
            return Optional.empty();
        }
        Process process;
        try {
            process = new ProcessBuilder(command.get()).inheritIO().start();
        } catch (IOException e) {
            return Optional.empty();
        }
        Thread stop = new Thread(process::destroy, "stop-relaunched-jvm");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return Optional.of(process.waitFor());
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            return Optional.of(Main.EXIT_FAILURES);
        } finally {
            removeHook(stop);
        }
    }

    /**
     * In the second JVM: when the first ends without stopping this one (killed with SIGKILL, say, by a CI job's
     * timeout), this one ends too, through its shutdown hooks, as the one process the user started would have.
     */
    private static void endWithTheFirst() {
        ProcessHandle.current().parent()
                .ifPresent(first -> first.onExit().thenRun(() -> System.exit(Main.EXIT_FAILURES)));
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already shutting down: the hook stops the child.
        }
    }
}
