package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.CrossRegionCopyPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ImageState;
import dev.amihousekeeping.core.Inventory;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Snapshot;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedGenerator;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.sandbox.SeedSnapshot;
import dev.amihousekeeping.testing.SandboxHarness;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway against the sandbox, over HTTP with the real SDK: request shapes, paging, EC2 error codes. */
class Ec2GatewaySandboxTest {

    static final String REGION = "us-east-1";
    /** The ids in {@link #SEED} that other sandbox tests of this package act on. */
    static final String WEB_1 = "ami-00000000000000001";
    static final String WEB_2 = "ami-00000000000000002";
    static final String OWN_SNAPSHOT = "snap-00000000000000001";
    static final String SHARED_SNAPSHOT = "snap-0000000000000000a";
    static final String PUBLIC_SNAPSHOT = "snap-0000000000000000b";

    /**
     * ami-1 uses snap-1 (its own) and snap-shared, which ami-2 uses too; ami-3 is protected; ami-1 is shared
     * with one account and public; snap-orphan belongs to no image.
     */
    static final String SEED = """
            {"accountId":"111122223333","now":"2026-11-01T00:00:00Z","regions":{"us-east-1":{
             "images":[
              {"imageId":"ami-00000000000000001","name":"web-1","creationDate":"2026-09-01T00:00:00Z","public":true,
               "launchPermissions":[{"userId":"444455556666"}],"tags":{"DeleteOn":"2026-10-01"},
               "blockDeviceMappings":[{"deviceName":"/dev/xvda","snapshotId":"snap-00000000000000001","volumeSize":8},
                                      {"deviceName":"/dev/xvdb","snapshotId":"snap-0000000000000000a","volumeSize":20}]},
              {"imageId":"ami-00000000000000002","name":"web-2","creationDate":"2026-10-01T00:00:00Z",
               "blockDeviceMappings":[{"deviceName":"/dev/xvda","snapshotId":"snap-0000000000000000a","volumeSize":20}]},
              {"imageId":"ami-00000000000000003","name":"db-1","creationDate":"2026-10-01T00:00:00Z",
               "deregistrationProtection":true,
               "blockDeviceMappings":[{"deviceName":"/dev/xvda","snapshotId":"snap-00000000000000003","volumeSize":8}]}],
             "snapshots":[
              {"snapshotId":"snap-00000000000000001","volumeId":"vol-1","volumeSize":8,"startTime":"2026-09-01T00:00:00Z",
               "description":"Created by CreateImage(i-1) for ami-00000000000000001"},
              {"snapshotId":"snap-0000000000000000a","volumeId":"vol-2","volumeSize":20,"startTime":"2026-09-01T00:00:00Z"},
              {"snapshotId":"snap-00000000000000003","volumeId":"vol-3","volumeSize":8,"startTime":"2026-10-01T00:00:00Z"},
              {"snapshotId":"snap-0000000000000000b","volumeId":"vol-4","volumeSize":50,"startTime":"2026-08-01T00:00:00Z",
               "createVolumePermissions":[{"group":"all"},{"userId":"444455556666"}]}]}}}
            """;

    @Test
    void readsEveryImageAndSnapshot_acrossPagesOfAThousand() {
        Seed seed = SeedGenerator.generate("images=2500,snapshots=2600,seed=3");
        try (SandboxHarness fixture = SandboxHarness.start(seed)) {
            Inventory inventory = fixture.gateway().readInventory(REGION);

            List<String> seededOwnImages = seed.regions().get(REGION).images().stream()
                    .filter(i -> i.ownerId() == null || i.ownerId().equals(seed.accountId()))
                    .map(SeedImage::imageId).sorted().toList();
            assertThat(seededOwnImages).hasSizeGreaterThan(2000);
            assertThat(inventory.images().stream().map(Image::imageId).sorted().toList()).isEqualTo(seededOwnImages);
            assertThat(inventory.snapshots().stream().map(Snapshot::snapshotId).sorted().toList())
                    .isEqualTo(seed.regions().get(REGION).snapshots().stream()
                            .filter(s -> s.ownerId() == null || s.ownerId().equals(seed.accountId()))
                            .map(SeedSnapshot::snapshotId).sorted().toList());
            assertThat(inventory.accountId()).isEqualTo(seed.accountId());
            assertThat(fixture.calls(REGION, "DescribeImages")).isEqualTo((seededOwnImages.size() + 999) / 1000);
            assertThat(fixture.calls(REGION, "DescribeSnapshots"))
                    .isEqualTo((inventory.snapshots().size() + 999) / 1000);
        }
    }

