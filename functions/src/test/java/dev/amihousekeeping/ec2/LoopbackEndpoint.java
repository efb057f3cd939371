package dev.amihousekeeping.ec2;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A loopback HTTP endpoint for gateway unit tests that need one exact EC2 answer (a throttle, an error, a
 * canned page) and want to see the exact Query API request the SDK sent. Scenarios over real state belong to the
 * sandbox; this is for what the sandbox is not asked to do.
 */
final class LoopbackEndpoint implements AutoCloseable {

    /** One request as the SDK sent it: the form parameters and the SigV4 Authorization header. */
    record Request(Map<String, String> form, String authorization) {
        String action() {
            return form.get("Action");
        }
    }

    /** One canned answer. */
    record Answer(int status, String body) {
        static Answer ok(String body) {
            return new Answer(200, body);
        }

        static Answer error(int status, String code, String message) {
            return new Answer(status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>"
                    + code + "</Code><Message>" + message + "</Message></Error></Errors>"
                    + "<RequestID>req-1</RequestID></Response>");
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    LoopbackEndpoint(Function<Request, Answer> answers) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Request request = new Request(form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)), exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(request);
            Answer answer = answers.apply(request);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                form.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Clients for this endpoint with fixed keys and a 5 ms backoff base. */
    Ec2Clients clients(int maxAttempts) {
        return new Ec2Clients(ClientSettings.defaults()
                .withEndpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .withStaticCredentials("AKIDEXAMPLE", "secret")
                .withRetries(ClientSettings.defaults().retryMode(), maxAttempts)
                .withBaseDelay(Duration.ofMillis(5)));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
