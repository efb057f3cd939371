package dev.amihousekeeping.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A local EC2 endpoint on 127.0.0.1 (DESIGN §8) for the AWS SDK and the {@code aws} CLI: point a client's
 * endpoint override at {@link #endpoint()}, with any static credentials and the region to act in.
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start(0, Seed.read(Path.of("seed.json")))) {
 *     Ec2Client ec2 = Ec2Client.builder().endpointOverride(sandbox.endpoint()) ... .build();
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {

    static {
        // The JDK server leaves Nagle's algorithm on, which costs ~40 ms per request/response on loopback (delayed
        // ACK); 10,000s of calls in tests and the benchmark need it off. Read once, when the server classes load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final SandboxState state;
    private final Faults faults = new Faults();
    private final CallLog calls = new CallLog();
    private final Ec2Api ec2 = new Ec2Api();
    private final AutoScalingApi autoScaling = new AutoScalingApi();
    private final SsmApi ssm = new SsmApi();
    private final RecycleBinApi recycleBin = new RecycleBinApi();
    private final RequestLimits limits;
    private final ControlApi control;

    private Sandbox(SandboxOptions options, LongSupplier ticker) throws IOException {
        state = new SandboxState(options.copyDelay());
        state.load(options.seed());
        limits = new RequestLimits(ticker);
        control = new ControlApi(state, faults, calls, limits);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 64);
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "ec2-sandbox-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Starts a sandbox; a port that cannot be bound fails with {@link UncheckedIOException}. */
    public static Sandbox start(SandboxOptions options) {
        return start(options, System::nanoTime);
    }

    /** Starts a sandbox whose request token buckets refill by {@code ticker} (nanoseconds), for tests. */
    static Sandbox start(SandboxOptions options, LongSupplier ticker) {
        try {
            return new Sandbox(options, ticker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the EC2 sandbox on port " + options.port(), e);
        }
    }

    /** Starts a sandbox on {@code port} (0: a free one) with the default copy delay. */
    public static Sandbox start(int port, Seed seed) {
        return start(SandboxOptions.defaults().withPort(port).withSeed(seed));
    }

    /** {@code http://127.0.0.1:PORT}, for {@code endpointOverride} and {@code --endpoint-url}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Replaces all state (every region, the account, the clock) with the seed's. */
    public void load(Seed seed) {
        state.load(seed);
    }

    /** The current state, in seed form. */
    public Seed state() {
        return state.toSeed();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = readBody(exchange.getRequestBody());
            String path = exchange.getRequestURI().getPath();
            ApiResponse response;
            try {
                response = path.startsWith("/_sandbox")
                        ? control.handle(exchange.getRequestMethod(), path, body)
                        : api(exchange, body);
            } catch (RuntimeException e) {
                e.printStackTrace();
                response = Ec2Api.error(new Ec2Error("InternalError", "An internal error has occurred: " + e,
                        500), "sandbox-internal-error");
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private ApiResponse api(HttpExchange exchange, String body) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        QueryRequest scope = QueryRequest.parse(authorization, null, null);
        if (SsmApi.accepts(target, scope.service())) {
            return ssm(target, scope.region(), body);
        }
        if (RecycleBinApi.accepts(scope.service())) {
            return recycleBin(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), scope.region(), body);
        }
        QueryRequest request = QueryRequest.parse(authorization, exchange.getRequestURI().getRawQuery(), body);
        boolean isAutoScaling = "autoscaling".equals(request.service());
        calls.record(request.region(), request.action());
        limits.delay();
        if (!isAutoScaling && !limits.admitEc2(state.accountId(), request.region(), request)) {
            return Ec2Api.error(new Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503),
                    java.util.UUID.randomUUID().toString());
        }
        FaultRule fault = faults.draw(request.region(), request.action());
        if (fault != null) {
            if (fault.bare()) {
                return ApiResponse.html(fault.status(), fault.barePage());
            }
            Ec2Error error = new Ec2Error(fault.error(), fault.message(), fault.status());
            String requestId = java.util.UUID.randomUUID().toString();
            return isAutoScaling ? AutoScalingApi.error(error, requestId) : Ec2Api.error(error, requestId);
        }
        return isAutoScaling ? autoScaling.handle(request, state) : ec2.handle(request, state);
    }

    private ApiResponse ssm(String target, String region, String body) {
        String operation = SsmApi.operation(target);
        calls.record(region, operation);
        limits.delay();
        FaultRule fault = faults.draw(region, operation);
        if (fault != null) {
            return fault.bare() ? ApiResponse.html(fault.status(), fault.barePage())
                    : SsmApi.error(new SsmError(fault.error(), fault.message(), fault.status()));
        }
        return ssm.handle(target, region, body, state);
    }

    private ApiResponse recycleBin(String method, String path, String region, String body) {
        String operation = RecycleBinApi.operation(method, path);
        calls.record(region, operation);
        limits.delay();
        FaultRule fault = faults.draw(region, operation);
        if (fault != null) {
            return fault.bare() ? ApiResponse.html(fault.status(), fault.barePage())
                    : RecycleBinApi.error(new RecycleBinApi.RbinError(fault.error(), fault.message(), fault.status()));
        }
        return recycleBin.handle(method, path, region, body, state);
    }

    private static String readBody(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
