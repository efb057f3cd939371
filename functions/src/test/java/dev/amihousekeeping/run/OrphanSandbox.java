package dev.amihousekeeping.run;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.sandbox.Sandbox;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A sandbox over real HTTP and the wiring a run gets in Lambda or the CLI (real SDK, gateway, executor), for the
 * orphan-snapshots integration tests. {@code log} lets a test act between the executor's actions, as a concurrent
 * user would. The run sends no notification (the Lambda handler sends the run's summary).
 */
final class OrphanSandbox implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    static final String EAST = "us-east-1";
    static final String WEST = "eu-west-1";

    final Sandbox sandbox;
    final Ec2Clients clients;

    OrphanSandbox(Seed seed) {
        sandbox = Sandbox.start(0, seed);
        clients = new Ec2Clients(ClientSettings.defaults().withEndpoint(sandbox.endpoint())
                .withStaticCredentials("x", "x").withBaseDelay(Duration.ofMillis(5)));
    }

    /** The hand-written fixture under {@code src/test/resources/orphans/}. */
    static Seed trickySeed() {
        try (InputStream in = OrphanSandbox.class.getResourceAsStream("/orphans/tricky-seed.json")) {
            return Seed.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String ami(int n) {
        return String.format("ami-0e1d2c3b4a5f6%04d", n);
    }

    static String snap(int n) {
        return String.format("snap-0e1d2c3b4a5f6%04d", n);
    }

    OrphanSnapshotsRun run(RunLog log) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Housekeeping housekeeping = new Housekeeping(new Ec2Gateway(clients, clock), new Executor(log, clock),
                Notifier.none(), clock);
        return new OrphanSnapshotsRun(housekeeping);
    }

    Report run(String policyJson, boolean apply) {
        return run(RunLog.silent()).run(request(policyJson, apply));
    }

    static RunRequest request(String policyJson, boolean apply) {
        Config config = ConfigLoader.parse(policyJson);
        return new RunRequest(config, List.of(EAST, WEST), !apply, NOW, "test-run");
    }

    /** Snapshot ids the sandbox holds now in {@code region}, whoever owns them. */
    Set<String> snapshotIds(String region) {
        Set<String> ids = new TreeSet<>();
        for (SeedSnapshot snapshot : sandbox.state().regions().get(region).snapshots()) {
            ids.add(snapshot.snapshotId());
        }
        return ids;
    }

    /** POSTs one rule to the sandbox's fault endpoint. */
    void fault(String json) {
        control("POST", "/_sandbox/faults", json);
    }

    /** The sandbox's call counts, {@code {"regions":{"us-east-1":{"DescribeImages":3}},"total":N}}. */
    String calls() {
        return control("GET", "/_sandbox/calls", null);
    }

    private String control(String method, String path, String body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body);
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(sandbox.endpoint() + path)).method(method, publisher).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        clients.close();
        sandbox.close();
    }
}
