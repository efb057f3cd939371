package dev.amihousekeeping.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.OperationType;
import software.amazon.awssdk.services.ec2.model.PermissionGroup;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.amihousekeeping.sandbox.DescribeImagesTest.filter;
import static dev.amihousekeeping.sandbox.SandboxClients.ec2;
import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.TestSeeds.ACCOUNT;
import static dev.amihousekeeping.sandbox.TestSeeds.NOW;
import static dev.amihousekeeping.sandbox.TestSeeds.PARTNER;
import static dev.amihousekeeping.sandbox.TestSeeds.image;
import static dev.amihousekeeping.sandbox.TestSeeds.imageId;
import static dev.amihousekeeping.sandbox.TestSeeds.snapshot;
import static dev.amihousekeeping.sandbox.TestSeeds.snapshotId;
import static org.assertj.core.api.Assertions.assertThat;

class SnapshotTest {

    private Sandbox sandbox;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        List<SeedSnapshot> snapshots = new ArrayList<>();
        for (int n = 1; n <= 2500; n++) {
            snapshots.add(snapshot(n));
        }
        snapshots.set(9, snapshot(10).withTags(Map.of("aws:backup:source-resource", "arn:aws:ec2:::volume/vol-1")));
        snapshots.add(new SeedSnapshot(snapshotId(9000), "vol-ffffffff", 8, NOW, "partner's", PARTNER, null,
                List.of(SeedVolumePermission.user(ACCOUNT)), null, null, null, 123L, null));
        snapshots.add(new SeedSnapshot(snapshotId(9001), "vol-ffffffff", 8, NOW, "hidden", PARTNER, null, null,
                null, null, null, null, null));
        // Image 1 uses snapshot 1 and is disabled; image 2 uses snapshot 2 and is still pending.
        List<SeedImage> images = List.of(image(1, "disabled").withState("disabled", null),
                image(2, "pending").withState("pending", null));
        sandbox = Sandbox.start(0, new Seed(ACCOUNT, NOW, Map.of("us-east-1", SeedRegion.of(images, snapshots))));
        ec2 = ec2(sandbox, "us-east-1");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private List<String> ids(DescribeSnapshotsResponse response) {
        return response.snapshots().stream().map(Snapshot::snapshotId).toList();
    }

    @Test
    void pagesOfAThousand_whenPaginatorAsksForMaxResults() {
        List<Integer> pages = new ArrayList<>();

        ec2.describeSnapshotsPaginator(r -> r.ownerIds("self").maxResults(1000))
                .forEach(page -> pages.add(page.snapshots().size()));

        assertThat(pages).containsExactly(1000, 1000, 500);
        assertThat(ids(ec2.describeSnapshots(r -> r.ownerIds("self")))).hasSize(2500);
    }

    @Test
    void includesSnapshotsSharedWithUs_unlessOwnerIsSelf() {
        assertThat(ids(ec2.describeSnapshots(r -> r.maxResults(1000).nextToken(PageRequest.token("snapshots",
                snapshotId(2500)))))).containsExactly(snapshotId(9000));
        assertThat(ids(ec2.describeSnapshots(r -> r.restorableByUserIds("self").filters(filter("owner-id", PARTNER)))))
                .containsExactly(snapshotId(9000));
        Snapshot shared = ec2.describeSnapshots(r -> r.snapshotIds(snapshotId(9000))).snapshots().get(0);
        assertThat(shared.fullSnapshotSizeInBytes()).isEqualTo(123L);
        errorOf(() -> ec2.describeSnapshots(r -> r.snapshotIds(snapshotId(9001))), "InvalidSnapshot.NotFound", 400);
    }

    @Test
    void listsOnlyPublicSnapshots_whenRestorableByAll() {
        ec2.modifySnapshotAttribute(r -> r.snapshotId(snapshotId(4))
                .createVolumePermission(p -> p.add(CreateVolumePermission.builder().group(PermissionGroup.ALL).build())));
        ec2.modifySnapshotAttribute(r -> r.snapshotId(snapshotId(5))
                .createVolumePermission(p -> p.add(CreateVolumePermission.builder().userId(PARTNER).build())));

        // The public-share sweep's listing: owned, and restorable by everyone (a share to one account is not).
        assertThat(ids(ec2.describeSnapshots(r -> r.ownerIds("self").restorableByUserIds("all"))))
                .containsExactly(snapshotId(4));
        assertThat(ec2.describeSnapshotsPaginator(r -> r.ownerIds("self").restorableByUserIds("all").maxResults(1000))
                .snapshots().stream().map(Snapshot::snapshotId).toList()).containsExactly(snapshotId(4));
    }

