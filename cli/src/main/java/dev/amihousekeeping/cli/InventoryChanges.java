package dev.amihousekeeping.cli;

import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.Inventory;
import dev.amihousekeeping.core.Snapshot;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What changed in the account between two reads of the same regions, in a person's words: AMIs deregistered or
 * created, deprecation times set, states and public flags changed, snapshots deleted or created. The demo prints it
 * after each {@code --apply}, so that what a function did can be checked against what it said it would do.
 */
final class InventoryChanges {

    private final List<Inventory> before;
    private final List<Inventory> after;

    InventoryChanges(List<Inventory> before, List<Inventory> after) {
        this.before = List.copyOf(before);
        this.after = List.copyOf(after);
    }

    /** One line per change, {@code region: what}; empty when nothing changed. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (Inventory old : before) {
            Optional<Inventory> now = after.stream().filter(i -> i.region().equals(old.region())).findFirst();
            now.ifPresent(current -> lines.addAll(changes(old, current)));
        }
        return lines;
    }

    void print(PrintStream out) {
        List<String> lines = lines();
        if (lines.isEmpty()) {
            out.println("  nothing changed");
        }
        lines.forEach(line -> out.println("  " + line));
    }

    private static List<String> changes(Inventory old, Inventory current) {
        String region = old.region();
        List<String> lines = new ArrayList<>();
        Map<String, Image> oldImages = byId(old.images(), Image::imageId);
        Map<String, Image> newImages = byId(current.images(), Image::imageId);
        oldImages.forEach((id, image) -> {
            Image now = newImages.get(id);
            if (now == null) {
                lines.add(region + ": deregistered " + id + " " + name(image));
                return;
            }
            if (!Objects.equals(image.deprecationTime(), now.deprecationTime())) {
                lines.add(region + ": " + id + " " + name(image) + (now.deprecationTime() == null
                        ? " deprecation cancelled"
                        : " deprecated as of " + now.deprecationTime()));
            }
            if (image.state() != now.state()) {
                lines.add(region + ": " + id + " " + name(image) + " state " + image.state().apiValue() + " -> "
                        + now.state().apiValue());
            }
            if (image.isPublic() != now.isPublic()) {
                lines.add(region + ": " + id + " " + name(image) + (now.isPublic() ? " made public" : " no longer public"));
            }
        });
        newImages.forEach((id, image) -> {
            if (!oldImages.containsKey(id)) {
                lines.add(region + ": new image " + id + " " + name(image) + " (" + image.state().apiValue() + ")");
            }
        });
        Map<String, Snapshot> oldSnapshots = byId(old.snapshots(), Snapshot::snapshotId);
        Map<String, Snapshot> newSnapshots = byId(current.snapshots(), Snapshot::snapshotId);
        oldSnapshots.forEach((id, snapshot) -> {
            if (!newSnapshots.containsKey(id)) {
                lines.add(region + ": deleted snapshot " + id + " (" + snapshot.volumeSize() + " GiB)");
            }
        });
        newSnapshots.forEach((id, snapshot) -> {
            if (!oldSnapshots.containsKey(id)) {
                lines.add(region + ": new snapshot " + id + " (" + snapshot.volumeSize() + " GiB)");
            }
        });
        return lines;
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    private static String name(Image image) {
        return image.name() == null ? "" : "(" + image.name() + ")";
    }
}
