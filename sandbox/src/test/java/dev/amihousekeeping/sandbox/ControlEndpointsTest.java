package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.model.Region;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static dev.amihousekeeping.sandbox.SandboxClients.authorization;
import static dev.amihousekeeping.sandbox.SandboxClients.ec2;
import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.SandboxClients.http;
import static dev.amihousekeeping.sandbox.TestSeeds.image;
import static dev.amihousekeeping.sandbox.TestSeeds.imageId;
import static dev.amihousekeeping.sandbox.TestSeeds.snapshotId;
import static org.assertj.core.api.Assertions.assertThat;

class ControlEndpointsTest extends TwoImageSandboxTest {

    private URI control(String path) {
        return sandbox.endpoint().resolve(path);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return SeedJson.MAPPER.readTree(response.body());
    }

    @Test
    void returnsStateAsSeed_andReplacesItOnPut() throws Exception {
        ec2.deregisterImage(r -> r.imageId(imageId(2)));
        Seed state = Seed.parse(http("GET", control("/_sandbox/state"), null, null).body());
        assertThat(state.regions().get("us-east-1").images()).extracting(SeedImage::imageId).containsExactly(imageId(1));

        HttpResponse<String> put = http("PUT", control("/_sandbox/state"),
                TestSeeds.seed("eu-west-1", List.of(image(3, "three"))).toJson(), null);

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(json(put).at("/regions/eu-west-1/images").asInt()).isEqualTo(1);
        assertThat(ec2(sandbox, "eu-west-1").describeImages(r -> r.owners("self")).images()).hasSize(1);
        assertThat(ec2.describeImages(r -> r.owners("self")).images()).isEmpty();
    }

    @Test
    void leavesRegionsOutOfTheState_thatWereOnlyRead() {
        ec2(sandbox, "ap-south-1").describeImages();
        errorOf(() -> ec2(sandbox, "eu-north-1").createTags(r -> r.resources(imageId(1))
                .tags(t -> t.key("A").value("1"))), "InvalidAMIID.NotFound", 400);
        ec2(sandbox, "sa-east-1").enableImageBlockPublicAccess(r -> r.imageBlockPublicAccessState("block-new-sharing"));

        assertThat(sandbox.state().regions()).containsOnlyKeys("us-east-1", "sa-east-1");
    }

    @Test
    void refusesSeed_withA400NamingTheUnknownKey() throws Exception {
        HttpResponse<String> put = http("PUT", control("/_sandbox/state"),
                "{\"regions\":{\"us-east-1\":{\"imagez\":[]}}}", null);

        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(json(put).get("error").asText()).contains("'imagez'").contains("regions.us-east-1");
        assertThat(ec2.describeImages(r -> r.owners("self")).images()).hasSize(2);
    }

    @Test
    void setsTheClockThatNewImagesAndDeprecationUse() throws Exception {
        HttpResponse<String> set = http("POST", control("/_sandbox/clock"), "{\"now\":\"2027-03-01T12:00:00Z\"}", null);
        ec2.enableImageDeprecation(r -> r.imageId(imageId(1)).deprecateAt(java.time.Instant.parse("2027-03-01T12:00:00Z")));
        String copy = ec2.copyImage(r -> r.sourceRegion("us-east-1").sourceImageId(imageId(1)).name("copy")).imageId();

        assertThat(json(set).get("now").asText()).isEqualTo("2027-03-01T12:00:00Z");
        assertThat(ec2.describeImages(r -> r.imageIds(copy)).images().get(0).creationDate())
                .isEqualTo("2027-03-01T12:00:00.000Z");
        errorOf(() -> ec2.enableImageDeprecation(r -> r.imageId(imageId(2))
                .deprecateAt(java.time.Instant.parse("2027-02-01T00:00:00Z"))), "InvalidParameterValue", 400);
        assertThat(sandbox.state().now()).isEqualTo("2027-03-01T12:00:00Z");
    }

