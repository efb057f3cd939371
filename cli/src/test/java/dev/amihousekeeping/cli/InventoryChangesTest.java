package dev.amihousekeeping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.BlockDevice;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ImageState;
import dev.amihousekeeping.core.Inventory;
import dev.amihousekeeping.core.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryChangesTest {

    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    private static Image image(String id, Instant deprecated, boolean isPublic) {
        return new Image("us-east-1", id, "web-" + id, "111122223333", ImageState.AVAILABLE, T, Map.of(), isPublic,
                deprecated, null, false, null, null, List.of());
    }

    private static Snapshot snapshot(String id) {
        return new Snapshot("us-east-1", id, "vol-1", 8, T, "", "111122223333", "completed", Map.of(), null);
    }

    private static Inventory inventory(List<Image> images, List<Snapshot> snapshots) {
        return new Inventory("us-east-1", "111122223333", T, images, snapshots);
    }

    @Test
    void saysWhatWasDeregisteredDeprecatedAndDeleted() {
        Inventory before = inventory(List.of(image("ami-1", null, false), image("ami-2", null, false),
                image("ami-3", null, true)), List.of(snapshot("snap-1"), snapshot("snap-2")));
        Inventory after = inventory(List.of(image("ami-2", T.plusSeconds(60), false), image("ami-3", null, false)),
                List.of(snapshot("snap-2")));

        assertThat(new InventoryChanges(List.of(before), List.of(after)).lines()).containsExactly(
                "us-east-1: deregistered ami-1 (web-ami-1)",
                "us-east-1: ami-2 (web-ami-2) deprecated as of 2026-11-01T00:01:00Z",
                "us-east-1: ami-3 (web-ami-3) no longer public",
                "us-east-1: deleted snapshot snap-1 (8 GiB)");
    }

    @Test
    void saysNothingChanged_whenNothingDid() {
        Inventory same = inventory(List.of(image("ami-1", null, false)), List.of(snapshot("snap-1")));

        assertThat(new InventoryChanges(List.of(same), List.of(same)).lines()).isEmpty();
    }
}
