package dev.amihousekeeping.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.amihousekeeping.sandbox.DescribeImagesTest.filter;
import static dev.amihousekeeping.sandbox.SandboxClients.ec2;
import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.TestSeeds.image;
import static dev.amihousekeeping.sandbox.TestSeeds.imageId;
import static dev.amihousekeeping.sandbox.TestSeeds.snapshotId;
import static org.assertj.core.api.Assertions.assertThat;

class TagsTest {

    private Sandbox sandbox;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        SeedImage tagged = TestSeeds.withTags(image(1, "one"), Map.of("aws:backup:source", "x", "Team", "data"));
        sandbox = Sandbox.start(0, TestSeeds.seed("us-east-1", List.of(tagged, image(2, "two"))));
        ec2 = ec2(sandbox, "us-east-1");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private List<String> tagsOf(String imageId) {
        return ec2.describeImages(r -> r.imageIds(imageId)).images().get(0).tags().stream()
                .map(t -> t.key() + "=" + t.value()).toList();
    }

    @Test
    void tagsImagesAndSnapshotsTogether() {
        ec2.createTags(r -> r.resources(imageId(2), snapshotId(2)).tags(tag("DeleteOn", "2026-12-01"), tag("Empty", null)));

        assertThat(tagsOf(imageId(2))).containsExactly("DeleteOn=2026-12-01", "Empty=");
        assertThat(ec2.describeSnapshots(r -> r.snapshotIds(snapshotId(2))).snapshots().get(0).tags())
                .extracting(Tag::key).containsExactly("DeleteOn", "Empty");
    }

    @Test
    void deletesTag_onlyWhenGivenValueMatches_andAllUserTagsWhenNoneNamed() {
        ec2.deleteTags(r -> r.resources(imageId(1)).tags(tag("Team", "platform")));
        assertThat(tagsOf(imageId(1))).contains("Team=data");

        ec2.deleteTags(r -> r.resources(imageId(1)).tags(Tag.builder().key("Team").build()));
        assertThat(tagsOf(imageId(1))).containsExactly("aws:backup:source=x");

        ec2.createTags(r -> r.resources(imageId(1)).tags(tag("A", "1"), tag("B", "2")));
        ec2.deleteTags(r -> r.resources(imageId(1)));
        assertThat(tagsOf(imageId(1))).containsExactly("aws:backup:source=x");
    }

    @Test
    void rejectsReservedKeysUnknownResourcesAndTooManyTags() {
        List<Tag> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(tag("k" + i, "v"));
        }

        errorOf(() -> ec2.createTags(r -> r.resources(imageId(2)).tags(tag("aws:mine", "x"))), "InvalidParameterValue", 400);
        errorOf(() -> ec2.createTags(r -> r.resources(imageId(2), imageId(9)).tags(tag("A", "1"))),
                "InvalidAMIID.NotFound", 400);
        errorOf(() -> ec2.createTags(r -> r.resources("vpc-123").tags(tag("A", "1"))), "InvalidID", 400);
        errorOf(() -> ec2.createTags(r -> r.resources(imageId(1)).tags(fifty)), "TagLimitExceeded", 400);
        assertThat(tagsOf(imageId(2))).isEmpty();
    }

    @Test
    void describesTagsWithFiltersAndPages() {
        List<TagDescription> all = new ArrayList<>();
        ec2.createTags(r -> r.resources(snapshotId(1), snapshotId(2), imageId(2)).tags(tag("Owner", "ops")));

        ec2.describeTagsPaginator(r -> r.maxResults(5)).forEach(page -> all.addAll(page.tags()));
        List<TagDescription> images = ec2.describeTags(r -> r.filters(filter("resource-type", "image"),
                filter("key", "Owner"))).tags();

        assertThat(all).extracting(t -> t.resourceId() + " " + t.key()).containsExactly(
                imageId(1) + " Team", imageId(1) + " aws:backup:source", imageId(2) + " Owner",
                snapshotId(1) + " Owner", snapshotId(2) + " Owner");
        assertThat(images).singleElement().satisfies(t -> {
            assertThat(t.resourceId()).isEqualTo(imageId(2));
            assertThat(t.resourceTypeAsString()).isEqualTo("image");
            assertThat(t.value()).isEqualTo("ops");
        });
    }
}