    @Test
    void injectsFaultsAtTheGivenRate_repeatablyPerSeed() throws Exception {
        List<Boolean> first = failures("{\"action\":\"DescribeImages\",\"error\":\"RequestLimitExceeded\","
                + "\"status\":503,\"rate\":0.3,\"seed\":7}", 40);
        List<Boolean> second = failures("{\"action\":\"DescribeImages\",\"error\":\"RequestLimitExceeded\","
                + "\"status\":503,\"rate\":0.3,\"seed\":7}", 40);

        assertThat(first).isEqualTo(second);
        assertThat(first.stream().filter(f -> f).count()).isBetween(4L, 24L);
        assertThat(ec2.describeSnapshots(r -> r.ownerIds("self")).snapshots()).hasSize(2);
    }

    private List<Boolean> failures(String fault, int calls) throws Exception {
        http("DELETE", control("/_sandbox/faults"), null, null);
        assertThat(http("POST", control("/_sandbox/faults"), fault, null).statusCode()).isEqualTo(200);
        List<Boolean> failed = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            try {
                ec2.describeImages(r -> r.owners("self"));
                failed.add(false);
            } catch (software.amazon.awssdk.services.ec2.model.Ec2Exception e) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
                assertThat(e.statusCode()).isEqualTo(503);
                failed.add(true);
            }
        }
        return failed;
    }

    @Test
    void scopesFaultsToRegionAndTimes_andClearsThemOnDelete() throws Exception {
        http("POST", control("/_sandbox/faults"),
                "{\"action\":\"DeleteSnapshot\",\"error\":\"UnauthorizedOperation\",\"region\":\"us-east-1\",\"times\":1}",
                null);
        http("POST", control("/_sandbox/faults"), "{\"error\":\"InternalError\",\"region\":\"eu-west-1\"}", null);

        errorOf(() -> ec2.deleteSnapshot(r -> r.snapshotId(snapshotId(9))), "UnauthorizedOperation", 400);
        errorOf(() -> ec2.deleteSnapshot(r -> r.snapshotId(snapshotId(9))), "InvalidSnapshot.NotFound", 400);
        errorOf(() -> ec2(sandbox, "eu-west-1").describeRegions(), "InternalError", 500);
        assertThat(json(http("GET", control("/_sandbox/faults"), null, null)).get("faults")).hasSize(2);

        http("DELETE", control("/_sandbox/faults"), null, null);

        assertThat(ec2(sandbox, "eu-west-1").describeRegions().regions()).isNotEmpty();
    }

    @Test
    void answersABareHttp500_withoutAnErrorDocument_whenTheFaultHasNoErrorCode() throws Exception {
        HttpResponse<String> posted = http("POST", control("/_sandbox/faults"),
                "{\"action\":\"DescribeLaunchConfigurations\",\"error\":null,\"status\":500}", null);

        HttpResponse<String> response = http("POST", sandbox.endpoint(),
                "Action=DescribeLaunchConfigurations&Version=2011-01-01", authorization("us-east-1", "autoscaling"));

        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("<html>").doesNotContain("<Code>").doesNotContain("<Error>");
        assertThat(ec2.describeImages(r -> r.owners("self")).images()).hasSize(2);
    }

    @Test
    void refusesAFault_whoseErrorCodeIsBlank() throws Exception {
        HttpResponse<String> posted = http("POST", control("/_sandbox/faults"), "{\"error\":\" \"}", null);

        assertThat(posted.statusCode()).isEqualTo(400);
        assertThat(json(http("GET", control("/_sandbox/faults"), null, null)).get("faults")).isEmpty();
    }

    @Test
    void countsCallsPerRegionAndAction_includingFailedOnes() throws Exception {
        http("DELETE", control("/_sandbox/calls"), null, null);
        ec2.describeImages(r -> r.owners("self"));
        ec2.describeImages(r -> r.owners("self"));
        errorOf(() -> ec2.deleteSnapshot(r -> r.snapshotId(snapshotId(1))), "InvalidSnapshot.InUse", 400);
        ec2(sandbox, "eu-west-1").describeSnapshots();

        JsonNode calls = json(http("GET", control("/_sandbox/calls"), null, null));

        assertThat(calls.get("total").asInt()).isEqualTo(4);
        assertThat(calls.at("/regions/us-east-1/DescribeImages").asInt()).isEqualTo(2);
        assertThat(calls.at("/regions/us-east-1/DeleteSnapshot").asInt()).isEqualTo(1);
        assertThat(calls.at("/regions/eu-west-1/DescribeSnapshots").asInt()).isEqualTo(1);
        assertThat(json(http("DELETE", control("/_sandbox/calls"), null, null)).get("total").asInt()).isZero();
    }

    @Test
    void answersInvalidAction_forOperationsTheSandboxDoesNotHave() throws Exception {
        HttpResponse<String> response = http("POST", sandbox.endpoint(), "Action=DescribeVpcs&Version=2016-11-15",
                authorization("us-east-1", "ec2"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Response><Errors><Error><Code>InvalidAction</Code>")
                .contains("<RequestID>");
        errorOf(() -> ec2.describeVpcs(), "InvalidAction", 400);
    }

    @Test
    void answersDryRunOperation_whenDryRunIsSet() {
        errorOf(() -> ec2.deregisterImage(r -> r.imageId(imageId(1)).dryRun(true)), "DryRunOperation", 412);

        assertThat(ec2.describeImages(r -> r.owners("self")).images()).hasSize(2);
    }

    @Test
    void listsStandardAndSeededRegions() {
        sandbox.load(TestSeeds.seed("me-central-1", List.of()));

        List<String> regions = ec2.describeRegions().regions().stream().map(Region::regionName).toList();

        assertThat(regions).contains("us-east-1", "eu-west-1", "ap-southeast-2", "me-central-1");
        assertThat(ec2.describeRegions(r -> r.regionNames("eu-west-1")).regions()).singleElement()
                .satisfies(r -> assertThat(r.endpoint()).isEqualTo("ec2.eu-west-1.amazonaws.com"));
    }

    @Test
    void servesLaunchConfigurations_whenSigV4ServiceIsAutoscaling() throws Exception {
        Seed seed = TestSeeds.seed("us-east-1", List.of(image(1, "one")));
        SeedRegion region = seed.regions().get("us-east-1");
        sandbox.load(seed.withRegion("us-east-1", new SeedRegion(region.images(), region.snapshots(), null, null,
                null, List.of(SeedLaunchConfiguration.of("lc-web", imageId(1)), SeedLaunchConfiguration.of("lc-api",
                imageId(1))), null, null)));

        HttpResponse<String> all = http("POST", sandbox.endpoint(),
                "Action=DescribeLaunchConfigurations&Version=2011-01-01&MaxRecords=1",
                authorization("us-east-1", "autoscaling"));
        HttpResponse<String> other = http("POST", sandbox.endpoint(),
                "Action=DescribeAutoScalingGroups&Version=2011-01-01", authorization("us-east-1", "autoscaling"));
        HttpResponse<String> elsewhere = http("POST", sandbox.endpoint(),
                "Action=DescribeLaunchConfigurations&Version=2011-01-01", authorization("eu-west-1", "autoscaling"));

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\"")
                .contains("<LaunchConfigurationName>lc-web</LaunchConfigurationName>")
                .contains("<ImageId>" + imageId(1) + "</ImageId>")
                .doesNotContain("lc-api").contains("<NextToken>");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).contains("<ErrorResponse").contains("<Code>InvalidAction</Code>");
        assertThat(elsewhere.body()).contains("<LaunchConfigurations></LaunchConfigurations>");
    }

    @Test
    void stopsServing_whenClosed() {
        sandbox.close();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ec2.describeImages())
                .isInstanceOf(SdkClientException.class);
    }
}
