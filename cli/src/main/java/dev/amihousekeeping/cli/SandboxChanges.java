package dev.amihousekeeping.cli;

import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.sandbox.SeedLaunchPermission;
import dev.amihousekeeping.sandbox.SeedRecycleBin;
import dev.amihousekeeping.sandbox.SeedRegion;
import dev.amihousekeeping.sandbox.SeedSnapshot;
import dev.amihousekeeping.sandbox.SeedVolume;
import dev.amihousekeeping.sandbox.SeedVolumePermission;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What changed in the sandbox between two of its states, in a person's words: every difference the functions can
 * make to an AMI (deregistered, created, state, deprecation, public flag, launch permissions, deregistration
 * protection, tags), a snapshot (deleted, created, public flag, create-volume permissions, tags) or a volume. The
 * demo prints it after each {@code --apply}, so that what a function did can be checked against what it said it
 * would do; it compares the sandbox's own state, so a change no read of the inventory shows is listed too.
 */
final class SandboxChanges {

    private final List<String> regionOrder;
    private final Seed before;
    private final Seed after;

    /** @param regionOrder regions to list first, in this order; others follow in name order */
    SandboxChanges(List<String> regionOrder, Seed before, Seed after) {
        this.regionOrder = List.copyOf(regionOrder);
        this.before = before;
        this.after = after;
    }