    @Test
    void readsSnapshotsBeforeImages_soAnImageMadeMeanwhileIsSeen() {
        try (SandboxHarness fixture = SandboxHarness.start(Seed.parse(SEED))) {
            fixture.fault("{\"action\":\"DescribeSnapshots\",\"error\":\"UnauthorizedOperation\"}");

            assertThatThrownBy(() -> fixture.gateway().readInventory(REGION)).isInstanceOf(Ec2Exception.class);
            assertThat(fixture.calls(REGION, "DescribeImages")).isZero();
        }
    }

    @Test
    void readsAnImage_withWhatThePoliciesNeed() {
        try (SandboxHarness fixture = SandboxHarness.start(Seed.parse(SEED))) {
            Ec2Gateway gateway = fixture.gateway();

            Image web = gateway.describeImage(REGION, "ami-00000000000000001").orElseThrow();
            assertThat(web.state()).isEqualTo(ImageState.AVAILABLE);
            assertThat(web.isPublic()).isTrue();
            assertThat(web.tags()).containsEntry("DeleteOn", "2026-10-01");
            assertThat(web.snapshotIds()).containsExactly("snap-00000000000000001", "snap-0000000000000000a");
            assertThat(web.snapshotGiB()).isEqualTo(28);
            assertThat(web.creationDate()).isEqualTo(Instant.parse("2026-09-01T00:00:00Z"));
            assertThat(gateway.describeImage(REGION, "ami-00000000000000003").orElseThrow()
                    .deregistrationProtection()).isTrue();
            assertThat(gateway.imagesUsingSnapshot(REGION, "snap-0000000000000000a")).extracting(Image::imageId)
                    .containsExactlyInAnyOrder("ami-00000000000000001", "ami-00000000000000002");
        }
    }

    @Test
    void readsAGoneImageOrSnapshot_asEmpty() {
        try (SandboxHarness fixture = SandboxHarness.start(Seed.parse(SEED))) {
            assertThat(fixture.gateway().describeImage(REGION, "ami-0ffffffffffffffff")).isEmpty();
            assertThat(fixture.gateway().describeSnapshot(REGION, "snap-0ffffffffffffffff")).isEmpty();
        }
    }

