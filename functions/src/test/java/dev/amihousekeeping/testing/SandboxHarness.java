package dev.amihousekeeping.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.events.EventParser;
import dev.amihousekeeping.events.HousekeepingEvent;
import dev.amihousekeeping.run.EventDispatcher;
import dev.amihousekeeping.run.Executor;
import dev.amihousekeeping.run.FunctionRun;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.Notifier;
import dev.amihousekeeping.run.RunLog;
import dev.amihousekeeping.run.RunRequest;
import dev.amihousekeeping.sandbox.Sandbox;
import dev.amihousekeeping.sandbox.SandboxOptions;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedAccount;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.sandbox.SeedRegion;
import dev.amihousekeeping.sandbox.SeedSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The one way a test starts the EC2 sandbox and reaches it: a sandbox on a free port from a seed, the real SDK
 * clients pointed at it over HTTP, the gateway and the run wiring a Lambda execution environment or a CLI run
 * builds on them, and the control endpoints (faults, call log, state, clock) as typed methods.
 * <p>The clock is the seed's {@code now} (the machine's when the seed has none) unless {@link #at} fixes another:
 * what the sandbox calls "now" and what the applier calls "now" agree. Every notification a run sends is kept
 * ({@link #notifications}). Clients are built once per number of attempts and shared by every test on this
 * harness (building them is most of a small test's time); {@link #renewClients} starts over, for tests that drain
 * the SDK's per-client retry quota.
 * <p>As a JUnit extension in a static field ({@code @RegisterExtension static final SandboxHarness sandbox = ...})
 * it is started once for the class and closed after it; {@link #freshEachTest} loads the starting seed again
 * before each test.
 */
public final class SandboxHarness implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    /** Backoff base of the clients: injected throttling stays fast. */
    public static final Duration BACKOFF = Duration.ofMillis(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sandbox sandbox;
    private final Seed startingSeed;
    private Seed loaded;
    private boolean freshEachTest;
    private final ControlEndpoints control;
    private final Map<Integer, Ec2Clients> clients = new ConcurrentHashMap<>();
    private final List<String> notifications = new CopyOnWriteArrayList<>();
    private Clock clock;
    private int maxAttempts = ClientSettings.DEFAULT_MAX_ATTEMPTS;

    private SandboxHarness(SandboxOptions options) {
        sandbox = Sandbox.start(options);
        startingSeed = options.seed();
        loaded = startingSeed;
        control = new ControlEndpoints(sandbox.endpoint());
        clock = options.seed().now() == null ? Clock.systemUTC() : Clock.fixed(options.seed().now(), ZoneOffset.UTC);
    }

    /** A sandbox on a free port: {@code options} say the seed and the copy delay; the port is ignored. */
    public static SandboxHarness start(SandboxOptions options) {
        return new SandboxHarness(options.withPort(0));
    }

    public static SandboxHarness start(Seed seed) {
        return start(SandboxOptions.defaults().withSeed(seed));
    }

    /** From a seed in the JSON form of DESIGN §8. */
    public static SandboxHarness start(String seedJson) {
        return start(Seed.parse(seedJson));
    }

    public static SandboxHarness start(Path seedFile) {
        return start(Seed.read(seedFile));
    }

    /** No regions, to {@link #load} per test. */
    public static SandboxHarness empty() {
        return start(Seed.empty());
    }

    /** As an extension: before each test, the starting seed again, no faults, no call log, no notifications. */
    public SandboxHarness freshEachTest() {
        freshEachTest = true;
        return this;
    }

    /** Back to the seed it started with: no faults, no call log, no notifications. */
    public SandboxHarness reset() {
        return load(startingSeed);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (freshEachTest) {
            reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Fixes the clock of the wiring (gateway, executor, run requests) at {@code now}. */
    public SandboxHarness at(Instant now) {
        clock = Clock.fixed(now, ZoneOffset.UTC);
        return this;
    }

    /** Makes {@link #clients()} and the wiring on them try a call at most {@code maxAttempts} times. */
    public SandboxHarness retrying(int maxAttempts) {
        this.maxAttempts = maxAttempts;
        return this;
    }

    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public URI endpoint() {
        return sandbox.endpoint();
    }

    // ---- clients and wiring

    /** Real SDK settings for this sandbox: fixed keys, the default attempts, a {@link #BACKOFF} base. */
    public ClientSettings settings() {
        return ClientSettings.defaults().withEndpoint(sandbox.endpoint()).withStaticCredentials("x", "x")
                .withBaseDelay(BACKOFF);
    }

    /** {@link #settings()} with at most {@code maxAttempts} tries a call (standard retries). */
    public ClientSettings settings(int maxAttempts) {
        return settings().withRetries(RetryMode.STANDARD, maxAttempts);
    }

    /** Clients with the attempts {@link #retrying} set (the SDK default of this project otherwise). */
    public Ec2Clients clients() {
        return clients(maxAttempts);
    }

    /** Clients that try a call at most {@code maxAttempts} times, built once and shared. */
    public Ec2Clients clients(int maxAttempts) {
        return clients.computeIfAbsent(maxAttempts, attempts -> new Ec2Clients(settings(attempts)));
    }

    /** Closes the shared clients; the next call builds new ones, with a full retry quota. */
    public void renewClients() {
        clients.values().forEach(Ec2Clients::close);
        clients.clear();
    }

    /** An EC2 client of {@code region}, as another user of the account would use it. */
    public Ec2Client ec2(String region) {
        return clients().ec2(region);
    }

    public Ec2Gateway gateway() {
        return new Ec2Gateway(clients(), clock);
    }

    public Housekeeping housekeeping() {
        return housekeeping(RunLog.silent());
    }

    public Housekeeping housekeeping(RunLog log) {
        return housekeeping(clients(), clock, log);
    }

    /** The wiring with {@code clock} for its gateway and executor: a test can make the apply phase take long. */
    public Housekeeping housekeeping(Clock clock, RunLog log) {
        return housekeeping(clients(), clock, log);
    }

    public Housekeeping housekeeping(int maxAttempts, RunLog log) {
        return housekeeping(clients(maxAttempts), clock, log);
    }

    /** The wiring with {@code notifier} in place of the one that keeps {@link #notifications}. */
    public Housekeeping housekeeping(Notifier notifier) {
        return housekeeping(clients(), clock, RunLog.silent(), notifier);
    }

    private Housekeeping housekeeping(Ec2Clients with, Clock at, RunLog log) {
        return housekeeping(with, at, log, (subject, body) -> notifications.add(subject + "\n" + body));
    }

    /** What a Lambda execution environment or a CLI run builds: one gateway, an executor, a notifier. */
    private static Housekeeping housekeeping(Ec2Clients with, Clock at, RunLog log, Notifier notifier) {
        return Housekeeping.create(with, at, log, notifier);
    }

    /** Subject, newline, body: one entry per notification the wiring sent since the start or {@link #load}. */
    public List<String> notifications() {
        return notifications;
    }

    // ---- runs

    /** A run of {@code config} over its regions at {@link #now}, changing things unless {@code dryRun}. */
    public RunRequest request(Config config, boolean dryRun) {
        return request(config, config.regions(), dryRun);
    }

    public RunRequest request(Config config, List<String> regions, boolean dryRun) {
        return new RunRequest(config, regions, dryRun, now(), "test-run");
    }

    /** {@code function} built on {@link #housekeeping()}, run once. */
    public Report run(Function<Housekeeping, ? extends FunctionRun> function, RunRequest request) {
        return function.apply(housekeeping()).run(request);
    }

    /** One delivery of a raw event through the dispatcher the Lambda handlers and {@code handle} share. */
    public Report deliver(String eventJson, RunRequest request, List<? extends FunctionRun> functions) {
        return deliver(EventParser.parse(eventJson), request, functions);
    }

    public Report deliver(HousekeepingEvent event, RunRequest request, List<? extends FunctionRun> functions) {
        return new EventDispatcher(List.copyOf(functions)).dispatch(event, request);
    }

    // ---- state

    /** Replaces the state with {@code seed}; clears faults, the call log and the notifications. */
    public SandboxHarness load(Seed seed) {
        sandbox.load(seed);
        loaded = seed;
        clearFaults();
        resetCalls();
        notifications.clear();
        return this;
    }

    public SandboxHarness load(String seedJson) {
        return load(Seed.parse(seedJson));
    }

    /** What the sandbox was started or last {@link #load}ed with. */
    public Seed loaded() {
        return loaded;
    }

    /** The whole state in seed form, every account and region. */
    public Seed state() {
        return sandbox.state();
    }

    /** {@code GET /_sandbox/state}: the state as the control endpoint serves it. */
    public JsonNode stateJson() {
        return control.get("state");
    }

    public List<SeedImage> images(String region) {
        SeedRegion state = state().regions().get(region);
        return state == null ? List.of() : state.images();
    }

    /** The images of {@code account} in {@code region}, in a seed of several accounts. */
    public List<SeedImage> images(String account, String region) {
        SeedAccount state = state().accounts() == null ? null : state().accounts().get(account);
        SeedRegion regional = state == null ? null : state.regions().get(region);
        return regional == null ? List.of() : regional.images();
    }

    public Optional<SeedImage> image(String region, String imageId) {
        return images(region).stream().filter(i -> i.imageId().equals(imageId)).findFirst();
    }

    /** The images in {@code region} that are copies of {@code sourceImageId}, by EC2's own attribute. */
    public List<SeedImage> copiesOf(String sourceImageId, String region) {
        return images(region).stream().filter(i -> sourceImageId.equals(i.sourceImageId())).toList();
    }

    public List<SeedSnapshot> snapshots(String region) {
        SeedRegion state = state().regions().get(region);
        return state == null ? List.of() : state.snapshots();
    }

    public SeedSnapshot snapshot(String region, String snapshotId) {
        return snapshots(region).stream().filter(s -> s.snapshotId().equals(snapshotId)).findFirst().orElseThrow();
    }

    /** Snapshot ids {@code region} holds now, whoever owns them, sorted. */
    public Set<String> snapshotIds(String region) {
        return snapshots(region).stream().map(SeedSnapshot::snapshotId).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Sets one field of {@code imageId} in {@code region} (as the seed spells it), everything else as it is. */
    public void editImage(String region, String imageId, String field, String value) {
        ObjectNode seed = stateTree();
        for (JsonNode image : seed.path("regions").path(region).path("images")) {
            if (image.path("imageId").asText().equals(imageId)) {
                ((ObjectNode) image).put(field, value);
            }
        }
        sandbox.load(Seed.parse(seed.toString()));
    }

    /** Adds an image, given in the seed's JSON form, to {@code region}; the rest as it is. */
    public void addImage(String region, String imageJson) {
        ObjectNode seed = stateTree();
        try {
            ((ArrayNode) seed.path("regions").path(region).path("images")).add(JSON.readTree(imageJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sandbox.load(Seed.parse(seed.toString()));
    }

    private ObjectNode stateTree() {
        try {
            return (ObjectNode) JSON.readTree(state().toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The launch permissions of {@code imageId}, read through the gateway (DescribeImageAttribute). */
    public List<LaunchPermission> imageGrants(String region, String imageId) throws Exception {
        return gateway().launchPermissions(region, imageId);
    }

    /** The create-volume permissions of {@code snapshotId}, read through the gateway. */
    public List<LaunchPermission> snapshotGrants(String region, String snapshotId) throws Exception {
        return gateway().createVolumePermissions(region, snapshotId);
    }

    /** Image, then snapshot block public access state of {@code region}: {@code "block-new-sharing/unblocked"}. */
    public String blockPublicAccess(String region) {
        Ec2Gateway gateway = gateway();
        return gateway.imageBlockPublicAccessState(region) + "/" + gateway.snapshotBlockPublicAccessState(region);
    }

    /** {@code POST /_sandbox/clock}: the sandbox's own "now" (pending copies, recycle bin retention). */
    public void sandboxClock(Instant now) {
        control.post("clock", "{\"now\":\"" + now + "\"}");
    }

    // ---- faults and the call log

    /** Posts a fault rule, e.g. {@code {"action":"DeleteSnapshot","error":"RequestLimitExceeded","rate":0.3}}. */
    public void fault(String ruleJson) {
        control.post("faults", ruleJson);
    }

    /** {@code errorCode} on every {@code action} call in {@code region}. */
    public void fault(String action, String region, String errorCode) {
        fault("{\"action\":\"" + action + "\",\"region\":\"" + region + "\",\"error\":\"" + errorCode + "\"}");
    }

    /**
     * {@code error} on {@code rate} of the calls to each of {@code actions}. Each action's rule is seeded so that its
     * first call fails twice in a row, the worst start a run can have, and draws at random after that: a small
     * fixture makes few calls of each kind, and a fault that happened to miss them all would prove nothing.
     */
    public void failEvery(List<String> actions, String error, int status, double rate) {
        long seed = 0;
        for (String action : actions) {
            seed = seedWhoseDrawsFail(rate, seed + 1, true, true);
            fault("{\"action\":\"" + action + "\",\"error\":\"" + error + "\",\"status\":" + status
                    + ",\"rate\":" + rate + ",\"seed\":" + seed + "}");
        }
    }

    /**
     * The first seed from {@code from} whose first draws fail ({@code true}) or pass as {@code pattern} says, for a
     * fault of {@code rate}. The sandbox draws {@code new Random(seed).nextDouble()} once per matching call
     * ({@code Faults}); the tests count the calls, so they notice if that changes.
     */
    public static long seedWhoseDrawsFail(double rate, long from, boolean... pattern) {
        for (long seed = from; ; seed++) {
            Random draws = new Random(seed);
            boolean matches = true;
            for (boolean fails : pattern) {
                matches &= (draws.nextDouble() < rate) == fails;
            }
            if (matches) {
                return seed;
            }
        }
    }

    public void clearFaults() {
        control.delete("faults");
    }

    /** How many times {@code action} was called in {@code region} since the start or {@link #resetCalls}. */
    public int calls(String region, String action) {
        return callsIn(region).path(action).asInt(0);
    }

    /** Calls to any of {@code actions} in any region since the start or {@link #resetCalls}. */
    public int calls(List<String> actions) {
        int total = 0;
        for (JsonNode region : callLog().path("regions")) {
            for (String action : actions) {
                total += region.path(action).asInt(0);
            }
        }
        return total;
    }

    /** Every call in {@code region}, by action. */
    public JsonNode callsIn(String region) {
        return callLog().path("regions").path(region);
    }

    public int totalCalls() {
        return callLog().path("total").asInt();
    }

    /** {@code GET /_sandbox/calls}: {@code {"regions":{"us-east-1":{"DescribeImages":3}},"total":N}}. */
    public JsonNode callLog() {
        return control.get("calls");
    }

    public void resetCalls() {
        control.delete("calls");
    }

    @Override
    public void close() {
        renewClients();
        sandbox.close();
    }
}
