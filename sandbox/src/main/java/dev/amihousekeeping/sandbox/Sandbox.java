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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

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
    private final StsApi sts = new StsApi();
    private final OrganizationsApi organizations = new OrganizationsApi();
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
        // JSON services' bodies are not forms: only the credential scope is read for them.
        QueryRequest scope = QueryRequest.parse(authorization, null, null);
        AccountState caller = state.caller(scope.accessKey());
        if (SsmApi.accepts(target, scope.service())) {
            return serve(caller, scope.region(), SsmApi.operation(target),
                    fault -> SsmApi.error(new SsmError(fault.error(), fault.message(), fault.status())),
                    () -> ssm.handle(target, scope.region(), body, caller));
        }
        if (OrganizationsApi.accepts(target, scope.service())) {
            return serve(caller, scope.region(), OrganizationsApi.operation(target),
                    fault -> OrganizationsApi.error(new ServiceError(fault.error(), fault.message(),
                            fault.status())),
                    () -> organizations.handle(target, body, caller));
        }
        if (RecycleBinApi.accepts(scope.service())) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            return serve(caller, scope.region(), RecycleBinApi.operation(method, path),
                    fault -> RecycleBinApi.error(new ServiceError(fault.error(), fault.message(),
                            fault.status())),
                    () -> recycleBin.handle(method, path, scope.region(), body, caller));
        }
        QueryRequest request = QueryRequest.parse(authorization, exchange.getRequestURI().getRawQuery(), body);
        if (StsApi.accepts(request.service())) {
            return serve(caller, request.region(), request.action(),
                    fault -> StsApi.error(new ServiceError(fault.error(), fault.message(), fault.status()),
                            UUID.randomUUID().toString()),
                    () -> sts.handle(request, caller));
        }
        boolean isAutoScaling = "autoscaling".equals(request.service());
        Function<FaultRule, ApiResponse> queryError = fault -> {
            Ec2Error error = new Ec2Error(fault.error(), fault.message(), fault.status());
            String requestId = UUID.randomUUID().toString();
            return isAutoScaling ? AutoScalingApi.error(error, requestId) : Ec2Api.error(error, requestId);
        };
        return serve(caller, request.region(), request.action(), queryError, () -> {
            if (!isAutoScaling && !limits.admitEc2(caller.accountId(), request.region(), request)) {
                return Ec2Api.error(new Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503),
                        UUID.randomUUID().toString());
            }
            return null;
        }, () -> isAutoScaling ? autoScaling.handle(request, caller) : ec2.handle(request, caller));
    }

    private ApiResponse serve(AccountState caller, String region, String operation,
                              Function<FaultRule, ApiResponse> faultResponse, Supplier<ApiResponse> answer) {
        return serve(caller, region, operation, faultResponse, () -> null, answer);
    }

    /**
     * Counts the call, adds the configured latency, applies the request limits ({@code throttle}: a refusal or
     * null), draws a fault, then answers. A caller whose access key AssumeRole issued for an account the current
     * state no longer has is refused: never the default account.
     */
    private ApiResponse serve(AccountState caller, String region, String operation,
                              Function<FaultRule, ApiResponse> faultResponse, Supplier<ApiResponse> throttle,
                              Supplier<ApiResponse> answer) {
        calls.record(caller == null ? null : caller.accountId(), region, operation);
        limits.delay();
        if (caller == null) {
            return faultResponse.apply(new FaultRule(operation, "InvalidClientTokenId", 403, null, null, null,
                    "The security token included in the request is invalid: its account is not in the sandbox's "
                            + "state.", null));
        }
        ApiResponse throttled = throttle.get();
        if (throttled != null) {
            return throttled;
        }
        FaultRule fault = faults.draw(region, operation);
        if (fault != null) {
            return fault.bare() ? ApiResponse.html(fault.status(), fault.barePage()) : faultResponse.apply(fault);
        }
        return answer.get();
    }

    private static String readBody(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
