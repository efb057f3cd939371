package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.OrphanFixtures.ami;
import static dev.amihousekeeping.core.OrphanFixtures.createImageDescription;
import static dev.amihousekeeping.core.OrphanFixtures.image;
import static dev.amihousekeeping.core.OrphanFixtures.inventory;
import static dev.amihousekeeping.core.OrphanFixtures.snap;
import static dev.amihousekeeping.core.OrphanFixtures.snapshot;
import static dev.amihousekeeping.core.OrphanFixtures.vol;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.OrphanScope;
import dev.amihousekeeping.config.OrphanSnapshotsConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A region of DESIGN §10's size plans correctly; its timing is the benchmark's business, not a test's. */
class OrphanSnapshotPolicyScaleTest {

    @Test
    void plan_classifiesEverySnapshot_at30000SnapshotsAnd10000Images() {
        List<Image> images = new ArrayList<>();
        List<Snapshot> snapshots = new ArrayList<>();
        Set<String> volumes = new HashSet<>();
        for (int i = 0; i < 30_000; i++) {
            if (i % 3 == 0) {
                images.add(image(ami(i), ImageState.AVAILABLE, snap(i)));          // referenced
                snapshots.add(snapshot(snap(i), createImageDescription(ami(i))).build());
            } else if (i % 3 == 1) {
                snapshots.add(snapshot(snap(i), createImageDescription(ami(i))).build()); // AMI gone: orphan
            } else {
                volumes.add(vol(i));
                snapshots.add(snapshot(snap(i), "user " + i).withVolume(vol(i)).build());  // volume exists
            }
        }
        Inventory inventory = inventory(images, snapshots);
        OrphanSnapshotPolicy policy = new OrphanSnapshotPolicy(
                new OrphanSnapshotsConfig(true, 7, OrphanScope.UNREFERENCED, List.of("DoNotDelete", "Retain")));

        Plan plan = policy.plan(inventory, volumes, NOW);

        assertThat(plan.actions()).hasSize(10_000);
        assertThat(plan.kept()).hasSize(20_000);
    }
}
