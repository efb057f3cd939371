package dev.amihousekeeping.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImageAttributeResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.OperationType;
import software.amazon.awssdk.services.ec2.model.PermissionGroup;

import java.util.List;

import static dev.amihousekeeping.sandbox.SandboxClients.ec2;
import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.TestSeeds.PARTNER;
import static dev.amihousekeeping.sandbox.TestSeeds.image;
import static dev.amihousekeeping.sandbox.TestSeeds.imageId;
import static org.assertj.core.api.Assertions.assertThat;

class ImageAttributeTest {

    private static final String ORG = "arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5";

    private Sandbox sandbox;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        SeedImage shared = image(1, "web").withSharing(false, List.of(SeedLaunchPermission.user(PARTNER)));
        SeedImage foreign = image(2, "vendor").withOwner("137112412989").withSharing(true, List.of());
        sandbox = Sandbox.start(0, TestSeeds.seed("us-east-1", List.of(shared, foreign, image(3, "plain"))));
        ec2 = ec2(sandbox, "us-east-1");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private List<LaunchPermission> launchPermissions(String imageId) {
        return ec2.describeImageAttribute(r -> r.imageId(imageId).attribute(ImageAttributeName.LAUNCH_PERMISSION))
                .launchPermissions();
    }

    @Test
    void listsUserGrants_whenAttributeIsLaunchPermission() {
        assertThat(launchPermissions(imageId(1))).containsExactly(LaunchPermission.builder().userId(PARTNER).build());
    }

    @Test
    void makesImagePublicAndPrivateAgain_whenGroupAllIsAddedThenRemoved() {
        ec2.modifyImageAttribute(r -> r.imageId(imageId(1))
                .launchPermission(p -> p.add(LaunchPermission.builder().group(PermissionGroup.ALL).build())));

        assertThat(launchPermissions(imageId(1))).extracting(LaunchPermission::groupAsString).contains("all");
        assertThat(ec2.describeImages(r -> r.imageIds(imageId(1))).images().get(0).publicLaunchPermissions()).isTrue();

        ec2.modifyImageAttribute(r -> r.imageId(imageId(1))
                .launchPermission(p -> p.remove(LaunchPermission.builder().group(PermissionGroup.ALL).build())));

        assertThat(ec2.describeImages(r -> r.imageIds(imageId(1))).images().get(0).publicLaunchPermissions()).isFalse();
        assertThat(launchPermissions(imageId(1))).containsExactly(LaunchPermission.builder().userId(PARTNER).build());
    }

    @Test
    void listsOnlyOwnPublicImages_whenOwnersSelfAndIsPublicFilter() {
        ec2.modifyImageAttribute(r -> r.imageId(imageId(3))
                .launchPermission(p -> p.add(LaunchPermission.builder().group(PermissionGroup.ALL).build())));

        // The public-share sweep's listing: the vendor's public image is not ours, the one shared with a partner
        // is not public.
        assertThat(ec2.describeImagesPaginator(r -> r.owners("self").filters(Filter.builder().name("is-public")
                .values("true").build())).images().stream().map(Image::imageId).toList())
                .containsExactly(imageId(3));
    }

    @Test
    void changesGrants_whenFlatAttributeOperationTypeFormIsUsed() {
        ec2.modifyImageAttribute(r -> r.imageId(imageId(3)).attribute("launchPermission")
                .operationType(OperationType.ADD).userIds(PARTNER).organizationArns(ORG));

        assertThat(launchPermissions(imageId(3))).containsExactlyInAnyOrder(
                LaunchPermission.builder().userId(PARTNER).build(),
                LaunchPermission.builder().organizationArn(ORG).build());

        ec2.modifyImageAttribute(r -> r.imageId(imageId(3)).attribute("launchPermission")
                .operationType(OperationType.REMOVE).userIds(PARTNER));

        assertThat(launchPermissions(imageId(3))).containsExactly(LaunchPermission.builder().organizationArn(ORG).build());
    }