    /** One line per change, {@code region: what}; empty when nothing changed. */
    List<String> lines() {
        Set<String> regions = new LinkedHashSet<>(regionOrder);
        regions.addAll(new TreeSet<>(before.regions().keySet()));
        regions.addAll(new TreeSet<>(after.regions().keySet()));
        List<String> lines = new ArrayList<>();
        for (String region : regions) {
            SeedRegion old = before.regions().getOrDefault(region, SeedRegion.empty());
            SeedRegion now = after.regions().getOrDefault(region, SeedRegion.empty());
            List<String> changes = new ArrayList<>();
            images(old, now, changes);
            snapshots(old, now, changes);
            volumes(old, now, changes);
            changes.forEach(change -> lines.add(region + ": " + change));
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

    private static void images(SeedRegion old, SeedRegion current, List<String> lines) {
        compare(old.images(), current.images(), SeedImage::imageId,
                image -> "deregistered " + named(image),
                (image, now) -> {
                    String named = named(image);
                    if (!Objects.equals(image.deprecationTime(), now.deprecationTime())) {
                        lines.add(named + (now.deprecationTime() == null ? " deprecation cancelled"
                                : " deprecated as of " + now.deprecationTime()));
                    }
                    if (!image.state().equals(now.state())) {
                        lines.add(named + " state " + image.state() + " -> " + now.state());
                    }
                    if (!image.isPublic().equals(now.isPublic())) {
                        lines.add(named + (now.isPublic() ? " made public" : " no longer public"));
                    }
                    grants(named + " launch permission", image.launchPermissions(), now.launchPermissions(),
                            SandboxChanges::grantee, lines);
                    if (!image.deregistrationProtection().equals(now.deregistrationProtection())) {
                        lines.add(named + " deregistration protection "
                                + (now.deregistrationProtection() ? "on" : "off"));
                    }
                    tags(named, image.tags(), now.tags(), lines);
                },
                image -> (binned(old, image.imageId()) ? "restored from the Recycle Bin: image " : "new image ")
                        + named(image) + " (" + image.state() + ")", lines);
    }

    private static void snapshots(SeedRegion old, SeedRegion current, List<String> lines) {
        compare(old.snapshots(), current.snapshots(), SeedSnapshot::snapshotId,
                snapshot -> "deleted snapshot " + snapshot.snapshotId() + " (" + snapshot.volumeSize() + " GiB)",
                (snapshot, now) -> {
                    String named = "snapshot " + snapshot.snapshotId();
                    boolean wasPublic = isPublic(snapshot);
                    if (wasPublic != isPublic(now)) {
                        lines.add(named + (wasPublic ? " no longer public" : " made public"));
                    }
                    grants(named + " create-volume permission",
                            snapshot.createVolumePermissions().stream().filter(p -> p.userId() != null).toList(),
                            now.createVolumePermissions().stream().filter(p -> p.userId() != null).toList(),
                            SeedVolumePermission::userId, lines);
                    if (!snapshot.state().equals(now.state())) {
                        lines.add(named + " state " + snapshot.state() + " -> " + now.state());
                    }
                    tags(named, snapshot.tags(), now.tags(), lines);
                },
                snapshot -> (binned(old, snapshot.snapshotId()) ? "restored from the Recycle Bin: snapshot "
                        : "new snapshot ") + snapshot.snapshotId() + " (" + snapshot.volumeSize() + " GiB)", lines);
    }

    /** Whether the region's Recycle Bin held {@code id}: a resource that reappears was restored, not made. */
    private static boolean binned(SeedRegion region, String id) {
        SeedRecycleBin bin = region.recycleBin();
        return bin != null && (bin.images().stream().anyMatch(b -> b.image().imageId().equals(id))
                || bin.snapshots().stream().anyMatch(b -> b.snapshot().snapshotId().equals(id)));
    }

    private static void volumes(SeedRegion old, SeedRegion current, List<String> lines) {
        compare(old.volumes(), current.volumes(), SeedVolume::volumeId,
                volume -> "deleted volume " + volume.volumeId(),
                (volume, now) -> {
                    if (!now.equals(volume)) {
                        lines.add("volume " + volume.volumeId() + " changed");
                    }
                },
                volume -> "new volume " + volume.volumeId(), lines);
    }

    /**
     * One kind of resource, matched by id: a line for each one that is gone and for each new one, and
     * {@code changed} for each one in both states (old, then new), in the order of the old state, then of the new.
     */
    private static <T> void compare(List<T> old, List<T> current, Function<T, String> id, Function<T, String> gone,
                                    BiConsumer<T, T> changed, Function<T, String> added, List<String> lines) {
        Map<String, T> before = byId(old, id);
        Map<String, T> after = byId(current, id);
        before.forEach((key, was) -> {
            T now = after.get(key);
            if (now == null) {
                lines.add(gone.apply(was));
            } else {
                changed.accept(was, now);
            }
        });
        after.forEach((key, now) -> {
            if (!before.containsKey(key)) {
                lines.add(added.apply(now));
            }
        });
    }

    private static <T> void grants(String what, List<T> old, List<T> current, Function<T, String> grantee,
                                   List<String> lines) {
        old.stream().filter(g -> !current.contains(g))
                .forEach(g -> lines.add(what + " removed: " + grantee.apply(g)));
        current.stream().filter(g -> !old.contains(g))
                .forEach(g -> lines.add(what + " added: " + grantee.apply(g)));
    }

    private static void tags(String what, Map<String, String> old, Map<String, String> current, List<String> lines) {
        old.forEach((key, value) -> {
            if (!current.containsKey(key)) {
                lines.add(what + " tag " + key + " removed");
            } else if (!current.get(key).equals(value)) {
                lines.add(what + " tag " + key + "=" + value + " -> " + current.get(key));
            }
        });
        current.forEach((key, value) -> {
            if (!old.containsKey(key)) {
                lines.add(what + " tagged " + key + "=" + value);
            }
        });
    }

    private static boolean isPublic(SeedSnapshot snapshot) {
        return snapshot.createVolumePermissions().stream().anyMatch(p -> "all".equals(p.group()));
    }

    private static String grantee(SeedLaunchPermission permission) {
        return permission.userId() != null ? permission.userId()
                : permission.organizationArn() != null ? permission.organizationArn()
                : permission.organizationalUnitArn() != null ? permission.organizationalUnitArn()
                : "group " + permission.group();
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    private static String named(SeedImage image) {
        return image.imageId() + " " + (image.name() == null ? "" : "(" + image.name() + ")");
    }
}
