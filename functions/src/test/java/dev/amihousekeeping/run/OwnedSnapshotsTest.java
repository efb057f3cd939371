package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionParameters;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.BlockDevice;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ImageState;
import dev.amihousekeeping.core.Inventory;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnedSnapshotsTest {

    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");
    private static final String REGION = "us-east-1";

    private static final Image IMAGE = new Image(REGION, "ami-1", "import-1", "111122223333", ImageState.AVAILABLE,
            T, Map.of(), false, null, null, false, null, null,
            List.of(new BlockDevice("/dev/xvda", "snap-partner", 8), new BlockDevice("/dev/xvdb", "snap-ours", 20)));

    private static Inventory inventory(String... ownedSnapshots) {
        return new Inventory(REGION, "111122223333", T, List.of(IMAGE), java.util.Arrays.stream(ownedSnapshots)
                .map(id -> new Snapshot(REGION, id, "vol-1", 20, T, "", "111122223333", "completed", Map.of(), null))
                .toList());
    }

    private static Action deregister(String snapshotIds, String kept, String gib) {
        return new Action(REGION, ResourceType.IMAGE, "ami-1", ActionType.DEREGISTER, "expiry-tag DeleteOn=2026-01-01",
                Map.of(ActionParameters.DELETE_SNAPSHOTS, "true", ActionParameters.SNAPSHOT_IDS, snapshotIds,
                        ActionParameters.KEPT_SNAPSHOTS, kept, ActionParameters.SNAPSHOT_GIB, gib), List.of());
    }

    @Test
    void keepsASnapshotOfAnotherAccount_andCountsOnlyOursAsSaved() {
        Plan plan = new Plan(List.of(deregister("snap-partner,snap-ours", "", "28")), List.of());

        Action restricted = OwnedSnapshots.restrict(plan, inventory("snap-ours")).actions().get(0);

        assertThat(restricted.parameters())
                .containsEntry(ActionParameters.SNAPSHOT_IDS, "snap-ours")
                .containsEntry(ActionParameters.KEPT_SNAPSHOTS, "snap-partner (owned by another account)")
                .containsEntry(ActionParameters.SNAPSHOT_GIB, "20")
                .containsEntry(ActionParameters.DELETE_SNAPSHOTS, "true");
        assertThat(restricted.reason()).isEqualTo("expiry-tag DeleteOn=2026-01-01");
    }

    @Test
    void addsToTheSnapshotsAlreadyKept() {
        Plan plan = new Plan(List.of(deregister("snap-partner", "snap-ours (used by ami-2)", "8")), List.of());

        Action restricted = OwnedSnapshots.restrict(plan, inventory("snap-ours")).actions().get(0);

        assertThat(restricted.parameters())
                .containsEntry(ActionParameters.SNAPSHOT_IDS, "")
                .containsEntry(ActionParameters.KEPT_SNAPSHOTS,
                        "snap-ours (used by ami-2); snap-partner (owned by another account)")
                .containsEntry(ActionParameters.SNAPSHOT_GIB, "0");
    }

    @Test
    void leavesTheActionAlone_whenEverySnapshotIsOurs() {
        Action action = deregister("snap-partner,snap-ours", "", "28");

        assertThat(OwnedSnapshots.restrict(new Plan(List.of(action), List.of()),
                inventory("snap-ours", "snap-partner")).actions()).containsExactly(action);
    }
}
