package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.ExpiryTestConfig.config;
import static dev.amihousekeeping.core.ExpiryTestImage.expired;
import static dev.amihousekeeping.core.ExpiryTestImage.inventory;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Phase 1 (which images need evidence) and the snapshot parameters of a deregistration. */
class ExpiryCandidatesTest {

    @Test
    void candidates_areTheExpiredImagesTheInventoryAloneCannotKeep() {
        Inventory inventory = inventory(
                expired("ami-0001").build(),
                expired("ami-0002").tag("Retain", "").build(),
                expired("ami-0003").tag("DeleteOn", "2027-01-01").build(),
                expired("ami-0004").state(ImageState.PENDING).build(),
                expired("ami-0005").makePublic().build(),
                expired("ami-0006").state(ImageState.FAILED).build());

        List<Image> candidates = config().policy().candidates(inventory, NOW);

        assertThat(candidates).extracting(Image::imageId).containsExactly("ami-0001", "ami-0006");
    }

    @Test
    void candidates_includeImagesOnlyEvidenceCanKeep() {
        Inventory inventory = inventory(expired("ami-0001").build());
        ExpiryEvidence inUse = new ExpiryEvidence(
                InUseIndex.checkingAll().use("ami-0001", "i-0abc (running)").build(), Map.of("ami-0001", List.of()), true);

        ExpiryPolicy policy = config().policy();

        assertThat(policy.candidates(inventory, NOW)).extracting(Image::imageId).containsExactly("ami-0001");
        assertThat(policy.plan(inventory, inUse, NOW).kept()).extracting(Kept::reason)
                .containsExactly("in-use: i-0abc (running)");
    }

    @Test
    void deregister_listsOnlySnapshotsNoOtherImageReferences() {
        Image expiring = expired("ami-0001").snapshots(
                new BlockDevice("/dev/xvda", "snap-root", 8),
                new BlockDevice("/dev/xvdb", "snap-shared", 100),
                new BlockDevice("/dev/xvdc", "snap-data", 20),
                new BlockDevice("/dev/xvdd", "snap-data", 20),
                new BlockDevice("/dev/sdb", null, null)).build();
        Image keeper = expired("ami-0002").tag("Retain", "").snapshots(
                new BlockDevice("/dev/xvda", "snap-shared", 100)).build();
        Image failed = expired("ami-0003").state(ImageState.FAILED).tag("Retain", "").snapshots(
                new BlockDevice("/dev/xvda", "snap-root", 8)).build();
        Inventory inventory = inventory(expiring, keeper, failed);

        Plan plan = config().plan(inventory);

        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.Deregister.class, a -> {
            assertThat(a.deleteSnapshots()).isTrue();
            assertThat(a.snapshotIds()).containsExactly("snap-data");
            assertThat(a.keptSnapshots())
                    .containsExactly("snap-root (used by ami-0003)", "snap-shared (used by ami-0002)");
            assertThat(a.snapshotGiB()).isEqualTo(20);
            assertThat(a.newestInLineage()).isEmpty();
        });
    }

    @Test
    void deregister_listsNoSnapshot_whenDeleteSnapshotsIsOff() {
        Inventory inventory = inventory(expired("ami-0001").build());

        Plan plan = config().keepSnapshots().plan(inventory);

        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.Deregister.class, a -> {
            assertThat(a.deleteSnapshots()).isFalse();
            assertThat(a.snapshotIds()).isEmpty();
            assertThat(a.snapshotGiB()).isZero();
        });
    }
}
