package dev.amihousekeeping.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.events.EventParser;
import dev.amihousekeeping.events.HousekeepingEvent;
import dev.amihousekeeping.sandbox.Sandbox;
import dev.amihousekeeping.sandbox.Seed;
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
import java.util.ArrayList;
import java.util.List;

/**
 * A sandbox seeded for public-share, the run layer wired to it through the real SDK over HTTP, and every
 * notification sent. The ids are the ones the sample events under {@code src/test/resources/events/} name, so
 * that a sample acts on a seeded resource.
 */
final class PublicShareSandbox implements AutoCloseable {

    static final String REGION = "us-east-1";
    static final String OTHER_REGION = "eu-west-1";
    static final String ACCOUNT = "111122223333";
    /** Allowlisted in {@link #REMEDIATE}. */
    static final String PARTNER = "444455556666";
    /** What the samples share with; on no allowlist. */
    static final String FOREIGN = "999988887777";
    static final String AMI = "ami-0a1b2c3d4e5f60718";
    static final String SNAPSHOT = "snap-0f1e2d3c4b5a69788";
    static final String SAMPLE_ORG = "arn:aws:organizations::444455556666:organization/o-exampleorgid";
    static final String SAMPLE_OU = "arn:aws:organizations::444455556666:ou/o-exampleorgid/ou-ab12-cd34ef56";
    static final String OWN_ORG = "arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5";
    static final String OWN_OU = "arn:aws:organizations::111122223333:ou/o-a1b2c3d4e5/ou-ab12-11111111";
    static final String PUBLIC_AMI = "ami-0feedfacecafe0001";
    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    /** Remediate, with one partner account, our organization and one OU allowed, and one deliberately public AMI. */
    static final String REMEDIATE = """
            {"publicShare": {"mode": "remediate", "allowedAccountIds": ["%s"],
              "allowedOrganizationArns": ["%s"], "allowedOrganizationalUnitArns": ["%s"],
              "allowedPublicImageIds": ["%s"]}}""".formatted(PARTNER, OWN_ORG, OWN_OU, PUBLIC_AMI);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Sandbox sandbox;
    private final Ec2Clients clients;
    private final Ec2Gateway gateway;
    private final List<String> notifications = new ArrayList<>();
    private final Housekeeping housekeeping;

    private PublicShareSandbox(String seedJson) {
        sandbox = Sandbox.start(0, Seed.parse(seedJson));
        clients = new Ec2Clients(ClientSettings.defaults().withEndpoint(sandbox.endpoint())
                .withStaticCredentials("x", "x").withBaseDelay(Duration.ofMillis(5)));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        gateway = new Ec2Gateway(clients, clock);
        housekeeping = new Housekeeping(gateway, new Executor(RunLog.silent(), clock),
                (subject, body) -> notifications.add(subject + "\n" + body), clock);
    }

    static PublicShareSandbox start(String seedJson) {
        return new PublicShareSandbox(seedJson);
    }

    /** An empty sandbox, to {@link #load} per test: the clients (and their warm-up) are shared. */
    static PublicShareSandbox start() {
        return new PublicShareSandbox("{}");
    }

    /** Replaces the state with {@code seedJson}, clears faults, the call counts and the notifications. */
    PublicShareSandbox load(String seedJson) {
        sandbox.load(Seed.parse(seedJson));
        control("DELETE", "/_sandbox/faults", null);
        resetCalls();
        notifications.clear();
        return this;
    }

    /** One image in {@link #REGION} with these launch permissions (JSON items) and {@code public} flag. */
    static String imageSeed(String imageId, boolean isPublic, String launchPermissions) {
        return """
                {"accountId": "%s", "regions": {"%s": {"images": [%s]}}}"""
                .formatted(ACCOUNT, REGION, image(imageId, isPublic, launchPermissions));
    }

    static String image(String imageId, boolean isPublic, String launchPermissions) {
        return """
                {"imageId": "%s", "name": "web-%s", "creationDate": "2026-10-01T00:00:00Z", "public": %s,
                 "launchPermissions": [%s]}""".formatted(imageId, imageId.substring(4, 8), isPublic,
                launchPermissions);
    }

    static String snapshot(String snapshotId, String createVolumePermissions) {
        return """
                {"snapshotId": "%s", "volumeId": "vol-0123456789abcdef0", "volumeSize": 8,
                 "startTime": "2026-10-01T00:00:00Z", "createVolumePermissions": [%s]}"""
                .formatted(snapshotId, createVolumePermissions);
    }

    static String user(String accountId) {
        return "{\"userId\": \"" + accountId + "\"}";
    }

    static Config config(String json) {
        return ConfigLoader.parse(json);
    }

    PublicShareRun run() {
        return new PublicShareRun(housekeeping);
    }

    Housekeeping housekeeping() {
        return housekeeping;
    }

    /** A sample event through the same dispatcher the CLI's {@code handle} uses, with every function registered. */
    Report handle(String sample, Config config, boolean dryRun) {
        return handleEvent(EventParser.parse(sampleText(sample)), config, dryRun);
    }

    Report handleEvent(HousekeepingEvent event, Config config, boolean dryRun) {
        RunRequest request = new RunRequest(config, List.of(REGION), dryRun, NOW, "test-run");
        return new EventDispatcher(List.of(run())).dispatch(event, request);
    }

    Report sweep(Config config, boolean dryRun, String... regions) {
        return run().run(new RunRequest(config, List.of(regions), dryRun, NOW, "test-run"));
    }

    List<LaunchPermission> imageGrants(String region, String imageId) throws Exception {
        return gateway.launchPermissions(region, imageId);
    }

    List<LaunchPermission> snapshotGrants(String region, String snapshotId) throws Exception {
        return gateway.createVolumePermissions(region, snapshotId);
    }

    String blockPublicAccess(String region) {
        return gateway.imageBlockPublicAccessState(region) + "/" + gateway.snapshotBlockPublicAccessState(region);
    }

    /** Subject, newline, body: one entry per notification sent. */
    List<String> notifications() {
        return notifications;
    }

    void fault(String ruleJson) {
        control("POST", "/_sandbox/faults", ruleJson);
    }

    void resetCalls() {
        control("DELETE", "/_sandbox/calls", null);
    }

    /** How many times {@code action} was called in {@code region} since the last {@link #resetCalls}. */
    int calls(String region, String action) {
        return control("GET", "/_sandbox/calls", null).at("/regions/" + region + "/" + action).asInt(0);
    }

    int totalCalls() {
        return control("GET", "/_sandbox/calls", null).get("total").asInt();
    }

    Seed state() {
        return sandbox.state();
    }

    URI endpoint() {
        return sandbox.endpoint();
    }

    static String sampleText(String name) {
        try (InputStream in = PublicShareSandbox.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample event " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode control(String method, String path, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(sandbox.endpoint().resolve(path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
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
