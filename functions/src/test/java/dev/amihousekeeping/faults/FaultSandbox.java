package dev.amihousekeeping.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.events.EventParser;
import dev.amihousekeeping.run.EventDispatcher;
import dev.amihousekeeping.run.Executor;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.HousekeepingFunction;
import dev.amihousekeeping.run.RunLog;
import dev.amihousekeeping.sandbox.Sandbox;
import dev.amihousekeeping.sandbox.SandboxOptions;
import dev.amihousekeeping.sandbox.Seed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.core.retry.RetryMode;

/**
 * One sandbox over real HTTP with the fixture's seed, the run layer wired to it as Lambda and the CLI wire it (real
 * SDK, gateway, executor), and its control endpoints: faults, call counts and {@code GET /_sandbox/state}.
 * <p>Clients are built afresh for each test (on {@link #reset} or {@link #load}): the SDK's standard retry strategy
 * keeps a retry quota per client, and a test that drains it (an outage) must not leave the next test with fewer
 * retries than it asked for.
 */
final class FaultSandbox implements AutoCloseable {

    /** Every EC2 call a function makes that changes something. */
    static final List<String> MUTATING_ACTIONS = List.of("DeregisterImage", "EnableImageDeprecation", "DisableImage",
            "DeleteSnapshot", "ModifyImageAttribute", "ModifySnapshotAttribute", "EnableImageBlockPublicAccess",
            "EnableSnapshotBlockPublicAccess", "CopyImage", "CreateTags");

    /** Every read a function makes: inventories (paginated), grants, in-use sources, account settings. */
    static final List<String> DESCRIBE_ACTIONS = List.of("DescribeImages", "DescribeSnapshots",
            "DescribeImageAttribute", "DescribeSnapshotAttribute", "DescribeImageReferences", "DescribeInstances",
            "DescribeLaunchTemplates", "DescribeLaunchTemplateVersions", "DescribeLaunchConfigurations",
            "GetImageBlockPublicAccessState", "GetSnapshotBlockPublicAccessState");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Sandbox sandbox;
    private final Clock clock = Clock.fixed(FaultFixture.NOW, ZoneOffset.UTC);
    private final Ec2Clients others;
    private final Map<Integer, Ec2Clients> clients = new HashMap<>();
    final List<String> notifications = new ArrayList<>();
    private Seed seed = FaultFixture.seed();

