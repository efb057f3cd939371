package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.amihousekeeping.sandbox.AccountSeeds.CONSUMER;
import static dev.amihousekeeping.sandbox.AccountSeeds.HUB;
import static dev.amihousekeeping.sandbox.AccountSeeds.OUTSIDER;
import static dev.amihousekeeping.sandbox.AccountSeeds.REGION;
import static dev.amihousekeeping.sandbox.AccountSeeds.ROLE;
import static dev.amihousekeeping.sandbox.AccountSeeds.roleArn;
import static dev.amihousekeeping.sandbox.SandboxClients.assumed;
import static dev.amihousekeeping.sandbox.SandboxClients.ec2;
import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.SandboxClients.sts;
import static dev.amihousekeeping.sandbox.TestSeeds.NOW;
import static dev.amihousekeeping.sandbox.TestSeeds.imageId;
import static org.assertj.core.api.Assertions.assertThat;

class StsTest {

    private Sandbox sandbox;
    private StsClient sts;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, AccountSeeds.organization());
        sts = sts(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void callerIdentity_ofAnyOtherKey_isTheDefaultAccountsRoot() {
        GetCallerIdentityResponse identity = sts.getCallerIdentity();

        assertThat(identity.account()).isEqualTo(HUB);
        assertThat(identity.arn()).isEqualTo("arn:aws:iam::" + HUB + ":root");
        assertThat(identity.userId()).isEqualTo(HUB);
    }

    @Test
    void assumeRole_givesCredentialsThatActInThatAccount() {
        AssumeRoleResponse response = sts.assumeRole(r -> r.roleArn(roleArn(CONSUMER)).roleSessionName("run-1"));

        assertThat(response.credentials().accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(response.credentials().secretAccessKey()).isNotEmpty();
        assertThat(response.credentials().sessionToken()).isNotEmpty();
        // The seed's clock is in the past: the machine's clock, so that the SDK's providers cache the credentials.
        assertThat(response.credentials().expiration()).isAfter(Instant.now().plus(Duration.ofMinutes(59)))
                .isBefore(Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(response.assumedRoleUser().arn())
                .isEqualTo("arn:aws:sts::" + CONSUMER + ":assumed-role/" + ROLE + "/run-1");
        assertThat(response.assumedRoleUser().assumedRoleId()).startsWith("AROA").endsWith(":run-1");
    }

    @Test
    void assumedCredentials_fromTheSdkProvider_seeThatAccountsImages() {
        StsAssumeRoleCredentialsProvider provider = assumed(sandbox, roleArn(CONSUMER));
        Ec2Client consumer = ec2(sandbox, REGION, provider);
        StsClient consumerSts = StsClient.builder().endpointOverride(sandbox.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).credentialsProvider(provider)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();

        List<String> own = consumer.describeImages(r -> r.owners("self")).images().stream().map(Image::imageId)
                .toList();
        GetCallerIdentityResponse identity = consumerSts.getCallerIdentity();
        AwsCredentials credentials = provider.resolveCredentials();

        assertThat(own).containsExactly(imageId(5));
        assertThat(identity.account()).isEqualTo(CONSUMER);
        assertThat(identity.arn()).isEqualTo("arn:aws:sts::" + CONSUMER + ":assumed-role/" + ROLE + "/housekeeping");
        assertThat(credentials.accessKeyId()).startsWith("ASIA");
        assertThat(ec2(sandbox, REGION).describeImages(r -> r.owners("self")).images()).hasSize(4);
    }

    @Test
    void theSdkProvider_assumesTheRoleOnce_forManyCalls() throws Exception {
        Ec2Client consumer = ec2(sandbox, REGION, assumed(sandbox, roleArn(CONSUMER)));

        for (int i = 0; i < 5; i++) {
            consumer.describeImages(r -> r.owners("self"));
        }

        JsonNode calls = SeedJson.MAPPER.readTree(SandboxClients.http("GET",
                sandbox.endpoint().resolve("/_sandbox/calls"), null, null).body());
        assertThat(calls.at("/regions/us-east-1/AssumeRole").asInt()).isEqualTo(1);
        assertThat(calls.at("/accounts/" + CONSUMER).asInt()).isEqualTo(5);
    }

    @Test
    void assumeRole_isDenied_forARoleTheAccountDoesNotList() {
        String message = errorOf(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + CONSUMER + ":role/Admin")
                .roleSessionName("run-1")), "AccessDenied", 403);

        assertThat(message).contains("sts:AssumeRole").contains("role/Admin");
    }

    @Test
    void assumeRole_isDenied_forAnUnknownOrSuspendedAccount() {
        errorOf(() -> sts.assumeRole(r -> r.roleArn(roleArn("999988887777")).roleSessionName("run-1")),
                "AccessDenied", 403);
        errorOf(() -> sts.assumeRole(r -> r.roleArn(roleArn(OUTSIDER)).roleSessionName("run-1")),
                "AccessDenied", 403);
    }

    @Test
    void assumedKey_ofAnAccountTheStateNoLongerHas_isRefused_notTheDefaultAccount() {
        StsAssumeRoleCredentialsProvider provider = assumed(sandbox, roleArn(CONSUMER));
        Ec2Client consumer = ec2(sandbox, REGION, provider);
        consumer.describeImages(r -> r.owners("self"));
        Seed withoutConsumer = new Seed(HUB, NOW, null,
                Map.of(HUB, AccountSeeds.organization().accounts().get(HUB)), null);
        sandbox.load(withoutConsumer);

        errorOf(() -> consumer.describeImages(r -> r.owners("self")), "InvalidClientTokenId", 403);
    }
}
