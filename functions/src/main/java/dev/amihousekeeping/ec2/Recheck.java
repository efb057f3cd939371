package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.Snapshot;
import dev.amihousekeeping.core.StillActionable;
import dev.amihousekeeping.core.port.Precondition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Re-reads, just before an action, its resource as it is now (invariant 6) and hands it to the rules that judge
 * it: first the ones every function shares ({@link StillActionable}: still there, not pending, not protected),
 * then the function's own, from its policy, through {@link #of}. This class only reads; it decides nothing. An
 * image action's image is read in its region, a copy's in its source region; a snapshot action's snapshot in its
 * region; an account action reads nothing.
 * {@link #prepare} reads a window's images and snapshots in a few batched calls; an action whose resource the
 * batch did not show (gone, or not covered) is read on its own, so that "gone" is always EC2's answer to that
 * id. A read serves one action that goes ahead and changes its resource: a second action on the same resource
 * reads it again, after the first one's change.
 * <p>An image rule may also look at other images ({@link #of(Ec2Gateway, ImageRule, BiFunction, Function)}: expiry's
 * keepLatest needs the lineage's newest images as they are now). Those ids are read in the same batched
 * DescribeImages as the window's own images; an id the batch asked for and EC2 did not show is gone, and one the
 * batch did not cover is read for that action, in one call for all of its ids.
 */
public final class Recheck implements Precondition {

    /** The IAM actions of the re-reads: an image action's image (and related images), a snapshot action's snapshot. */
    public static final Set<String> IAM_ACTIONS = Set.of("ec2:DescribeImages", "ec2:DescribeSnapshots");

    /** A function's rule on the freshly read image, and the other images it asked for ({@code related}). */
    @FunctionalInterface
    public interface ImageRule {
        /** {@code related}: each id the rule asked for that EC2 shows now; an id missing from it is gone. */
        Optional<String> check(Action action, Image image, Map<String, Image> related);
    }

    private final Ec2Gateway gateway;
    private final ImageRule imageRule;
    private final BiFunction<Action, Snapshot, Optional<String>> snapshotRule;
    private final Function<Action, Collection<String>> relatedImageIds;
    private final Map<String, Image> images = new HashMap<>();
    /** Keys of the images the window's batch asked for: one of them missing from {@link #images} is gone. */
    private final Set<String> asked = new HashSet<>();
    private final Map<String, Snapshot> snapshots = new HashMap<>();

    private Recheck(Ec2Gateway gateway, ImageRule imageRule,
                    BiFunction<Action, Snapshot, Optional<String>> snapshotRule,
                    Function<Action, Collection<String>> relatedImageIds) {
        this.gateway = gateway;
        this.imageRule = imageRule;
        this.snapshotRule = snapshotRule;
        this.relatedImageIds = relatedImageIds;
    }

    /** Only the checks every function shares. */
    public static Recheck stillPresent(Ec2Gateway gateway) {
        return of(gateway, (action, image) -> Optional.empty(), (action, snapshot) -> Optional.empty());
    }

    /** The shared checks, then the function's own rules on the freshly read image or snapshot. */
    public static Recheck of(Ec2Gateway gateway, BiFunction<Action, Image, Optional<String>> imageRule,
                             BiFunction<Action, Snapshot, Optional<String>> snapshotRule) {
        return new Recheck(gateway, (action, image, related) -> imageRule.apply(action, image), snapshotRule,
                action -> List.of());
    }

    /**
     * The shared checks, then the function's own rules; {@code relatedImageIds} names, per image action, the other
     * images (same region) its rule needs as they are now.
     */
    public static Recheck of(Ec2Gateway gateway, ImageRule imageRule,
                             BiFunction<Action, Snapshot, Optional<String>> snapshotRule,
                             Function<Action, Collection<String>> relatedImageIds) {
        return new Recheck(gateway, imageRule, snapshotRule, relatedImageIds);
    }

    @Override
    public void prepare(List<Action> upcoming) {
        images.clear();
        asked.clear();
        snapshots.clear();
        Map<String, List<String>> imageIds = new LinkedHashMap<>();
        Map<String, List<String>> snapshotIds = new LinkedHashMap<>();
        for (Action action : upcoming) {
            if (action.resourceType() == ResourceType.IMAGE) {
                List<String> ids = imageIds.computeIfAbsent(imageRegion(action), r -> new ArrayList<>());
                ids.add(action.resourceId());
                ids.addAll(relatedImageIds.apply(action));
            } else if (action.resourceType() == ResourceType.SNAPSHOT) {
                snapshotIds.computeIfAbsent(action.region(), r -> new ArrayList<>()).add(action.resourceId());
            }
        }
        imageIds.forEach((region, ids) -> {
            gateway.describeImages(region, ids).forEach((id, image) -> images.put(key(region, id), image));
            ids.forEach(id -> asked.add(key(region, id)));
        });
        snapshotIds.forEach((region, ids) -> gateway.describeSnapshots(region, ids)
                .forEach((id, snapshot) -> snapshots.put(key(region, id), snapshot)));
    }

    @Override
    public Optional<String> skipReason(Action action) {
        Optional<String> reason = check(action);
        if (reason.isEmpty() && action.type() != ActionType.COPY) {
            // Every action but a copy changes its resource: what was read before it is stale after it.
            String key = key(action.resourceType() == ResourceType.IMAGE ? imageRegion(action) : action.region(),
                    action.resourceId());
            images.remove(key);
            asked.remove(key);
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
            Optional<String> shared = StillActionable.image(action, image.orElse(null));
            return shared.isPresent() ? shared : imageRule.check(action, image.get(), related(region, action));
        }
        if (action.resourceType() == ResourceType.SNAPSHOT) {
            Snapshot read = snapshots.get(key(action.region(), action.resourceId()));
            Optional<Snapshot> snapshot = read != null ? Optional.of(read)
                    : gateway.describeSnapshot(action.region(), action.resourceId());
            snapshot.ifPresent(s -> snapshots.put(key(action.region(), s.snapshotId()), s));
            Optional<String> shared = StillActionable.snapshot(action, snapshot.orElse(null));
            return shared.isPresent() ? shared : snapshotRule.apply(action, snapshot.get());
        }
        return Optional.empty();
    }

    /** The images the rule asked for, from the window's batch, or read now (one call) where it did not cover them. */
    private Map<String, Image> related(String region, Action action) {
        Map<String, Image> found = new LinkedHashMap<>();
        List<String> unread = new ArrayList<>();
        for (String id : relatedImageIds.apply(action)) {
            Image read = images.get(key(region, id));
            if (read != null) {
                found.put(id, read);
            } else if (!asked.contains(key(region, id))) {
                unread.add(id);
            }
        }
        if (!unread.isEmpty()) {
            // The filter's answer is EC2's answer for every id asked: one it does not show is gone.
            gateway.describeImages(region, unread).forEach((id, image) -> {
                found.put(id, image);
                images.put(key(region, id), image);
            });
            unread.forEach(id -> asked.add(key(region, id)));
        }
        return found;
    }

    /** Where an image action's image is read: a copy's image is its source, in the source region. */
    private static String imageRegion(Action action) {
        return action instanceof Action.Copy copy ? copy.sourceRegion() : action.region();
    }

    private static String key(String region, String id) {
        return region + "/" + id;
    }
}
