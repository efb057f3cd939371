package dev.amihousekeeping.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The sandbox's control endpoints ({@code /_sandbox/...}, DESIGN §8) over HTTP, as a test drives them. A call the
 * sandbox refuses fails the test at once, with the sandbox's answer.
 */
final class ControlEndpoints {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;

    ControlEndpoints(URI endpoint) {
        this.endpoint = endpoint;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    void post(String path, String body) {
        send("POST", path, body);
    }

    void delete(String path) {
        send("DELETE", path, null);
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/_sandbox/" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " /_sandbox/" + path + ": " + response.statusCode() + " "
                        + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
