package dev.amihousekeeping.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.json.ReportJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EC2 sandbox in a JVM of its own, for the bench: the function runs' heap and CPU are then theirs alone, not
 * mixed with the sandbox's 40,000 resources and the XML it writes. Driven over its control endpoints: state
 * ({@code PUT /_sandbox/state}) and call counts ({@code GET|DELETE /_sandbox/calls}).
 */
final class SandboxProcess implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    private SandboxProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts {@code SandboxMain} on a free port with {@code seedFile}; copies are available at once. */
    static SandboxProcess start(String classpath, Path seedFile) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "dev.amihousekeeping.sandbox.SandboxMain",
                "--port", "0", "--copy-delay-ms", "0", "--seed", seedFile.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox JVM", e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher url = URL.matcher(line);
                if (url.find()) {
                    drain(out);
                    return new SandboxProcess(process, URI.create(url.group(1)));
                }
                seen.add(line);
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException("the sandbox JVM did not start", e);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the sandbox JVM exited before listening: " + String.join("\n", seen));
    }

    URI endpoint() {
        return endpoint;
    }

    /** Replaces the sandbox's whole state with the seed in {@code seedFile}. */
    void load(Path seedFile) {
        try {
            send(HttpRequest.newBuilder(control("state")).PUT(HttpRequest.BodyPublishers.ofFile(seedFile)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the request limits ({@code /_sandbox/limits}): {@code {"latencyMs":60,"ec2Buckets":true}}. */
    void limits(String settingsJson) {
        send(HttpRequest.newBuilder(control("limits")).POST(HttpRequest.BodyPublishers.ofString(settingsJson))
                .header("Content-Type", "application/json").build());
    }

    void resetCalls() {
        send(HttpRequest.newBuilder(control("calls")).DELETE().build());
    }

    /** EC2 (and Auto Scaling) calls since the last reset, by action, summed over regions. */
    Map<String, Long> calls() {
        JsonNode regions = json(send(HttpRequest.newBuilder(control("calls")).GET().build())).path("regions");
        Map<String, Long> byAction = new TreeMap<>();
        regions.fields().forEachRemaining(region -> region.getValue().fields()
                .forEachRemaining(action -> byAction.merge(action.getKey(), action.getValue().asLong(), Long::sum)));
        return byAction;
    }

    @Override
    public void close() {
        process.destroy();
        ChildProcess.awaitOrKill(process, 5);
    }

    private URI control(String name) {
        return URI.create(endpoint + "/_sandbox/" + name);
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.method() + " " + request.uri() + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return ReportJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the rest of the sandbox's output (a stack trace on an internal error) so that it never blocks. */
    private static void drain(BufferedReader out) {
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded: the bench reports calls and outcomes, not the sandbox's own log
                }
            } catch (IOException e) {
                // the sandbox is gone
            }
        }, "sandbox-output");
        drain.setDaemon(true);
        drain.start();
    }
}
