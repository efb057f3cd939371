package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static dev.amihousekeeping.sandbox.SandboxClients.ec2;
import static dev.amihousekeeping.sandbox.SandboxClients.ec2WithSdkRetries;
import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.SandboxClients.http;
import static dev.amihousekeeping.sandbox.TestSeeds.image;
import static dev.amihousekeeping.sandbox.TestSeeds.imageId;
import static org.assertj.core.api.Assertions.assertThat;

class RequestLimitsTest {

    private static final long SECOND = 1_000_000_000L;

    /** The buckets' clock: stands still until a test moves it, so a burst needs no sleeping. */
    private final AtomicLong ticker = new AtomicLong(42 * SECOND);
    private Sandbox sandbox;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        Seed seed = TestSeeds.seed("us-east-1", List.of(image(1, "web-1")));
        seed = seed.withRegion("eu-west-1", TestSeeds.seed("eu-west-1", List.of(image(1, "web-1")))
                .regions().get("eu-west-1"));
        sandbox = Sandbox.start(SandboxOptions.defaults().withSeed(seed), ticker::get);
        ec2 = ec2(sandbox, "us-east-1");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private URI limits() {
        return sandbox.endpoint().resolve("/_sandbox/limits");
    }

    private JsonNode post(String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = http("POST", limits(), body, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return SeedJson.MAPPER.readTree(response.body());
    }

    private void tag(Ec2Client client) {
        client.createTags(r -> r.resources(imageId(1)).tags(Tag.builder().key("k").value("v").build()));
    }

    /**
     * Sets the limits to {@code settings} (buckets on) and spends the 200 CreateTags tokens of us-east-1's bucket,
     * so that the next mutating call there is refused.
     */
    private void spendTheCreateTagsBucket(String settings) throws Exception {
        post(settings, 200);
        for (int i = 0; i < 200; i++) {
            tag(ec2);
        }
    }

    private JsonNode limitsView() throws Exception {
        return SeedJson.MAPPER.readTree(http("GET", limits(), null, null).body());
    }

    private JsonNode calls() throws Exception {
        return SeedJson.MAPPER.readTree(http("GET", sandbox.endpoint().resolve("/_sandbox/calls"), null, null).body());
    }

    @Test
    void addsTheLatencyToEveryCall() throws Exception {
        post("{\"latencyMs\":150}", 200);

        long start = System.nanoTime();
        ec2.describeImages(r -> r.owners("self"));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMs).isGreaterThanOrEqualTo(150);
    }

    @Test
    void refusesMutatingCallsBeyondTheirBucket_andServesThemAgainAfterTheRefill() throws Exception {
        spendTheCreateTagsBucket("{\"ec2Buckets\":true}");

        errorOf(() -> tag(ec2), "RequestLimitExceeded", 503);
        ticker.addAndGet(SECOND / 5 + 1);
        tag(ec2);
        errorOf(() -> tag(ec2), "RequestLimitExceeded", 503);

        JsonNode view = limitsView();
        assertThat(view.at("/throttled/us-east-1/CreateTags").asInt()).isEqualTo(2);
        JsonNode calls = calls();
        assertThat(calls.at("/regions/us-east-1/CreateTags").asInt()).isEqualTo(203);
    }

    @Test
    void theSdkRetriesAnEmptyBucket_asThrottling() throws Exception {
        spendTheCreateTagsBucket("{\"ec2Buckets\":true}");
        Ec2Client retrying = ec2WithSdkRetries(sandbox, "us-east-1");

        errorOf(() -> tag(retrying), "RequestLimitExceeded", 503);

        JsonNode calls = calls();
        assertThat(calls.at("/regions/us-east-1/CreateTags").asInt()).isGreaterThan(201);
    }

    @Test
    void readsHaveTheirOwnBuckets_andAnUnfilteredDescribeTheSmallest() throws Exception {
        spendTheCreateTagsBucket("{\"ec2Buckets\":true}");
        errorOf(() -> tag(ec2), "RequestLimitExceeded", 503);

        for (int i = 0; i < 50; i++) {
            ec2.describeSnapshots();
        }
        errorOf(() -> ec2.describeSnapshots(), "RequestLimitExceeded", 503);
        for (int i = 0; i < 100; i++) {
            ec2.describeImages(r -> r.owners("self"));
        }
        errorOf(() -> ec2.describeImages(r -> r.owners("self")), "RequestLimitExceeded", 503);
    }

    @Test
    void eachRegionHasItsOwnBuckets() throws Exception {
        spendTheCreateTagsBucket("{\"ec2Buckets\":true}");
        errorOf(() -> tag(ec2), "RequestLimitExceeded", 503);

        tag(ec2(sandbox, "eu-west-1"));
    }

    @Test
    void eachCallerAccountHasItsOwnBuckets() throws Exception {
        sandbox.load(AccountSeeds.organization());
        spendTheCreateTagsBucket("{\"ec2Buckets\":true}");
        errorOf(() -> tag(ec2), "RequestLimitExceeded", 503);
        Ec2Client consumer = ec2(sandbox, "us-east-1", SandboxClients.assumed(sandbox,
                AccountSeeds.roleArn(AccountSeeds.CONSUMER)));

        consumer.createTags(r -> r.resources(imageId(5)).tags(Tag.builder().key("k").value("v").build()));

        JsonNode calls = calls();
        assertThat(calls.at("/accounts/" + AccountSeeds.CONSUMER).asInt()).isGreaterThanOrEqualTo(1);
        // 201 CreateTags and the AssumeRole, which the default (hub) account's key signed.
        assertThat(calls.at("/accounts/" + AccountSeeds.HUB).asInt()).isEqualTo(202);
    }

    @Test
    void deleteClearsTheLimits() throws Exception {
        spendTheCreateTagsBucket("{\"latencyMs\":5,\"ec2Buckets\":true}");
        errorOf(() -> tag(ec2), "RequestLimitExceeded", 503);

        HttpResponse<String> deleted = http("DELETE", limits(), null, null);

        tag(ec2);
        JsonNode view = limitsView();
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(view.path("latencyMs").asLong()).isZero();
        assertThat(view.path("ec2Buckets").asBoolean()).isFalse();
    }

    @Test
    void refusesABadSetting_andKeepsTheCurrentOne() throws Exception {
        post("{\"latencyMs\":7,\"ec2Buckets\":true}", 200);

        JsonNode negative = post("{\"latencyMs\":-1}", 400);
        JsonNode notJson = post("{latency", 400);
        JsonNode unknownKey = post("{\"latency\":5}", 400);

        assertThat(negative.path("error").asText()).contains("latencyMs");
        assertThat(notJson.path("error").asText()).startsWith("bad LimitSettings body");
        assertThat(unknownKey.path("error").asText()).contains("latency");
        JsonNode view = limitsView();
        assertThat(view.path("latencyMs").asLong()).isEqualTo(7);
        assertThat(view.path("ec2Buckets").asBoolean()).isTrue();
    }
}
