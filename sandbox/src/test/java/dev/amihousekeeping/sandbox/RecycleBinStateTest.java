package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rbin.RbinClient;
import software.amazon.awssdk.services.rbin.model.LockState;
import software.amazon.awssdk.services.rbin.model.ResourceType;
import software.amazon.awssdk.services.rbin.model.RuleSummary;
import software.amazon.awssdk.services.rbin.model.ValidationException;

import java.net.http.HttpResponse;
import java.util.List;

import static dev.amihousekeeping.sandbox.SandboxClients.authorization;
import static dev.amihousekeeping.sandbox.SandboxClients.ec2;
import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.SandboxClients.http;
import static dev.amihousekeeping.sandbox.TestSeeds.imageId;
import static dev.amihousekeeping.sandbox.TestSeeds.snapshotId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Recycle Bin in the seed and state (round trip, validation), rbin's ListRules, and strictness. */
class RecycleBinStateTest {

    /** Image 1 and snapshot 1 in the bin since the seed's now; rules as an infra stack would make them. */
    private static final String SEED = """
            {"accountId":"111122223333","now":"2026-11-01T00:00:00Z","regions":{"us-east-1":{
              "recycleBinRules":[
                {"resourceType":"EC2_IMAGE","retentionDays":7,
                 "resourceTags":[{"key":"HousekeepingRecycle","value":"true"}]},
                {"identifier":"LockedAll01","description":"every AMI","resourceType":"EC2_IMAGE",
                 "retentionDays":1,"lockState":"locked"},
                {"resourceType":"EBS_SNAPSHOT","retentionDays":7,
                 "resourceTags":[{"key":"HousekeepingRecycle","value":"true"}]}],
              "recycleBin":{
                "images":[{"recycleBinEnterTime":"2026-10-30T00:00:00Z","recycleBinExitTime":"2026-11-06T00:00:00Z",
                  "image":{"imageId":"%s","name":"web-1","tags":{"HousekeepingRecycle":"true"},
                    "blockDeviceMappings":[{"deviceName":"/dev/xvda","snapshotId":"%s","volumeSize":8}]}}],
                "snapshots":[{"recycleBinEnterTime":"2026-10-30T00:00:00Z","recycleBinExitTime":"2026-11-06T00:00:00Z",
                  "snapshot":{"snapshotId":"%s","volumeId":"vol-00000000000000001","tags":{"HousekeepingRecycle":"true"}}}]}
            }}}""".formatted(imageId(1), snapshotId(1), snapshotId(1));

