package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.ExpiryTestConfig.config;
import static dev.amihousekeeping.core.ExpiryTestImage.expired;
import static dev.amihousekeeping.core.ExpiryTestImage.inventory;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The snapshots of the plan's deregistrations: every one of them is in the plan, deleted with its image, deleted
 * after the last image that shares it, or kept with the reason (invariant 3).
 */
class ExpirySharedSnapshotsTest {

    private static final BlockDevice SHARED = new BlockDevice("/dev/sdb", "snap-shared", 20);

    @Test
    void deletesASnapshotTwoDeregisteredImagesShare_afterBothOfThem() {
        Plan plan = plan(config(),
                expired("ami-0001").snapshots(new BlockDevice("/dev/xvda", "snap-0001", 8), SHARED).build(),
                expired("ami-0002").snapshots(new BlockDevice("/dev/xvda", "snap-0002", 8), SHARED).build());

        assertThat(plan.actions()).extracting(Action::resourceId, Action::type).containsExactly(
                Tuple.tuple("ami-0001", ActionType.DEREGISTER),
                Tuple.tuple("ami-0002", ActionType.DEREGISTER),
                Tuple.tuple("snap-shared", ActionType.DELETE_SNAPSHOT));
        Action delete = plan.actions().get(2);
        assertThat(delete.reason()).isEqualTo("shared by deregistered ami-0001, ami-0002: deleted after the last of them");
        assertThat(((Action.DeleteSnapshot) delete).volumeSizeGiB()).isEqualTo(20);
        // Neither deregistration deletes it, nor asks EC2 to delete associated snapshots.
        Action.Deregister first = (Action.Deregister) plan.actions().get(0);
        assertThat(first.snapshotIds()).containsExactly("snap-0001");
        assertThat(first.keptSnapshots()).containsExactly("snap-shared (used by ami-0002)");
        assertThat(plan.kept()).noneMatch(k -> k.resourceType() == ResourceType.SNAPSHOT);
    }

    @Test
    void keepsASnapshotAnImageThatStaysUses_withUsedBy() {
        Plan plan = plan(config(),
                expired("ami-0001").snapshots(new BlockDevice("/dev/xvda", "snap-0001", 8), SHARED).build(),
                expired("ami-0002").tag("DeleteOn", "2027-01-01").snapshots(SHARED).build());

        assertThat(plan.actions()).extracting(Action::resourceId).containsExactly("ami-0001");
        assertThat(plan.kept()).contains(new Kept(REGION, ResourceType.SNAPSHOT, "snap-shared", "used-by: ami-0002"));
    }

    @Test
    void keepsASharedSnapshot_whenOneOfItsImagesIsOnlyDeprecated() {
        Plan plan = plan(config().deprecateFirst(7),
                expired("ami-0001").deprecated("2026-09-01T00:00:00Z").snapshots(SHARED).build(),
                expired("ami-0002").snapshots(SHARED).build());

        assertThat(plan.actions()).extracting(Action::resourceId, Action::type).containsExactly(
                Tuple.tuple("ami-0001", ActionType.DEREGISTER),
                Tuple.tuple("ami-0002", ActionType.DEPRECATE));
        assertThat(plan.kept()).contains(new Kept(REGION, ResourceType.SNAPSHOT, "snap-shared", "used-by: ami-0002"));
    }

    @Test
    void keepsEverySnapshot_withTheReason_whenSnapshotsAreNotDeleted() {
        Plan plan = plan(config().keepSnapshots(),
                expired("ami-0001").snapshots(new BlockDevice("/dev/xvda", "snap-0001", 8), SHARED).build(),
                expired("ami-0002").snapshots(SHARED).build());

        assertThat(plan.actions()).extracting(Action::type).containsOnly(ActionType.DEREGISTER);
        assertThat(plan.kept()).filteredOn(k -> k.resourceType() == ResourceType.SNAPSHOT)
                .extracting(Kept::resourceId, Kept::reason).containsExactlyInAnyOrder(
                        Tuple.tuple("snap-0001", "delete-snapshots-off"),
                        Tuple.tuple("snap-shared", "delete-snapshots-off"));
    }

    private static Plan plan(ExpiryTestConfig config, Image... images) {
        Inventory inventory = inventory(images);
        return config.plan(inventory);
    }
}
