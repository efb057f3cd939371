package dev.amihousekeeping.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.sandbox.Sandbox;
import dev.amihousekeeping.sandbox.Seed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * A sandbox with a seed, the clients pointed at it, and its control endpoints (faults, call counts) for gateway
 * tests over real HTTP with the real SDK. The clock is the seed's, so that what the sandbox calls "now" and what
 * the applier calls "now" agree.
 */
final class SandboxFixture implements AutoCloseable {

    final Sandbox sandbox;
    final Ec2Clients clients;
    final Clock clock;
    private final HttpClient http = HttpClient.newHttpClient();

    SandboxFixture(Seed seed, int maxAttempts) {
        sandbox = Sandbox.start(0, seed);
        clients = new Ec2Clients(ClientSettings.defaults().withEndpoint(sandbox.endpoint())
                .withStaticCredentials("AKIDEXAMPLE", "sandbox")
                .withRetries(ClientSettings.defaults().retryMode(), maxAttempts)
                .withBaseDelay(Duration.ofMillis(2)));
        clock = Clock.fixed(seed.now(), ZoneOffset.UTC);
    }

    SandboxFixture(Seed seed) {
        this(seed, ClientSettings.DEFAULT_MAX_ATTEMPTS);
    }

    Ec2Gateway gateway() {
        return new Ec2Gateway(clients, clock);
    }

    /** Posts a fault rule, e.g. {@code {"action":"DeleteSnapshot","error":"RequestLimitExceeded","rate":0.3}}. */
    void fault(String json) {
        send(HttpRequest.newBuilder(control("faults")).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    void clearFaults() {
        send(HttpRequest.newBuilder(control("faults")).DELETE().build());
    }

    /** How many times {@code action} was called in {@code region} since the start or {@link #resetCalls}. */
    long calls(String region, String action) {
        JsonNode count = callLog().path("regions").path(region).path(action);
        return count.isMissingNode() ? 0 : count.asLong();
    }

    /** Every call in {@code region}, by action. */
    JsonNode callsIn(String region) {
        return callLog().path("regions").path(region);
    }

    void resetCalls() {
        send(HttpRequest.newBuilder(control("calls")).DELETE().build());
    }

    private JsonNode callLog() {
        try {
            return ReportJson.mapper().readTree(send(HttpRequest.newBuilder(control("calls")).GET().build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URI control(String path) {
        return sandbox.endpoint().resolve("/_sandbox/" + path);
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + ": " + response.statusCode() + " " + response.body());
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
