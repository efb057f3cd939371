package dev.amihousekeeping.handler;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.events.EventParser;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.log.JsonLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.warmup.http.CannedResponseHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * SnapStart's priming hook (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html):
 * before Lambda snapshots the initialized execution environment, do the one-off work that the first invocation
 * would otherwise pay for after every restore. It builds the home region's EC2 client (kept by
 * {@link dev.amihousekeeping.ec2.Ec2Clients} for the invocations), sends one DescribeImages and one
 * DescribeSnapshots through throwaway clients whose HTTP layer is a canned response (so marshalling, SigV4 signing,
 * endpoint rules, retries and XML unmarshalling are loaded and compiled), writes and reads a sample report, and
 * parses a sample schedule event.
 *
 * <p>It never calls AWS: credentials are not guaranteed at snapshot time, and a snapshot must not hold a
 * connection. That is why it is not the SDK's {@code SdkWarmUp}, which also sends one real request to STS to warm
 * the HTTP client; only its canned HTTP client is used here. A priming failure is logged and the checkpoint goes
 * on: priming is a speed-up, and a deployment must not fail for it. On a JVM without CRaC, {@link Core} registers
 * nothing and this is never called. The CRaC context holds resources weakly, so the handler keeps a strong
 * reference to its priming.
 */
final class SnapStartPriming implements Resource {

    private static final String SAMPLE_SCHEDULE = "{\"version\":\"0\",\"id\":\"00000000-0000-4000-8000-000000000000\","
            + "\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"account\":\"111122223333\","
            + "\"time\":\"2026-01-01T00:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":{}}";

    /** One owned AMI with a snapshot and a tag, in EC2's response shape (API version 2016-11-15). */
    private static final String DESCRIBE_IMAGES = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <requestId>00000000-0000-4000-8000-000000000000</requestId>
              <imagesSet>
                <item>
                  <imageId>ami-0123456789abcdef0</imageId>
                  <imageLocation>111122223333/priming-2026-01-01</imageLocation>
                  <imageState>available</imageState>
                  <imageOwnerId>111122223333</imageOwnerId>
                  <creationDate>2026-01-01T00:00:00.000Z</creationDate>
                  <isPublic>false</isPublic>
                  <architecture>x86_64</architecture>
                  <imageType>machine</imageType>
                  <name>priming-2026-01-01</name>
                  <rootDeviceType>ebs</rootDeviceType>
                  <rootDeviceName>/dev/xvda</rootDeviceName>
                  <blockDeviceMapping>
                    <item>
                      <deviceName>/dev/xvda</deviceName>
                      <ebs>
                        <snapshotId>snap-0123456789abcdef0</snapshotId>
                        <volumeSize>8</volumeSize>
                        <deleteOnTermination>true</deleteOnTermination>
                        <volumeType>gp3</volumeType>
                        <encrypted>false</encrypted>
                      </ebs>
                    </item>
                  </blockDeviceMapping>
                  <tagSet>
                    <item><key>DeleteOn</key><value>2026-02-01</value></item>
                  </tagSet>
                  <deprecationTime>2026-03-01T00:00:00.000Z</deprecationTime>
                </item>
              </imagesSet>
            </DescribeImagesResponse>
            """;

    /** One owned snapshot made by CreateImage, in EC2's response shape. */
    private static final String DESCRIBE_SNAPSHOTS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <requestId>00000000-0000-4000-8000-000000000001</requestId>
              <snapshotSet>
                <item>
                  <snapshotId>snap-0123456789abcdef0</snapshotId>
                  <volumeId>vol-0123456789abcdef0</volumeId>
                  <status>completed</status>
                  <startTime>2026-01-01T00:00:00.000Z</startTime>
                  <progress>100%</progress>
                  <ownerId>111122223333</ownerId>
                  <volumeSize>8</volumeSize>
                  <description>Created by CreateImage(i-0123456789abcdef0) for ami-0123456789abcdef0</description>
                  <encrypted>false</encrypted>
                  <storageTier>standard</storageTier>
                  <tagSet>
                    <item><key>Team</key><value>platform</value></item>
                  </tagSet>
                </item>
              </snapshotSet>
            </DescribeSnapshotsResponse>
            """;

    private final Dependencies dependencies;

    SnapStartPriming(Dependencies dependencies) {
        this.dependencies = dependencies;
    }

    /** A priming registered with the global CRaC context (a no-op without CRaC). */
    static SnapStartPriming register(Dependencies dependencies) {
        SnapStartPriming priming = new SnapStartPriming(dependencies);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            prime();
        } catch (RuntimeException e) {
            JsonLog.standardOut(Clock.systemUTC())
                    .warn("SnapStart priming failed; the first invocation after restore pays for it")
                    .with("error", e.getClass().getSimpleName())
                    .write();
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: clients resolve credentials per request through the default chain.
    }

    /**
     * Does the priming; returns how many resources the canned listings were read back as (one image, one
     * snapshot: the two listings every scheduled run starts with).
     */
    int prime() {
        String home = dependencies.homeRegion() == null ? "us-east-1" : dependencies.homeRegion();
        if (dependencies.homeRegion() != null && dependencies.clients() != null) {
            dependencies.clients().ec2(home);
        }
        int listed;
        try (Ec2Client images = canned(home, DESCRIBE_IMAGES)) {
            listed = images.describeImages(r -> r.owners("self").includeDisabled(true).includeDeprecated(true)
                    .maxResults(1000)).images().size();
        }
        try (Ec2Client snapshots = canned(home, DESCRIBE_SNAPSHOTS)) {
            listed += snapshots.describeSnapshots(r -> r.ownerIds("self").maxResults(1000)).snapshots().size();
        }
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Report sample = new Report("priming", true, now, List.of("us-east-1"),
                List.of(new ActionResult("us-east-1", ResourceType.IMAGE, "ami-0123456789abcdef0",
                        ActionType.DEREGISTER, "expiry-tag DeleteOn=2025-12-01", Outcome.PLANNED, null)),
                List.of(new Kept("us-east-1", ResourceType.SNAPSHOT, "snap-0123456789abcdef0", "exempt: Retain")),
                List.of(), 0.4);
        ReportJson.read(ReportJson.write(sample));
        EventParser.parse(SAMPLE_SCHEDULE);
        return listed;
    }

    /** A client that answers every call with {@code body} and never opens a connection. */
    private static Ec2Client canned(String region, String body) {
        return Ec2Client.builder()
                .region(Region.of(region))
                .httpClient(CannedResponseHttpClient.builder().statusCode(200)
                        .responseBody(body.getBytes(StandardCharsets.UTF_8)).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .build();
    }
}
