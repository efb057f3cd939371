package dev.amihousekeeping.ec2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amihousekeeping.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The sandbox's control endpoints over HTTP, as a test drives them: faults and the call log. */
public record SandboxControl(Sandbox sandbox) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Injects a fault, e.g. {@code {"action":"DescribeImageReferences","error":"UnauthorizedOperation"}}. */
    public void fault(String json) {
        send("POST", "/_sandbox/faults", json);
    }

    public void clearFaults() {
        send("DELETE", "/_sandbox/faults", null);
    }

    /** How many {@code action} calls {@code region} has answered ({@code GET /_sandbox/calls}). */
    public int calls(String region, String action) {
        try {
            return MAPPER.readTree(send("GET", "/_sandbox/calls", null)).path("regions").path(region).path(action)
                    .asInt(0);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void resetCalls() {
        send("DELETE", "/_sandbox/calls", null);
    }

    /** {@code GET /_sandbox/state}: the whole state in seed form. */
    public String state() {
        return send("GET", "/_sandbox/state", null);
    }

    private String send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