    @Test
    void answersDeleteOfASnapshotAnImageUses_asInUse_andOfAGoneOne_asGone() {
        try (SandboxHarness fixture = SandboxHarness.start(Seed.parse(SEED))) {
            Ec2Gateway gateway = fixture.gateway();

            assertThatThrownBy(() -> gateway.deleteSnapshot(REGION, "snap-00000000000000001"))
                    .isInstanceOfSatisfying(Ec2OutcomeException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Ec2OutcomeException.Kind.IN_USE);
                        assertThat(e.errorCode()).isEqualTo("InvalidSnapshot.InUse");
                    });
            assertThatThrownBy(() -> gateway.deleteSnapshot(REGION, "snap-0ffffffffffffffff"))
                    .isInstanceOfSatisfying(Ec2OutcomeException.class,
                            e -> assertThat(e.kind()).isEqualTo(Ec2OutcomeException.Kind.GONE));
            assertThatThrownBy(() -> gateway.deregister(REGION, "ami-0ffffffffffffffff", true))
                    .isInstanceOfSatisfying(Ec2OutcomeException.class,
                            e -> assertThat(e.kind()).isEqualTo(Ec2OutcomeException.Kind.GONE));
            assertThat(gateway.describeSnapshot(REGION, "snap-00000000000000001")).isPresent();
        }
    }

    @Test
    void reportsARefusal_withItsEc2Code() {
        try (SandboxHarness fixture = SandboxHarness.start(Seed.parse(SEED))) {
            assertThatThrownBy(() -> fixture.gateway().deregister(REGION, "ami-00000000000000003", true))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.errorCode()).isEqualTo("OperationNotPermitted");
                        assertThat(e.errorMessage()).contains("deregistration protection");
                    });
        }
    }

    @Test
    void deregister_reportsWhichSnapshotsEc2Deleted_andKeepsOneAnotherImageUses() throws Exception {
        try (SandboxHarness fixture = SandboxHarness.start(Seed.parse(SEED))) {
            Ec2Gateway gateway = fixture.gateway();

            Deregistration result = gateway.deregister(REGION, "ami-00000000000000001", true);

            assertThat(result.deletedSnapshotIds()).containsExactly("snap-00000000000000001");
            assertThat(result.notDeleted()).containsOnlyKeys("snap-0000000000000000a");
            assertThat(gateway.describeImage(REGION, "ami-00000000000000001")).isEmpty();
            assertThat(gateway.describeSnapshot(REGION, "snap-00000000000000001")).isEmpty();
            assertThat(gateway.describeSnapshot(REGION, "snap-0000000000000000a")).isPresent();
        }
    }

    @Test
    void removesOnlyTheGrantsAsked_onImagesAndSnapshots() throws Exception {
        try (SandboxHarness fixture = SandboxHarness.start(Seed.parse(SEED))) {
            Ec2Gateway gateway = fixture.gateway();
            LaunchPermission partner = LaunchPermission.user("444455556666");

            assertThat(gateway.launchPermissions(REGION, "ami-00000000000000001"))
                    .containsExactlyInAnyOrder(LaunchPermission.publicGroup(), partner);
            gateway.removeLaunchPermissions(REGION, "ami-00000000000000001", List.of(LaunchPermission.publicGroup()));
            gateway.removeCreateVolumePermissions(REGION, "snap-0000000000000000b",
                    List.of(LaunchPermission.publicGroup()));

            assertThat(gateway.launchPermissions(REGION, "ami-00000000000000001")).containsExactly(partner);
            assertThat(gateway.createVolumePermissions(REGION, "snap-0000000000000000b")).containsExactly(partner);
            assertThat(gateway.describeImage(REGION, "ami-00000000000000001").orElseThrow().isPublic()).isFalse();
        }
    }

    @Test
    void deprecatesTagsAndBlocksPublicAccess() throws Exception {
        try (SandboxHarness fixture = SandboxHarness.start(Seed.parse(SEED))) {
            Ec2Gateway gateway = fixture.gateway();
            Instant at = Instant.parse("2026-11-01T00:05:00Z");

            gateway.deprecate(REGION, "ami-00000000000000002", at);
            gateway.createTags(REGION, List.of("ami-00000000000000002", "snap-0000000000000000a"),
                    Map.of("CreatedBy", "alice"));
            gateway.enableImageBlockPublicAccess(REGION);
            gateway.enableSnapshotBlockPublicAccess(REGION, "block-new-sharing");

            Image image = gateway.describeImage(REGION, "ami-00000000000000002").orElseThrow();
            assertThat(image.deprecationTime()).isEqualTo(at);
            assertThat(image.tags()).containsEntry("CreatedBy", "alice");
            assertThat(gateway.describeSnapshot(REGION, "snap-0000000000000000a").orElseThrow().tags())
                    .containsEntry("CreatedBy", "alice");
            assertThat(gateway.imageBlockPublicAccessState(REGION)).isEqualTo("block-new-sharing");
            assertThat(gateway.snapshotBlockPublicAccessState(REGION)).isEqualTo("block-new-sharing");
        }
    }

    @Test
    void copiesOnce_forTheSameClientToken() throws Exception {
        try (SandboxHarness fixture = SandboxHarness.start(Seed.parse(SEED))) {
            Ec2Gateway gateway = fixture.gateway();
            ImageCopy copy = new ImageCopy(REGION, "ami-00000000000000002", "us-west-2", "web-2", null,
                    "alias/ami-dr", CrossRegionCopyPolicy.clientToken(REGION, "ami-00000000000000002", "us-west-2"), true,
                    Map.of("SourceAmi", "ami-00000000000000002"));

            String first = gateway.copyImage(copy);
            String second = gateway.copyImage(copy);

            assertThat(second).isEqualTo(first);
            Image copied = gateway.describeImage("us-west-2", first).orElseThrow();
            assertThat(copied.tags()).containsEntry("SourceAmi", "ami-00000000000000002");
            assertThat(gateway.readImages("us-west-2")).hasSize(1);
        }
    }

    @Test
    void learnsTheAccountId_fromWhatTheAccountOwns_elseFromSts() {
        try (SandboxHarness fixture = SandboxHarness.start(Seed.parse(SEED))) {
            Ec2Gateway gateway = fixture.gateway();

            assertThat(gateway.readInventory(REGION).accountId()).isEqualTo("111122223333");
            assertThat(gateway.readInventory("eu-west-1").accountId()).isEqualTo("111122223333");
            // An empty region names no owner: STS GetCallerIdentity, which the sandbox answers, tells the account.
            assertThat(new Ec2Gateway(fixture.clients(), fixture.clock()).readInventory("eu-west-1").accountId())
                    .isEqualTo("111122223333");
        }
    }
}
