package dev.amihousekeeping.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CopyImageRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.amihousekeeping.sandbox.SandboxClients.ec2;
import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.TestSeeds.image;
import static dev.amihousekeeping.sandbox.TestSeeds.imageId;
import static dev.amihousekeeping.sandbox.TestSeeds.snapshotId;
import static org.assertj.core.api.Assertions.assertThat;

class CopyImageTest {

    private Sandbox sandbox;
    private Ec2Client source;
    private Ec2Client destination;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private void start(Duration copyDelay) {
        SeedImage web = TestSeeds.withTags(image(1, "web-2026-10-01"),
                Map.of("DeleteOn", "2026-12-01", "CopyToDR", "true", "aws:cloudformation:stack-name", "web"));
        sandbox = Sandbox.start(SandboxOptions.defaults().withCopyDelay(copyDelay)
                .withSeed(TestSeeds.seed("us-east-1", List.of(web))));
        source = ec2(sandbox, "us-east-1");
        destination = ec2(sandbox, "us-west-2");
    }

    private static CopyImageRequest copy(String token) {
        return CopyImageRequest.builder().sourceRegion("us-east-1").sourceImageId(imageId(1)).name("web-2026-10-01")
                .copyImageTags(true).clientToken(token).build();
    }

    private Image describe(String imageId) {
        return destination.describeImages(r -> r.imageIds(imageId)).images().get(0);
    }

    @Test
    void returnsTheSameImage_whenClientTokenIsRepeated() {
        start(Duration.ZERO);

        String first = destination.copyImage(copy("ami-1-to-us-west-2")).imageId();
        String again = destination.copyImage(copy("ami-1-to-us-west-2")).imageId();

        assertThat(again).isEqualTo(first);
        assertThat(destination.describeImages(r -> r.owners("self")).images()).hasSize(1);
    }

    @Test
    void refusesToken_whenParametersDiffer() {
        start(Duration.ZERO);
        destination.copyImage(copy("token-1"));

        errorOf(() -> destination.copyImage(copy("token-1").toBuilder().description("other").build()),
                "IdempotentParameterMismatch", 400);
        errorOf(() -> destination.copyImage(copy("token-2")), "InvalidAMIName.Duplicate", 400);
    }

    @Test
    void recordsSourceAndCopiesUserTagsAndSnapshots_whenCopied() {
        start(Duration.ZERO);

        String copied = destination.copyImage(copy(null).toBuilder()
                .tagSpecifications(t -> t.resourceType("image").tags(Tag.builder().key("SourceAmi").value(imageId(1))
                        .build()), t -> t.resourceType("snapshot").tags(Tag.builder().key("Copy").value("yes").build()))
                .build()).imageId();

        Image image = describe(copied);
        assertThat(image.sourceImageId()).isEqualTo(imageId(1));
        assertThat(image.sourceImageRegion()).isEqualTo("us-east-1");
        assertThat(image.stateAsString()).isEqualTo("available");
        assertThat(image.tags()).extracting(Tag::key).containsExactly("CopyToDR", "DeleteOn", "SourceAmi");
        Snapshot snapshot = destination.describeSnapshots(r -> r.ownerIds("self")).snapshots().get(0);
        assertThat(snapshot.snapshotId()).isEqualTo(image.blockDeviceMappings().get(0).ebs().snapshotId());
        assertThat(snapshot.description()).matches("Copied for DestinationAmi " + copied + " from SourceAmi "
                + imageId(1) + " for SourceSnapshot " + snapshotId(1) + "\\. Task created on [0-9,]+\\.");
        assertThat(snapshot.volumeId()).isEqualTo("vol-ffffffff");
        assertThat(snapshot.tags()).extracting(Tag::key).containsExactly("Copy");
        assertThat(destination.describeImages(r -> r.filters(Filter.builder().name("source-image-id")
                .values(imageId(1)).build())).images()).hasSize(1);
        assertThat(source.describeImages(r -> r.owners("self")).images()).hasSize(1);
    }

    @Test
    void leavesTagsBehind_whenCopyImageTagsIsFalse() {
        start(Duration.ZERO);

        String copied = destination.copyImage(copy(null).toBuilder().copyImageTags(false).build()).imageId();

        assertThat(describe(copied).tags()).isEmpty();
    }

    @Test
    void encryptsWithTheGivenKey_whenEncryptedAndKmsKeyIdAreSet() {
        start(Duration.ZERO);

        String copied = destination.copyImage(copy(null).toBuilder().encrypted(true).kmsKeyId("alias/ami-dr").build())
                .imageId();

        assertThat(describe(copied).blockDeviceMappings().get(0).ebs().kmsKeyId()).isEqualTo("alias/ami-dr");
        Snapshot snapshot = destination.describeSnapshots(r -> r.ownerIds("self")).snapshots().get(0);
        assertThat(snapshot.encrypted()).isTrue();
        assertThat(snapshot.kmsKeyId()).isEqualTo("alias/ami-dr");
        errorOf(() -> destination.copyImage(copy(null).toBuilder().name("x").kmsKeyId("alias/ami-dr").build()),
                "InvalidParameterDependency", 400);
    }

    @Test
    void staysPendingForTheDelay_thenBecomesAvailable() throws InterruptedException {
        start(Duration.ofMillis(800));

        String copied = destination.copyImage(copy("t")).imageId();

        assertThat(describe(copied).stateAsString()).isEqualTo("pending");
        errorOf(() -> ec2(sandbox, "eu-west-1").copyImage(r -> r.sourceRegion("us-west-2").sourceImageId(copied)
                .name("second-hop")), "IncorrectState", 400);
        Thread.sleep(900);
        assertThat(describe(copied).stateAsString()).isEqualTo("available");
        assertThat(destination.describeSnapshots(r -> r.ownerIds("self")).snapshots().get(0).stateAsString())
                .isEqualTo("completed");
    }

    @Test
    void failsLater_whenKmsKeyIsInvalid() throws InterruptedException {
        start(Duration.ofMillis(200));

        String copied = destination.copyImage(copy(null).toBuilder().encrypted(true).kmsKeyId("alias/invalid-key")
                .build()).imageId();
        Thread.sleep(300);

        Image failed = describe(copied);
        assertThat(failed.stateAsString()).isEqualTo("failed");
        assertThat(failed.stateReason().message()).isEqualTo("Copy image failed with an internal error");
    }

    @Test
    void failsWithNotFound_whenSourceIsInAnotherRegion() {
        start(Duration.ZERO);

        errorOf(() -> destination.copyImage(copy(null).toBuilder().sourceRegion("eu-west-1").build()),
                "InvalidAMIID.NotFound", 400);
    }
}
