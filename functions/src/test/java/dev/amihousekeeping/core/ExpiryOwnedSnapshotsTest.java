package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.ExpiryTestConfig.config;
import static dev.amihousekeeping.core.ExpiryTestImage.expired;
import static dev.amihousekeeping.core.ExpiryTestImage.ownedSnapshots;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A deregistration deletes only this account's snapshots: an AMI registered from a snapshot another account shared
 * maps a snapshot EC2 would refuse to delete ({@code missing-permissions}), and whose GiB are not ours to save. The
 * inventory's snapshots were read with {@code Owners=self}; one not among them is kept. (These were
 * {@code run/OwnedSnapshotsTest}, which rewrote the plan after the policy; the policy now plans it.)
 */
class ExpiryOwnedSnapshotsTest {

    private static final BlockDevice PARTNER = new BlockDevice("/dev/xvda", "snap-partner", 8);
    private static final BlockDevice OURS = new BlockDevice("/dev/xvdb", "snap-ours", 20);

    /** The images, with only the snapshots named in {@code owned} read as this account's. */
    private static Plan plan(Set<String> owned, Image... images) {
        List<Snapshot> snapshots = ownedSnapshots(List.of(images)).stream()
                .filter(s -> owned.contains(s.snapshotId())).toList();
        Inventory inventory = new Inventory(REGION, ACCOUNT, NOW, List.of(images), snapshots);
        return config().plan(inventory);
    }

    @Test
    void keepsASnapshotOfAnotherAccount_andCountsOnlyOursAsSaved() {
        Plan plan = plan(Set.of("snap-ours"), expired("ami-0001").snapshots(PARTNER, OURS).build());

        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.Deregister.class, deregister -> {
            assertThat(deregister.snapshotIds()).containsExactly("snap-ours");
            assertThat(deregister.keptSnapshots()).containsExactly("snap-partner (owned by another account)");
            assertThat(deregister.snapshotGiB()).isEqualTo(20);
            assertThat(deregister.freedGiB()).isEqualTo(20);
            assertThat(deregister.deleteSnapshots()).isTrue();
            assertThat(deregister.reason()).isEqualTo("expiry-tag DeleteOn=2026-06-01");
        });
        assertThat(plan.kept()).contains(new Kept(REGION, ResourceType.SNAPSHOT, "snap-partner",
                ExpiryPolicy.NOT_OWNED));
    }

    @Test
    void addsToTheSnapshotsAlreadyKept() {
        Plan plan = plan(Set.of("snap-ours"),
                expired("ami-0001").snapshots(PARTNER, OURS).build(),
                expired("ami-0002").tag("Retain", "").snapshots(OURS).build());

        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.Deregister.class, deregister -> {
            assertThat(deregister.snapshotIds()).isEmpty();
            assertThat(deregister.keptSnapshots())
                    .containsExactly("snap-ours (used by ami-0002)", "snap-partner (owned by another account)");
            assertThat(deregister.snapshotGiB()).isZero();
        });
    }

    @Test
    void deletesEverySnapshot_whenEverySnapshotIsOurs() {
        Plan plan = plan(Set.of("snap-ours", "snap-partner"), expired("ami-0001").snapshots(PARTNER, OURS).build());

        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.Deregister.class, deregister -> {
            assertThat(deregister.snapshotIds()).containsExactly("snap-partner", "snap-ours");
            assertThat(deregister.keptSnapshots()).isEmpty();
            assertThat(deregister.snapshotGiB()).isEqualTo(28);
        });
        assertThat(plan.kept()).noneMatch(k -> k.reason().equals(ExpiryPolicy.NOT_OWNED));
    }

    @Test
    void keepsASharedSnapshotOfAnotherAccount_insteadOfDeletingItAfterItsImages() {
        BlockDevice shared = new BlockDevice("/dev/sdb", "snap-shared", 20);
        Plan plan = plan(Set.of(),
                expired("ami-0001").snapshots(shared).build(),
                expired("ami-0002").snapshots(shared).build());

        assertThat(plan.actions()).extracting(Action::type)
                .containsExactly(ActionType.DEREGISTER, ActionType.DEREGISTER);
        assertThat(plan.kept()).containsExactly(new Kept(REGION, ResourceType.SNAPSHOT, "snap-shared",
                ExpiryPolicy.NOT_OWNED));
    }
}
