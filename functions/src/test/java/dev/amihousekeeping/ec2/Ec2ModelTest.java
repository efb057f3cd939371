package dev.amihousekeeping.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.core.BlockDevice;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ImageReference;
import dev.amihousekeeping.core.ImageState;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Snapshot;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.PermissionGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

class Ec2ModelTest {

    @Test
    void readsAnImage_withEveryFieldThePoliciesUse() {
        software.amazon.awssdk.services.ec2.model.Image sdk = software.amazon.awssdk.services.ec2.model.Image.builder()
                .imageId("ami-0123456789abcdef0").name("web-2026-10-01").ownerId("111122223333").state("available")
                .creationDate("2026-10-01T00:00:00.000Z").deprecationTime("2026-10-20T00:00:00Z")
                .lastLaunchedTime("2026-10-10T12:00:00Z").deregistrationProtection("disabled")
                .publicLaunchPermissions(true).sourceImageId("ami-0fedcba9876543210").sourceImageRegion("us-west-2")
                .tags(Tag.builder().key("DeleteOn").value("2026-10-15").build())
                .blockDeviceMappings(
                        BlockDeviceMapping.builder().deviceName("/dev/xvda").ebs(EbsBlockDevice.builder()
                                .snapshotId("snap-0123456789abcdef0").volumeSize(8).build()).build(),
                        BlockDeviceMapping.builder().deviceName("/dev/sdb").virtualName("ephemeral0").build())
                .build();

        Image image = Ec2Model.image("us-east-1", sdk);

        assertThat(image).isEqualTo(new Image("us-east-1", "ami-0123456789abcdef0", "web-2026-10-01",
                "111122223333", ImageState.AVAILABLE, Instant.parse("2026-10-01T00:00:00Z"),
                Map.of("DeleteOn", "2026-10-15"), true, Instant.parse("2026-10-20T00:00:00Z"),
                Instant.parse("2026-10-10T12:00:00Z"), false, "ami-0fedcba9876543210", "us-west-2",
                java.util.List.of(new BlockDevice("/dev/xvda", "snap-0123456789abcdef0", 8),
                        new BlockDevice("/dev/sdb", null, null))));
    }

    @Test
    void readsAnImageInAStateThisSdkDoesNotKnow_asPendingSoItIsNeverTouched() {
        assertThat(Ec2Model.state("migrating")).isEqualTo(ImageState.PENDING);
        assertThat(Ec2Model.state("disabled")).isEqualTo(ImageState.DISABLED);
    }

    @ParameterizedTest
    @CsvSource({"disabled, false", "enabled, true", "enabled-with-cooldown, true",
            "'disabled-until 2026-11-02T00:00:00Z', true"})
    void readsDeregistrationProtection_countingTheCooldownAsProtected(String value, boolean isProtected) {
        assertThat(Ec2Model.isProtected(value)).isEqualTo(isProtected);
    }

    @Test
    void readsASnapshot() {
        software.amazon.awssdk.services.ec2.model.Snapshot sdk = software.amazon.awssdk.services.ec2.model.Snapshot
                .builder().snapshotId("snap-1").volumeId("vol-1").volumeSize(8)
                .startTime(Instant.parse("2026-10-01T00:00:00Z")).description("Created by CreateImage")
                .ownerId("111122223333").state("completed").tags(Tag.builder().key("Team").value("web").build())
                .fullSnapshotSizeInBytes(1234L).build();

        assertThat(Ec2Model.snapshot("us-east-1", sdk)).isEqualTo(new Snapshot("us-east-1", "snap-1", "vol-1", 8,
                Instant.parse("2026-10-01T00:00:00Z"), "Created by CreateImage", "111122223333", "completed",
                Map.of("Team", "web"), 1234L));
    }

    @Test
    void convertsGrants_bothWays() {
        var publicGrant = software.amazon.awssdk.services.ec2.model.LaunchPermission.builder()
                .group(PermissionGroup.ALL).build();
        var orgGrant = software.amazon.awssdk.services.ec2.model.LaunchPermission.builder()
                .organizationArn("arn:aws:organizations::111122223333:organization/o-abc").build();

        assertThat(Ec2Model.launchPermission(publicGrant)).isEqualTo(LaunchPermission.publicGroup());
        assertThat(Ec2Model.sdkLaunchPermission(Ec2Model.launchPermission(orgGrant))).isEqualTo(orgGrant);
        assertThat(Ec2Model.sdkCreateVolumePermission(LaunchPermission.user("444455556666")).userId())
                .isEqualTo("444455556666");
    }

    @Test
    void refusesAnOrganizationGrant_onASnapshot() {
        assertThatThrownBy(() -> Ec2Model.sdkCreateVolumePermission(
                LaunchPermission.organization("arn:aws:organizations::111122223333:organization/o-abc")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc, i-0abc",
            "arn:aws:ec2:us-east-1:111122223333:launch-template/lt-0abc, lt-0abc",
            "arn:aws:ssm:us-east-1:111122223333:parameter/ami/web/latest, ssm:/ami/web/latest",
            "arn:aws:imagebuilder:us-east-1:111122223333:image-recipe/web/1.0.0, image-recipe/web/1.0.0"})
    void shortensReferenceArns_toWhatAUserLooksUp(String arn, String shortForm) {
        assertThat(ImageReference.fromArn("ami-1", "ec2:Instance", arn).resource()).isEqualTo(shortForm);
    }
}
