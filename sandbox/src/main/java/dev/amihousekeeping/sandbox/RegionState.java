package dev.amihousekeeping.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One region's resources, indexed by id (sorted, so pages are stable) and by which images use each snapshot.
 * Not thread-safe on its own: {@link SandboxState} serialises every request.
 */
final class RegionState {

    final String name;
    /** Stands in for timestamps a seed left out (the seed's "now", or when the region was made). */
    final Instant defaultTime;
    final TreeMap<String, SeedImage> images = new TreeMap<>();
    final TreeMap<String, SeedSnapshot> snapshots = new TreeMap<>();
    final TreeMap<String, SeedInstance> instances = new TreeMap<>();
    final TreeMap<String, SeedLaunchTemplate> launchTemplates = new TreeMap<>();
    final TreeMap<String, SeedVolume> volumes = new TreeMap<>();
    final List<SeedSsmParameter> ssmParameters = new ArrayList<>();
    final List<SeedLaunchConfiguration> launchConfigurations = new ArrayList<>();
    String imageBlockPublicAccess = "unblocked";
    String snapshotBlockPublicAccess = "unblocked";
    /** CopyImage ClientToken -> the request it came with and the image it made (EC2 idempotency). */
    final Map<String, CopyToken> copyTokens = new HashMap<>();
    /** Images whose deregistration protection was enabled with the 24-hour cooldown. */
    final Set<String> protectionCooldown = new HashSet<>();
    /** Retention rules and the AMIs and snapshots deleted while one matched them. */
    final RecycleBin recycleBin = new RecycleBin();

    private final Map<String, Set<String>> imagesBySnapshot = new HashMap<>();
    private final Map<String, Transition> transitions = new HashMap<>();

    record CopyToken(String fingerprint, String imageId) {
    }

    /** A pending image (and its pending snapshots) that reaches {@code finalState} at {@code readyAtNanos}. */
    record Transition(long readyAtNanos, String finalState, SeedStateReason reason) {
    }

    RegionState(String name, Instant defaultTime) {
        this.name = name;
        this.defaultTime = defaultTime;
    }

    void putImage(SeedImage image) {
        SeedImage old = images.put(image.imageId(), image);
        if (old != null) {
            unindex(old);
        }
        for (SeedBlockDevice device : image.blockDeviceMappings()) {
            if (device.snapshotId() != null) {
                imagesBySnapshot.computeIfAbsent(device.snapshotId(), k -> new TreeSet<>()).add(image.imageId());
            }
        }
    }

    SeedImage removeImage(String imageId) {
        SeedImage old = images.remove(imageId);
        if (old != null) {
            unindex(old);
            transitions.remove(imageId);
            protectionCooldown.remove(imageId);
        }
        return old;
    }

    /** Ids of the images (in any state) whose block device mappings name this snapshot, sorted. */
    Set<String> imagesUsing(String snapshotId) {
        return imagesBySnapshot.getOrDefault(snapshotId, Set.of());
    }

    void schedule(String imageId, long readyAtNanos, String finalState, SeedStateReason reason) {
        transitions.put(imageId, new Transition(readyAtNanos, finalState, reason));
    }

    /** Moves pending images whose time has come to their final state; called before every request. */
    void settle(long nanoNow) {
        if (transitions.isEmpty()) {
            return;
        }
        Iterator<Map.Entry<String, Transition>> it = transitions.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Transition> entry = it.next();
            Transition transition = entry.getValue();
            if (nanoNow - transition.readyAtNanos() < 0) {
                continue;
            }
            it.remove();
            SeedImage image = images.get(entry.getKey());
            if (image == null || !"pending".equals(image.state())) {
                continue;
            }
            images.put(image.imageId(), image.withState(transition.finalState(), transition.reason()));
            String snapshotState = "available".equals(transition.finalState()) ? "completed" : "error";
            for (SeedBlockDevice device : image.blockDeviceMappings()) {
                SeedSnapshot snapshot = device.snapshotId() == null ? null : snapshots.get(device.snapshotId());
                if (snapshot != null && "pending".equals(snapshot.state())) {
                    snapshots.put(snapshot.snapshotId(), snapshot.withState(snapshotState));
                }
            }
        }
    }

    /** The name is in use by another image of this owner in this region (EC2 requires unique AMI names). */
    SeedImage imageNamed(String imageName, String ownerId) {
        for (SeedImage image : images.values()) {
            if (image.name() != null && image.name().equals(imageName) && ownerId.equals(image.ownerId())) {
                return image;
            }
        }
        return null;
    }

    /** Nothing in it and every switch at its default: a region only ever read from. */
    boolean isEmpty() {
        return images.isEmpty() && snapshots.isEmpty() && instances.isEmpty() && launchTemplates.isEmpty()
                && volumes.isEmpty() && recycleBin.isEmpty()
                && ssmParameters.isEmpty() && launchConfigurations.isEmpty()
                && imageBlockPublicAccess.equals("unblocked") && snapshotBlockPublicAccess.equals("unblocked");
    }

    SeedRegion toSeed() {
        return new SeedRegion(List.copyOf(images.values()), List.copyOf(snapshots.values()),
                List.copyOf(instances.values()), List.copyOf(launchTemplates.values()), List.copyOf(ssmParameters),
                List.copyOf(launchConfigurations), imageBlockPublicAccess, snapshotBlockPublicAccess,
                List.copyOf(volumes.values()), List.copyOf(recycleBin.rules), recycleBin.toSeed());
    }

    private void unindex(SeedImage image) {
        for (SeedBlockDevice device : image.blockDeviceMappings()) {
            Set<String> users = device.snapshotId() == null ? null : imagesBySnapshot.get(device.snapshotId());
            if (users != null) {
                users.remove(image.imageId());
                if (users.isEmpty()) {
                    imagesBySnapshot.remove(device.snapshotId());
                }
            }
        }
    }
}
