package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionParameters;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ImageState;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.Snapshot;
import dev.amihousekeeping.run.Precondition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Re-checks, just before an action, that its resource is still there and still fit for it (invariant 6): the
 * plan was made from an inventory that can be minutes old. Each function adds its own rule on the fresh
 * resource (still expired? still offending? not exempt now?) through {@link #of}.
 * <ul>
 *   <li>image actions: the image still exists and is not deregistered; deprecate, deregister and copy also
 *       need it not {@code pending}; deregister needs deregistration protection off. A copy's image is read in
 *       its source region.</li>
 *   <li>snapshot actions: the snapshot still exists.</li>
 *   <li>account actions: nothing to re-read.</li>
 * </ul>
 * {@link #prepare} reads a window's images and snapshots in a few batched calls; an action whose resource the
 * batch did not show (gone, or not covered) is read on its own, so that "gone" is always EC2's answer to that
 * id. A read serves one action that goes ahead and changes its resource: a second action on the same resource
 * reads it again, after the first one's change.
 */
public final class Recheck implements Precondition {

    private final Ec2Gateway gateway;
    private final BiFunction<Action, Image, Optional<String>> imageRule;
    private final BiFunction<Action, Snapshot, Optional<String>> snapshotRule;
    private final Map<String, Image> images = new HashMap<>();
    private final Map<String, Snapshot> snapshots = new HashMap<>();

    private Recheck(Ec2Gateway gateway, BiFunction<Action, Image, Optional<String>> imageRule,
                    BiFunction<Action, Snapshot, Optional<String>> snapshotRule) {
        this.gateway = gateway;
        this.imageRule = imageRule;
        this.snapshotRule = snapshotRule;
    }

    /** Only the checks every function shares. */
    public static Recheck stillPresent(Ec2Gateway gateway) {
        return of(gateway, (action, image) -> Optional.empty(), (action, snapshot) -> Optional.empty());
    }

    /** The shared checks, then the function's own rules on the freshly read image or snapshot. */
    public static Recheck of(Ec2Gateway gateway, BiFunction<Action, Image, Optional<String>> imageRule,
                             BiFunction<Action, Snapshot, Optional<String>> snapshotRule) {
        return new Recheck(gateway, imageRule, snapshotRule);
    }

    @Override
    public void prepare(List<Action> upcoming) {
        images.clear();
        snapshots.clear();
        Map<String, List<String>> imageIds = new LinkedHashMap<>();
        Map<String, List<String>> snapshotIds = new LinkedHashMap<>();
        for (Action action : upcoming) {
            if (action.resourceType() == ResourceType.IMAGE) {
                imageIds.computeIfAbsent(imageRegion(action), r -> new ArrayList<>()).add(action.resourceId());
            } else if (action.resourceType() == ResourceType.SNAPSHOT) {
                snapshotIds.computeIfAbsent(action.region(), r -> new ArrayList<>()).add(action.resourceId());
            }
        }
        imageIds.forEach((region, ids) -> gateway.describeImages(region, ids)
                .forEach((id, image) -> images.put(key(region, id), image)));
        snapshotIds.forEach((region, ids) -> gateway.describeSnapshots(region, ids)
                .forEach((id, snapshot) -> snapshots.put(key(region, id), snapshot)));
    }

    @Override
    public Optional<String> skipReason(Action action) {
        Optional<String> reason = check(action);
        if (reason.isEmpty() && action.action() != ActionType.COPY) {
            // Every action but a copy changes its resource: what was read before it is stale after it.
            String key = key(action.resourceType() == ResourceType.IMAGE ? imageRegion(action) : action.region(),
                    action.resourceId());
            images.remove(key);
            snapshots.remove(key);
        }
        return reason;
    }

    private Optional<String> check(Action action) {
        if (action.resourceType() == ResourceType.IMAGE) {
            String region = imageRegion(action);
            Image read = images.get(key(region, action.resourceId()));
            Optional<Image> image = read != null ? Optional.of(read)
                    : gateway.describeImage(region, action.resourceId());
            image.ifPresent(i -> images.put(key(region, i.imageId()), i));
            if (image.isEmpty() || image.get().state() == ImageState.DEREGISTERED) {
                return Optional.of("re-check: image " + action.resourceId() + " no longer exists");
            }
            return imageReason(action, image.get()).or(() -> imageRule.apply(action, image.get()));
        }
        if (action.resourceType() == ResourceType.SNAPSHOT) {
            Snapshot read = snapshots.get(key(action.region(), action.resourceId()));
            Optional<Snapshot> snapshot = read != null ? Optional.of(read)
                    : gateway.describeSnapshot(action.region(), action.resourceId());
            snapshot.ifPresent(s -> snapshots.put(key(action.region(), s.snapshotId()), s));
            if (snapshot.isEmpty()) {
                return Optional.of("re-check: snapshot " + action.resourceId() + " no longer exists");
            }
            return snapshotRule.apply(action, snapshot.get());
        }
        return Optional.empty();
    }

    /** Where an image action's image is read: a copy's image is its source, in the source region. */
    private static String imageRegion(Action action) {
        return action.action() == ActionType.COPY
                ? action.parameters().getOrDefault(ActionParameters.SOURCE_REGION, action.region())
                : action.region();
    }

    private static String key(String region, String id) {
        return region + "/" + id;
    }

    static Optional<String> imageReason(Action action, Image image) {
        boolean needsSettled = action.action() == ActionType.DEPRECATE || action.action() == ActionType.DEREGISTER
                || action.action() == ActionType.COPY;
        if (needsSettled && image.state() == ImageState.PENDING) {
            return Optional.of("re-check: image is pending");
        }
        if (action.action() == ActionType.DEREGISTER && image.deregistrationProtection()) {
            return Optional.of("re-check: deregistration protection is on");
        }
        return Optional.empty();
    }
}