    @Test
    void matchesFilters_whenDescriptionTagAndVolumeAreGiven() {
        assertThat(ids(ec2.describeSnapshots(r -> r.filters(filter("description", "*for " + imageId(7)))))).containsExactly(snapshotId(7));
        assertThat(ids(ec2.describeSnapshots(r -> r.filters(filter("tag-key", "aws:backup:*"))))).containsExactly(snapshotId(10));
        assertThat(ids(ec2.describeSnapshots(r -> r.filters(filter("volume-id", String.format("vol-%017x", 3))))))
                .containsExactly(snapshotId(3));
    }

    @Test
    void refusesDeletion_whileAnImageInAnyStateUsesTheSnapshot() {
        String disabledUse = errorOf(() -> ec2.deleteSnapshot(r -> r.snapshotId(snapshotId(1))),
                "InvalidSnapshot.InUse", 400);
        errorOf(() -> ec2.deleteSnapshot(r -> r.snapshotId(snapshotId(2))), "InvalidSnapshot.InUse", 400);
        ec2.deleteSnapshot(r -> r.snapshotId(snapshotId(3)));

        assertThat(disabledUse).isEqualTo("The snapshot " + snapshotId(1) + " is currently in use by " + imageId(1));
        errorOf(() -> ec2.describeSnapshots(r -> r.snapshotIds(snapshotId(3))), "InvalidSnapshot.NotFound", 400);
        errorOf(() -> ec2.deleteSnapshot(r -> r.snapshotId(snapshotId(3))), "InvalidSnapshot.NotFound", 400);
        errorOf(() -> ec2.deleteSnapshot(r -> r.snapshotId("snap-xyz")), "InvalidSnapshotID.Malformed", 400);
    }

    @Test
    void changesCreateVolumePermissions_inBothRequestForms() {
        ec2.modifySnapshotAttribute(r -> r.snapshotId(snapshotId(4))
                .createVolumePermission(p -> p.add(CreateVolumePermission.builder().group(PermissionGroup.ALL).build())));
        ec2.modifySnapshotAttribute(r -> r.snapshotId(snapshotId(4)).attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)
                .operationType(OperationType.ADD).userIds(PARTNER));

        assertThat(permissions(snapshotId(4))).containsExactly(
                CreateVolumePermission.builder().group(PermissionGroup.ALL).build(),
                CreateVolumePermission.builder().userId(PARTNER).build());

        ec2.modifySnapshotAttribute(r -> r.snapshotId(snapshotId(4))
                .createVolumePermission(p -> p.remove(CreateVolumePermission.builder().group(PermissionGroup.ALL).build(),
                        CreateVolumePermission.builder().userId(PARTNER).build())));
        assertThat(permissions(snapshotId(4))).isEmpty();
    }

    @Test
    void refusesPublicSharing_whenSnapshotBlockPublicAccessIsOn() {
        assertThat(ec2.enableSnapshotBlockPublicAccess(r -> r.state("block-all-sharing")).stateAsString())
                .isEqualTo("block-all-sharing");

        errorOf(() -> ec2.modifySnapshotAttribute(r -> r.snapshotId(snapshotId(4))
                        .createVolumePermission(p -> p.add(CreateVolumePermission.builder().group(PermissionGroup.ALL)
                                .build()))), "OperationNotPermitted", 400);

        assertThat(ec2.getSnapshotBlockPublicAccessState(r -> { }).stateAsString()).isEqualTo("block-all-sharing");
        assertThat(ec2.disableSnapshotBlockPublicAccess(r -> { }).stateAsString()).isEqualTo("unblocked");
        assertThat(sandbox.state().regions().get("us-east-1").snapshotBlockPublicAccess()).isEqualTo("unblocked");
    }

    private List<CreateVolumePermission> permissions(String snapshotId) {
        return ec2.describeSnapshotAttribute(r -> r.snapshotId(snapshotId)
                .attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)).createVolumePermissions();
    }
}
