package dev.amihousekeeping.core;

/**
 * An expiry decision for one image. The cheap rules end in {@link Keep} or {@link Expire}; the evidence and
 * deprecation stage turn an {@code Expire} into {@link Keep} or {@link Act}.
 */
sealed interface ExpiryVerdict {

    /** Left alone; {@code reason} as it appears in the plan, e.g. {@code exempt-tag Retain}. */
    record Keep(String reason) implements ExpiryVerdict {
    }

    /** Expired by {@code rule}, e.g. {@code expiry-tag DeleteOn=2026-01-01}; evidence may still keep it. */
    record Expire(String rule) implements ExpiryVerdict {
    }

    /** Change the image: {@code action} is deprecate or deregister, {@code reason} begins with the rule. */
    record Act(ActionType action, String reason) implements ExpiryVerdict {
    }
}
