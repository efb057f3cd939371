package dev.amihousekeeping.sandbox;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;

import static dev.amihousekeeping.sandbox.SandboxClients.authorization;
import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.SandboxClients.http;
import static dev.amihousekeeping.sandbox.TestSeeds.imageId;
import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox refuses what EC2 refuses before reading values: unknown parameters, too many filter values. */
class StrictnessTest extends TwoImageSandboxTest {

    private HttpResponse<String> post(String form) throws Exception {
        return http("POST", sandbox.endpoint(), form, authorization("us-east-1", "ec2"));
    }

    @Test
    void unknownParameter_isRefusedWithUnknownParameter_notIgnored() {
        String message = errorOf(() -> ec2.describeImages(r -> r.owners("self")
                .overrideConfiguration(o -> o.putRawQueryParameter("IncludeEverything", "true"))),
                "UnknownParameter", 400);

        assertThat(message).isEqualTo("The parameter IncludeEverything is not recognized");
    }

    @Test
    void parameterOfAnotherAction_isUnknown_evenWhenItsNameLooksRight() throws Exception {
        HttpResponse<String> snapshotsByImage = post("Action=DescribeSnapshots&Version=2016-11-15&ImageId.1="
                + imageId(1));
        HttpResponse<String> filterWithoutIndex = post("Action=DescribeImages&Version=2016-11-15&Filter.Name=name");
        HttpResponse<String> zeroIndex = post("Action=DescribeImages&Version=2016-11-15&ImageId.0=" + imageId(1));

        assertThat(List.of(snapshotsByImage, filterWithoutIndex, zeroIndex)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("<Code>UnknownParameter</Code>");
        });
        assertThat(snapshotsByImage.body()).contains("The parameter ImageId.1 is not recognized");
    }

    @Test
    void commonParameters_andQueryStringSignatures_areAccepted() throws Exception {
        HttpResponse<String> presigned = http("GET", sandbox.endpoint().resolve("/?Action=DescribeImages"
                + "&Version=2016-11-15&Owner.1=self&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIDTEST%2F20261101%2Fus-east-1%2Fec2%2Faws4_request&X-Amz-Date=20261101T000000Z"
                + "&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00&X-Amz-Security-Token=t"), null, null);

        assertThat(presigned.statusCode()).as(presigned.body()).isEqualTo(200);
        assertThat(presigned.body()).contains(imageId(1), imageId(2));
        errorOf(() -> ec2.describeImages(r -> r.owners("self").dryRun(true)), "DryRunOperation", 412);
    }

    @Test
    void filterValuesOverEc2sLimitOf200_areRefused_andExactly200AreAccepted() {
        List<String> names = IntStream.rangeClosed(1, 200).mapToObj(i -> "app-" + i).toList();
        Filter byName = Filter.builder().name("name").values(names.subList(0, 150)).build();
        Filter byId = Filter.builder().name("image-id").values(imageId(1)).build();

        assertThat(ec2.describeImages(r -> r.filters(Filter.builder().name("name").values(names).build()))
                .images()).isEmpty();
        String message = errorOf(() -> ec2.describeImages(r -> r.filters(byName,
                Filter.builder().name("description").values(names.subList(0, 50)).build(), byId)),
                "FilterLimitExceeded", 400);
        assertThat(message).startsWith("The maximum number of filter values specified on a single call is 200");
    }
}