    private Sandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private RbinClient rbin() {
        return RbinClient.builder()
                .endpointOverride(sandbox.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @Test
    void showsRulesAndBinInState_andTakesThemBackOnPut() throws Exception {
        sandbox = Sandbox.start(0, Seed.parse(SEED));

        String state = http("GET", sandbox.endpoint().resolve("/_sandbox/state"), null, null).body();
        JsonNode region = SeedJson.MAPPER.readTree(state).at("/regions/us-east-1");
        assertThat(region.at("/recycleBinRules/0/identifier").asText()).matches("[0-9A-Za-z]{11}");
        assertThat(region.at("/recycleBinRules/1/identifier").asText()).isEqualTo("LockedAll01");
        assertThat(region.at("/recycleBin/images/0/image/tags/aws:recycle-bin:resource-in-bin").asText())
                .isEqualTo("true");
        assertThat(region.at("/recycleBin/snapshots/0/recycleBinExitTime").asText()).isEqualTo("2026-11-06T00:00:00Z");

        assertThat(http("PUT", sandbox.endpoint().resolve("/_sandbox/state"), state, null).statusCode())
                .isEqualTo(200);
        assertThat(http("GET", sandbox.endpoint().resolve("/_sandbox/state"), null, null).body()).isEqualTo(state);
    }

    @Test
    void restoresWhatTheSeedPutInTheBin_snapshotFirst() {
        sandbox = Sandbox.start(0, Seed.parse(SEED));
        Ec2Client ec2 = ec2(sandbox, "us-east-1");

        errorOf(() -> ec2.restoreImageFromRecycleBin(r -> r.imageId(imageId(1))), "IncorrectState", 400);
        ec2.restoreSnapshotFromRecycleBin(r -> r.snapshotId(snapshotId(1)));
        ec2.restoreImageFromRecycleBin(r -> r.imageId(imageId(1)));

        assertThat(ec2.describeImages(r -> r.imageIds(imageId(1))).images().get(0).tags())
                .extracting(t -> t.key()).containsExactly("HousekeepingRecycle");
        assertThat(sandbox.state().regions().get("us-east-1").recycleBin()).isNull();
    }

    @Test
    void leavesRecycleBinKeysOutOfTheState_whenARegionHasNone() {
        sandbox = Sandbox.start(0, TestSeeds.seed("us-east-1", List.of(TestSeeds.image(1, "one"))));

        assertThat(sandbox.state().toJson()).doesNotContain("recycleBin");
    }

    @Test
    void refusesSeed_namingTheRuleKeyThatIsWrong() {
        assertThatThrownBy(() -> Sandbox.start(0, Seed.parse(SEED.replace("\"EBS_SNAPSHOT\"", "\"EBS_VOLUMES\""))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("regions.us-east-1.recycleBinRules[2].resourceType 'EBS_VOLUMES'");
        assertThatThrownBy(() -> Sandbox.start(0, Seed.parse(SEED.replace("\"retentionDays\":1,", ""))))
                .hasMessageContaining("recycleBinRules[1].retentionDays 'null'");
        assertThatThrownBy(() -> Sandbox.start(0, Seed.parse(SEED.replaceFirst("\"recycleBinExitTime\":\"[^\"]*\",",
                ""))))
                .hasMessageContaining("recycleBin.images[0].recycleBinExitTime is missing");
    }

    @Test
    void listsRulesOfTheResourceType_withRbinsShape() {
        sandbox = Sandbox.start(0, Seed.parse(SEED));

        List<RuleSummary> images = rbin().listRules(r -> r.resourceType(ResourceType.EC2_IMAGE)).rules();

        assertThat(images).hasSize(2);
        assertThat(images.get(0).retentionPeriod().retentionPeriodValue()).isEqualTo(7);
        assertThat(images.get(0).retentionPeriod().retentionPeriodUnitAsString()).isEqualTo("DAYS");
        assertThat(images.get(0).lockState()).isEqualTo(LockState.UNLOCKED);
        assertThat(images.get(1).identifier()).isEqualTo("LockedAll01");
        assertThat(images.get(1).description()).isEqualTo("every AMI");
        assertThat(images.get(1).ruleArn()).isEqualTo("arn:aws:rbin:us-east-1:111122223333:rule/LockedAll01");
        assertThat(rbin().listRules(r -> r.resourceType(ResourceType.EC2_IMAGE).resourceTags(t -> t
                .resourceTagKey("HousekeepingRecycle").resourceTagValue("true"))).rules()).hasSize(1);
        assertThat(rbin().listRules(r -> r.resourceType(ResourceType.EC2_IMAGE).lockState(LockState.LOCKED)).rules())
                .extracting(RuleSummary::identifier).containsExactly("LockedAll01");
        assertThat(rbin().listRulesPaginator(r -> r.resourceType(ResourceType.EBS_SNAPSHOT).maxResults(1)).rules())
                .hasSize(1);
        assertThat(rbin().listRulesPaginator(r -> r.resourceType(ResourceType.EC2_IMAGE).maxResults(1)).rules())
                .extracting(RuleSummary::identifier).endsWith("LockedAll01").hasSize(2);
        assertThat(rbin().listRules(r -> r.resourceType(ResourceType.EBS_VOLUME)).rules()).isEmpty();
        assertThatThrownBy(() -> rbin().listRules(r -> r.resourceType("EC2_AMI")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("resourceType");
        assertThat(ec2(sandbox, "eu-west-1").describeImages().images()).isEmpty();
    }

    @Test
    void refusesUnknownParametersOnRecycleBinActions() throws Exception {
        sandbox = Sandbox.start(0, Seed.parse(SEED));

        HttpResponse<String> response = http("POST", sandbox.endpoint(), "Action=ListImagesInRecycleBin"
                + "&Version=2016-11-15&SnapshotId.1=" + snapshotId(1), authorization("us-east-1", "ec2"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("The parameter SnapshotId.1 is not recognized");
    }
}
