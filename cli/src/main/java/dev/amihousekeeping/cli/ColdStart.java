package dev.amihousekeeping.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.amihousekeeping.handler.LocalInvocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Cold start of a Lambda handler as the Lambda Java runtime makes it: a fresh JVM on the functions jar
 * ({@link LocalInvocation}: load the handler, construct it, one schedule event) against the sandbox, timed from
 * process start to the marker lines it prints. Three ways, each the median of {@code runs}:
 * <ul>
 *   <li>{@code fresh JVM}: what a function without SnapStart pays on each cold start;</li>
 *   <li>{@code fresh JVM, C1 only}: the same with {@code -XX:TieredStopAtLevel=1}, the JAVA_TOOL_OPTIONS AWS
 *       suggests for short-lived Java functions;</li>
 *   <li>{@code after SnapStart priming}: the first event handled after the priming hook ran, i.e. what a restored
 *       snapshot still has to do (restore time itself is Lambda's and is not measured here).</li>
 * </ul>
 */
final class ColdStart {

    /** One way of starting, measured: milliseconds from process start, medians; {@code problem} when it failed. */
    @JsonPropertyOrder({"variant", "runs", "initMillis", "firstReportMillis", "invokeMillis", "problem"})
    record Result(String variant, int runs, long initMillis, long firstReportMillis, long invokeMillis,
                  String problem) {
    }

    private record Marks(long init, long primed, long report, String problem) {
    }

    private final String classpath;
    private final Map<String, String> environment;
    private final Path event;

    /** {@code environment}: the Lambda-style variables (region, policy, credentials, endpoint) the JVM gets. */
    ColdStart(String classpath, Map<String, String> environment, Path event) {
        this.classpath = classpath;
        this.environment = Map.copyOf(environment);
        this.event = event;
    }

    /** The Lambda-style environment for a sandbox at {@code endpoint}: static keys, the policy as JSON. */
    static Map<String, String> lambdaEnvironment(URI endpoint, String region, String policyJson) {
        return Map.of("AWS_REGION", region, "AWS_DEFAULT_REGION", region, "AWS_ACCESS_KEY_ID", "bench",
                "AWS_SECRET_ACCESS_KEY", "bench", "AWS_ENDPOINT_URL", endpoint.toString(),
                "HOUSEKEEPING_CONFIG", policyJson);
    }

    List<Result> measure(String handlerClass, int runs) {
        return List.of(
                summarize("fresh JVM", runs, () -> launch(handlerClass, List.of(), false),
                        m -> m.report() - m.init()),
                summarize("fresh JVM, C1 only", runs,
                        () -> launch(handlerClass, List.of("-XX:TieredStopAtLevel=1"), false),
                        m -> m.report() - m.init()),
                summarize("after SnapStart priming", runs, () -> launch(handlerClass, List.of(), true),
                        m -> m.report() - m.primed()));
    }

    private interface Launch {
        Marks run();
    }

    private static Result summarize(String variant, int runs, Launch launch, ToLongFunction<Marks> invoke) {
        List<Marks> marks = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Marks m = launch.run();
            if (m.problem() != null) {
                return new Result(variant, i + 1, -1, -1, -1, m.problem());
            }
            marks.add(m);
        }
        return new Result(variant, runs, median(marks, Marks::init), median(marks, Marks::report),
                median(marks, invoke), null);
    }

    private Marks launch(String handlerClass, List<String> jvmOptions, boolean prime) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, LocalInvocation.class.getName()));
        if (prime) {
            command.add("--prime");
        }
        command.addAll(List.of(handlerClass, event.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Nothing of this machine's AWS setup leaks in: the JVM sees what Lambda would give it.
        builder.environment().keySet().removeIf(key -> key.startsWith("AWS_") || key.startsWith("JAVA_")
                || key.startsWith("_JAVA") || key.equals("JDK_JAVA_OPTIONS") || key.equals("HOUSEKEEPING_CONFIG"));
        builder.environment().putAll(environment);
        long init = -1;
        long primed = -1;
        List<String> output = new ArrayList<>();
        long start = System.nanoTime();
        Process process = null;
        try {
            process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                long at = (System.nanoTime() - start) / 1_000_000;
                if (line.equals(LocalInvocation.INIT_MARKER)) {
                    init = at;
                } else if (line.equals(LocalInvocation.PRIMED_MARKER)) {
                    primed = at;
                } else if (line.startsWith(LocalInvocation.REPORT_MARKER)) {
                    String report = line.substring(LocalInvocation.REPORT_MARKER.length());
                    String problem = report.contains("\"errors\":[{") ? "the handler reported errors: " + report : null;
                    return new Marks(init, primed, at, problem);
                } else if (output.size() < 20) {
                    output.add(line);
                }
            }
            return new Marks(init, primed, -1, "no report; the JVM printed: " + String.join(" | ", output));
        } catch (IOException e) {
            return new Marks(init, primed, -1, "cannot start java: " + e.getMessage());
        } finally {
            if (process != null) {
                ChildProcess.awaitOrKill(process, 10);
            }
        }
    }

    private static long median(List<Marks> marks, ToLongFunction<Marks> value) {
        long[] values = marks.stream().mapToLong(value).sorted().toArray();
        return values.length == 0 ? -1 : values[values.length / 2];
    }
}
