package dev.amihousekeeping.events;

import static dev.amihousekeeping.events.EventSamples.parse;
import static dev.amihousekeeping.events.EventSamples.parseEdited;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CreateImage, RegisterImage and CopyImage records, as cross-region-copy and tag-on-create receive them. */
class EventParserImageCreatedTest {

    private static final String NEW_AMI = "ami-0c9d8e7f6a5b4c3d2";

    @Test
    void createImage_givesNewImageId_andOnlyTheImagesRequestedTags() {
        ImageCreated created = (ImageCreated) parse("create-image.json");

        assertThat(created.imageId()).isEqualTo(NEW_AMI);
        assertThat(created.apiName()).isEqualTo("CreateImage");
        assertThat(created.isCopy()).isFalse();
        assertThat(created.sourceImageId()).isNull();
        assertThat(created.sourceRegion()).isNull();
        assertThat(created.requestedTags()).containsExactlyInAnyOrderEntriesOf(Map.of("Name", "web", "CopyToDR", "true"));
        assertThat(created.region()).isEqualTo("us-east-1");
        assertThat(created.context().userArn())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/ImageBuilderRole/build-pipeline");
    }

    @Test
    void registerImage_givesNewImageId_withoutTags() {
        ImageCreated created = (ImageCreated) parse("register-image.json");

        assertThat(created.imageId()).isEqualTo(NEW_AMI);
        assertThat(created.apiName()).isEqualTo("RegisterImage");
        assertThat(created.requestedTags()).isEmpty();
        assertThat(created.context().userArn()).isEqualTo("arn:aws:iam::111122223333:user/jdoe");
    }

    @Test
    void copyImage_givesSourceAndDestinationRegion() {
        ImageCreated created = (ImageCreated) parse("copy-image.json");

        assertThat(created.isCopy()).isTrue();
        assertThat(created.imageId()).isEqualTo(NEW_AMI);
        assertThat(created.region()).isEqualTo("us-west-2");
        assertThat(created.sourceImageId()).isEqualTo("ami-0a1b2c3d4e5f60718");
        assertThat(created.sourceRegion()).isEqualTo("us-east-1");
    }

    @Test
    void ignored_whenAppStreamCreatesAnImage() {
        assertThat(parse("appstream-create-image.json"))
                .isEqualTo(new Ignored("eventSource appstream.amazonaws.com is not EC2"));
    }

    @Test
    void ignored_whenEventSourceIsAnotherService() {
        assertThat(parse("s3-put-bucket-policy.json")).isEqualTo(new Ignored("eventSource s3.amazonaws.com is not EC2"));
    }

    @Test
    void ignored_whenEc2EventNameIsNotOneWeHandle() {
        assertThat(parse("delete-tags.json")).isEqualTo(new Ignored("unknown eventName DeleteTags"));
    }

    @Test
    void tags_writtenAsItemsSet_areReadToo() {
        HousekeepingEvent event = parseEdited("create-image.json", e -> {
            ObjectNode spec = (ObjectNode) e.at("/detail/requestParameters/tagSpecificationSet/items/0");
            ArrayNode tags = (ArrayNode) spec.remove("tags");
            spec.putObject("tags").set("items", tags);
        });

        assertThat(((ImageCreated) event).requestedTags()).containsEntry("CopyToDR", "true");
    }

    @Test
    void tagValues_keepTheirSpacing_andAMissingValueIsEmpty() {
        HousekeepingEvent event = parseEdited("create-image.json", e -> {
            ArrayNode tags = (ArrayNode) e.at("/detail/requestParameters/tagSpecificationSet/items/0/tags");
            tags.addObject().put("key", "baz").put("value", "  Quuz");
            tags.addObject().put("key", "Empty");
        });

        assertThat(((ImageCreated) event).requestedTags()).containsEntry("baz", "  Quuz").containsEntry("Empty", "");
    }
}