    private FaultSandbox() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withCopyDelay(Duration.ZERO).withSeed(FaultFixture.seed()));
        others = new Ec2Clients(settings(3));
    }

    static FaultSandbox start() {
        return new FaultSandbox();
    }

    /** Back to the fixture: its seed, no faults, no call counts, no notifications. */
    FaultSandbox reset() {
        return load(FaultFixture.seed());
    }

    FaultSandbox load(Seed seed) {
        closeClients();
        this.seed = seed;
        sandbox.load(seed);
        clearFaults();
        control("DELETE", "/_sandbox/calls", null);
        notifications.clear();
        return this;
    }

    /** Real SDK settings on this sandbox: at most {@code maxAttempts} tries a call, 5 ms backoff base. */
    ClientSettings settings(int maxAttempts) {
        return ClientSettings.defaults().withEndpoint(sandbox.endpoint()).withStaticCredentials("x", "x")
                .withRetries(RetryMode.STANDARD, maxAttempts).withBaseDelay(Duration.ofMillis(5));
    }

    /** The scheduled run of {@code function} over both regions, applied, with {@code log} told of each action. */
    Report run(HousekeepingFunction function, int maxAttempts, RunLog log) {
        return function.create(housekeeping(clients(maxAttempts), log)).run(FaultFixture.request(false));
    }

    Report run(HousekeepingFunction function, int maxAttempts) {
        return run(function, maxAttempts, RunLog.silent());
    }

    /** The plan {@code function} would apply now, as a dry run. */
    Report plan(HousekeepingFunction function) {
        return function.create(housekeeping(clients(3), RunLog.silent())).run(FaultFixture.request(true));
    }

    /** One delivery of a raw event through the dispatcher the Lambda handlers and {@code handle} share, applied. */
    Report deliver(String eventJson, int maxAttempts) {
        Housekeeping housekeeping = housekeeping(clients(maxAttempts), RunLog.silent());
        return EventDispatcher.of(housekeeping).dispatch(EventParser.parse(eventJson), FaultFixture.request(false));
    }

    private Ec2Clients clients(int maxAttempts) {
        return clients.computeIfAbsent(maxAttempts, attempts -> new Ec2Clients(settings(attempts)));
    }

    private void closeClients() {
        clients.values().forEach(Ec2Clients::close);
        clients.clear();
    }

    private Housekeeping housekeeping(Ec2Clients clients, RunLog log) {
        return new Housekeeping(new Ec2Gateway(clients, clock), new Executor(log, clock),
                (subject, body) -> notifications.add(subject + "\n" + body), clock);
    }

    /** Another user of the account deregisters {@code imageId}, keeping its snapshots, as the console does. */
    void someoneDeregisters(String region, String imageId) {
        others.ec2(region).deregisterImage(r -> r.imageId(imageId));
    }

    /** Another user registers an AMI from {@code snapshotId} (RegisterImage), which then uses the snapshot. */
    String someoneRegisters(String region, String name, String snapshotId) {
        return others.ec2(region).registerImage(r -> r.name(name).rootDeviceName("/dev/xvda")
                .blockDeviceMappings(b -> b.deviceName("/dev/xvda").ebs(e -> e.snapshotId(snapshotId))))
                .imageId();
    }

    /** A person removes the tag {@code key} from {@code resourceId} (DeleteTags), as the console's tag editor does. */
    void someoneRemovesTag(String region, String resourceId, String key) {
        others.ec2(region).deleteTags(r -> r.resources(resourceId).tags(t -> t.key(key)));
    }

    /** POSTs one rule to {@code /_sandbox/faults}. */
    void fault(String ruleJson) {
        control("POST", "/_sandbox/faults", ruleJson);
    }

    /**
     * {@code RequestLimitExceeded} (503) on {@code rate} of every mutating call; see {@link #failEvery}.
     */
    void throttleEveryMutatingCall(double rate) {
        failEvery(MUTATING_ACTIONS, "RequestLimitExceeded", 503, rate);
    }

    /**
     * {@code error} on {@code rate} of the calls to each of {@code actions}. Each action's rule is seeded so that its
     * first call fails twice in a row, the worst start a run can have, and draws at random after that: a small
     * fixture makes few calls of each kind, and a fault that happened to miss them all would prove nothing.
     */
    void failEvery(List<String> actions, String error, int status, double rate) {
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
    static long seedWhoseDrawsFail(double rate, long from, boolean... pattern) {
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

    void clearFaults() {
        control("DELETE", "/_sandbox/faults", null);
    }

    /** How many times {@code action} was called in {@code region} since the last reset. */
    int calls(String region, String action) {
        return control("GET", "/_sandbox/calls", null).path("regions").path(region).path(action).asInt(0);
    }

    /** Calls to any of {@code actions} in any region since the last reset. */
    int calls(List<String> actions) {
        JsonNode regions = control("GET", "/_sandbox/calls", null).path("regions");
        int total = 0;
        for (JsonNode region : regions) {
            for (String action : actions) {
                total += region.path(action).asInt(0);
            }
        }
        return total;
    }

    /** What the sandbox was last loaded with. */
    Seed seed() {
        return seed;
    }

    /** What is there now, comparable with another sandbox loaded with the same seed. */
    FinalState finalState() {
        return FinalState.of(seed, state());
    }

    /** {@code GET /_sandbox/state}: images, snapshots, grants, tags, block public access, as the sandbox holds them. */
    JsonNode state() {
        return control("GET", "/_sandbox/state", null);
    }

    private JsonNode control(String method, String path, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(sandbox.endpoint().resolve(path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closeClients();
        others.close();
        sandbox.close();
    }
}
