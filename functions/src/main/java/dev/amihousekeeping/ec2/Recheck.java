package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionParameters;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ImageState;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.Snapshot;
import dev.amihousekeeping.run.Precondition;
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
 */
public final class Recheck implements Precondition {

    private final Ec2Gateway gateway;
    private final BiFunction<Action, Image, Optional<String>> imageRule;
    private final BiFunction<Action, Snapshot, Optional<String>> snapshotRule;

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
    public Optional<String> skipReason(Action action) {
        if (action.resourceType() == ResourceType.IMAGE) {
            String region = action.action() == ActionType.COPY
                    ? action.parameters().getOrDefault(ActionParameters.SOURCE_REGION, action.region())
                    : action.region();
            Optional<Image> image = gateway.describeImage(region, action.resourceId());
            if (image.isEmpty() || image.get().state() == ImageState.DEREGISTERED) {
                return Optional.of("re-check: image " + action.resourceId() + " no longer exists");
            }
            return imageReason(action, image.get()).or(() -> imageRule.apply(action, image.get()));
        }
        if (action.resourceType() == ResourceType.SNAPSHOT) {
            Optional<Snapshot> snapshot = gateway.describeSnapshot(action.region(), action.resourceId());
            if (snapshot.isEmpty()) {
                return Optional.of("re-check: snapshot " + action.resourceId() + " no longer exists");
            }
            return snapshotRule.apply(action, snapshot.get());
        }
        return Optional.empty();
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
