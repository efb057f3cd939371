package dev.amihousekeeping.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.core.ImageReference;
import dev.amihousekeeping.ec2.LoopbackEndpoint.Answer;
import dev.amihousekeeping.ec2.LoopbackEndpoint.Request;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** DescribeImageReferences request shape, batching and the fallback signal, against canned EC2 answers. */
class ImageReferenceReaderTest {

    private static final String REFERENCES = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<DescribeImageReferencesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
            + "<requestId>req-1</requestId><imageReferenceSet><item><imageId>%s</imageId>"
            + "<resourceType>ec2:Instance</resourceType>"
            + "<arn>arn:aws:ec2:us-east-1:111122223333:instance/i-0abc</arn></item></imageReferenceSet>"
            + "</DescribeImageReferencesResponse>";

    private static List<String> imageIds(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("ami-%017x", i)).toList();
    }

    private static List<String> values(Request request, String prefix) {
        return request.form().entrySet().stream().filter(e -> e.getKey().matches(prefix + "\\d+"))
                .map(java.util.Map.Entry::getValue).toList();
    }

    @Test
    void asksAtMostTenImagesPerCall() throws Exception {
        try (LoopbackEndpoint endpoint = new LoopbackEndpoint(r -> Answer.ok(String.format(REFERENCES,
                r.form().get("ImageId.1")))); Ec2Clients clients = endpoint.clients(1)) {
            List<ImageReference> references = new ImageReferenceReader(clients)
                    .describeImageReferences("us-east-1", imageIds(25));

            assertThat(endpoint.requests()).extracting(r -> values(r, "ImageId\\.").size()).containsExactly(10, 10, 5);
            assertThat(endpoint.requests().stream().flatMap(r -> values(r, "ImageId\\.").stream()).toList())
                    .isEqualTo(imageIds(25));
            assertThat(references).containsExactly(
                    new ImageReference(imageIds(25).get(0), "ec2:Instance", "i-0abc"),
                    new ImageReference(imageIds(25).get(10), "ec2:Instance", "i-0abc"),
                    new ImageReference(imageIds(25).get(20), "ec2:Instance", "i-0abc"));
        }
    }

    @Test
    void asksForLiveInstancesAndTheNewestTenTemplateVersions_explicitly() throws Exception {
        try (LoopbackEndpoint endpoint = new LoopbackEndpoint(r -> Answer.ok(String.format(REFERENCES, "ami-1")));
             Ec2Clients clients = endpoint.clients(1)) {
            new ImageReferenceReader(clients).describeImageReferences("us-east-1", List.of("ami-1"));

            Request request = endpoint.requests().get(0);
            assertThat(request.form()).containsEntry("Action", "DescribeImageReferences")
                    .doesNotContainKey("IncludeAllResourceTypes");
            assertThat(request.form())
                    .containsEntry("ResourceType.1.ResourceType", "ec2:Instance")
                    .containsEntry("ResourceType.1.ResourceTypeOption.1.OptionName", "state-name")
                    .containsEntry("ResourceType.2.ResourceType", "ec2:LaunchTemplate")
                    .containsEntry("ResourceType.2.ResourceTypeOption.1.OptionName", "version-depth")
                    .containsEntry("ResourceType.2.ResourceTypeOption.1.OptionValue.1", "10")
                    .containsEntry("ResourceType.3.ResourceType", "ssm:Parameter")
                    .containsEntry("ResourceType.4.ResourceType", "imagebuilder:ImageRecipe")
                    .containsEntry("ResourceType.5.ResourceType", "imagebuilder:ContainerRecipe");
            assertThat(values(request, "ResourceType\\.1\\.ResourceTypeOption\\.1\\.OptionValue\\."))
                    .containsExactly("pending", "running", "shutting-down", "stopping", "stopped");
        }
    }

    @Test
    void signalsTheFallback_whenTheEndpointDoesNotOfferTheOperation() {
        try (LoopbackEndpoint endpoint = new LoopbackEndpoint(r -> Answer.error(400, "InvalidAction",
                "The action DescribeImageReferences is not valid for this web service."));
             Ec2Clients clients = endpoint.clients(1)) {
            assertThatThrownBy(() -> new ImageReferenceReader(clients)
                    .describeImageReferences("us-east-1", List.of("ami-1")))
                    .isInstanceOfSatisfying(OperationUnavailableException.class,
                            e -> assertThat(e.operation()).isEqualTo("DescribeImageReferences"));
        }
    }

    @Test
    void failsClosed_whenTheReferencesCannotBeRead() {
        try (LoopbackEndpoint endpoint = new LoopbackEndpoint(r -> Answer.error(403, "UnauthorizedOperation",
                "You are not authorized to perform this operation."));
             Ec2Clients clients = endpoint.clients(1)) {
            assertThatThrownBy(() -> new ImageReferenceReader(clients)
                    .describeImageReferences("us-east-1", List.of("ami-1")))
                    .isInstanceOfSatisfying(Ec2Exception.class,
                            e -> assertThat(e.errorCode()).isEqualTo("UnauthorizedOperation"));
        }
    }
}
