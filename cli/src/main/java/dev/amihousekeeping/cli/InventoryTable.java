package dev.amihousekeeping.cli;

import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.Inventory;
import dev.amihousekeeping.core.Snapshot;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A region's images and snapshots as aligned text: what a person checks before and after a run. */
final class InventoryTable {

    private final Inventory inventory;

    InventoryTable(Inventory inventory) {
        this.inventory = inventory;
    }

    void print(PrintStream out) {
        out.printf("%s: %d images, %d snapshots%n", inventory.region(), inventory.images().size(),
                inventory.snapshots().size());
        out.printf("  %-21s  %-24s  %-10s  %-10s  %-30s  %s%n", "IMAGE", "NAME", "STATE", "CREATED", "TAGS",
                "SNAPSHOTS");
        for (Image image : inventory.images()) {
            out.printf("  %-21s  %-24s  %-10s  %-10s  %-30s  %s%n", image.imageId(), clip(image.name(), 24),
                    image.state().apiValue() + (image.isPublic() ? "*" : ""),
                    image.creationDate() == null ? "-" : image.creationDate().toString().substring(0, 10),
                    clip(tags(image.tags()), 30), String.join(",", image.snapshotIds()));
        }
        Map<String, Set<String>> users = inventory.imagesBySnapshot();
        out.printf("  %-22s  %5s  %-10s  %-30s  %s%n", "SNAPSHOT", "GiB", "STARTED", "USED BY", "DESCRIPTION");
        for (Snapshot snapshot : inventory.snapshots()) {
            out.printf("  %-22s  %5d  %-10s  %-30s  %s%n", snapshot.snapshotId(), snapshot.volumeSize(),
                    snapshot.startTime() == null ? "-" : snapshot.startTime().toString().substring(0, 10),
                    clip(String.join(",", users.getOrDefault(snapshot.snapshotId(), Set.of())), 30),
                    clip(snapshot.description(), 60));
        }
    }

    private static String tags(Map<String, String> tags) {
        return tags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static String clip(String s, int width) {
        if (s == null || s.isEmpty()) {
            return "-";
        }
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