    @Test
    void removesEveryGrant_whenLaunchPermissionIsReset() {
        ec2.modifyImageAttribute(r -> r.imageId(imageId(1))
                .launchPermission(p -> p.add(LaunchPermission.builder().group(PermissionGroup.ALL).build())));

        ec2.resetImageAttribute(r -> r.imageId(imageId(1)).attribute("launchPermission"));

        assertThat(launchPermissions(imageId(1))).isEmpty();
        assertThat(ec2.describeImages(r -> r.imageIds(imageId(1))).images().get(0).publicLaunchPermissions()).isFalse();
    }

    @Test
    void refusesPublicSharing_whenImageBlockPublicAccessIsOn() {
        ec2.enableImageBlockPublicAccess(r -> r.imageBlockPublicAccessState("block-new-sharing"));

        String message = errorOf(() -> ec2.modifyImageAttribute(r -> r.imageId(imageId(1))
                        .launchPermission(p -> p.add(LaunchPermission.builder().group(PermissionGroup.ALL).build()))),
                "OperationNotPermitted", 400);
        ec2.modifyImageAttribute(r -> r.imageId(imageId(1))
                .launchPermission(p -> p.add(LaunchPermission.builder().userId("777788889999").build())));

        assertThat(message).contains("block public access for AMIs is enabled");
        assertThat(ec2.getImageBlockPublicAccessState(r -> { }).imageBlockPublicAccessState())
                .isEqualTo("block-new-sharing");
        assertThat(launchPermissions(imageId(1))).hasSize(2);
        assertThat(ec2.disableImageBlockPublicAccess(r -> { }).imageBlockPublicAccessStateAsString())
                .isEqualTo("unblocked");
    }

    @Test
    void rejectsGrant_whenUserIdIsNotAnAccount() {
        errorOf(() -> ec2.modifyImageAttribute(r -> r.imageId(imageId(1))
                        .launchPermission(p -> p.add(LaunchPermission.builder().userId("bob").build()))),
                "InvalidAMIAttributeItemValue", 400);
    }

    @Test
    void refusesChange_whenImageBelongsToAnotherAccount() {
        errorOf(() -> ec2.modifyImageAttribute(r -> r.imageId(imageId(2))
                        .launchPermission(p -> p.remove(LaunchPermission.builder().group(PermissionGroup.ALL).build()))),
                "AuthFailure", 400);
        errorOf(() -> launchPermissions(imageId(2)), "AuthFailure", 400);
    }

    @Test
    void describesOtherAttributes_inAttributeValueShape() {
        ec2.modifyImageAttribute(r -> r.imageId(imageId(3)).description(d -> d.value("golden image")));

        DescribeImageAttributeResponse description = ec2.describeImageAttribute(r -> r.imageId(imageId(3))
                .attribute(ImageAttributeName.DESCRIPTION));
        DescribeImageAttributeResponse protection = ec2.describeImageAttribute(r -> r.imageId(imageId(3))
                .attribute(ImageAttributeName.DEREGISTRATION_PROTECTION));
        DescribeImageAttributeResponse devices = ec2.describeImageAttribute(r -> r.imageId(imageId(3))
                .attribute(ImageAttributeName.BLOCK_DEVICE_MAPPING));
        DescribeImageAttributeResponse lastLaunched = ec2.describeImageAttribute(r -> r.imageId(imageId(3))
                .attribute(ImageAttributeName.LAST_LAUNCHED_TIME));

        assertThat(description.description().value()).isEqualTo("golden image");
        assertThat(protection.deregistrationProtection().value()).isEqualTo("disabled");
        assertThat(devices.blockDeviceMappings()).singleElement()
                .satisfies(d -> assertThat(d.ebs().snapshotId()).isEqualTo(TestSeeds.snapshotId(3)));
        assertThat(lastLaunched.lastLaunchedTime().value()).isNull();
        errorOf(() -> ec2.describeImageAttribute(r -> r.imageId(imageId(3)).attribute("colour")),
                "InvalidParameterValue", 400);
    }

    @Test
    void failsWithMissingParameter_whenImageIdIsAbsent() throws Exception {
        var response = SandboxClients.http("POST", sandbox.endpoint(),
                "Action=DescribeImageAttribute&Version=2016-11-15&Attribute=description",
                SandboxClients.authorization("us-east-1", "ec2"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>MissingParameter</Code>")
                .contains("<Message>The request must contain the parameter ImageId</Message>");
    }
}
