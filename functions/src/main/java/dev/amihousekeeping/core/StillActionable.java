package dev.amihousekeeping.core;

import java.util.Optional;

/**
 * The re-check rules every function shares (invariant 6), judged on the resource as read just before the action:
 * the plan was made from an inventory that can be minutes old. Each function's policy adds its own rule on top
 * (still expired? still offending? not exempt now?). The reading is the gateway's; the judging is here.
 * <ul>
 *   <li>image actions: the image still exists and is not deregistered; mark, deprecate, disable, deregister and copy also need
 *       it not {@code pending}; a deregistration needs deregistration protection off;</li>
 *   <li>snapshot actions: the snapshot still exists;</li>
 *   <li>account actions: nothing to judge.</li>
 * </ul>
 */
public final class StillActionable {

    private StillActionable() {
    }

    /** Why {@code action} must not go ahead on its image as read now ({@code current}: null when EC2 has none). */
    public static Optional<String> image(Action action, Image current) {
        if (current == null || current.state() == ImageState.DEREGISTERED) {
            return Optional.of("re-check: image " + action.resourceId() + " no longer exists");
        }
        ActionType type = action.type();
        boolean needsSettled = type == ActionType.MARK || type == ActionType.DEPRECATE
                || type == ActionType.DISABLE || type == ActionType.DEREGISTER || type == ActionType.COPY;
        if (needsSettled && current.state() == ImageState.PENDING) {
            return Optional.of("re-check: image is pending");
        }
        if (type == ActionType.DEREGISTER && current.deregistrationProtection()) {
            return Optional.of("re-check: deregistration protection is on");
        }
        return Optional.empty();
    }

    /** Why {@code action} must not go ahead on its snapshot as read now ({@code current}: null when EC2 has none). */
    public static Optional<String> snapshot(Action action, Snapshot current) {
        return current == null
                ? Optional.of("re-check: snapshot " + action.resourceId() + " no longer exists")
                : Optional.empty();
    }
}
