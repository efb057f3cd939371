package dev.amihousekeeping.cli;

import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.sandbox.Sandbox;
import dev.amihousekeeping.sandbox.Seed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A sandbox for the public-share CLI tests, with a reader of grants through the real SDK. Sample events are the
 * functions module's ({@link #SAMPLES}); their ids are the ones seeded here.
 */
final class PublicShareSandbox implements AutoCloseable {

    /** The real-shaped sample events (tests run in the module directory). */
    static final Path SAMPLES = Path.of("..", "functions", "src", "test", "resources", "events");
    static final String ACCOUNT = "111122223333";
    static final String PARTNER = "444455556666";
    static final String FOREIGN = "999988887777";
    static final String AMI = "ami-0a1b2c3d4e5f60718";
    static final String SNAPSHOT = "snap-0f1e2d3c4b5a69788";
    static final String SAMPLE_ORG = "arn:aws:organizations::444455556666:organization/o-exampleorgid";
    static final String SAMPLE_OU = "arn:aws:organizations::444455556666:ou/o-exampleorgid/ou-ab12-cd34ef56";
    static final String POLICY = """
            {"publicShare": {"allowedAccountIds": ["%s"], "allowedOrganizationArns": ["%s"]}}"""
            .formatted(PARTNER, SAMPLE_ORG);

    private final Sandbox sandbox;
    private final Ec2Clients clients;
    private final Ec2Gateway gateway;

    PublicShareSandbox(String seedJson) {
        sandbox = Sandbox.start(0, Seed.parse(seedJson));
        clients = new Ec2Clients(ClientSettings.defaults().withEndpoint(sandbox.endpoint())
                .withStaticCredentials("x", "x"));
        gateway = new Ec2Gateway(clients, Clock.systemUTC());
    }

    static Path sample(String name) {
        return SAMPLES.resolve(name);
    }

    String endpoint() {
        return sandbox.endpoint().toString();
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

    void fault(String ruleJson) {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(sandbox.endpoint().resolve("/_sandbox/faults"))
                    .POST(HttpRequest.BodyPublishers.ofString(ruleJson)).build(), HttpResponse.BodyHandlers.discarding());
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
