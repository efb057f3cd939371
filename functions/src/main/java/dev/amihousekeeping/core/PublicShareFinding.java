package dev.amihousekeeping.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What public-share found on one image or snapshot: its grants as read now ({@code grants}) and those of them the
 * policy does not allow ({@code offending}, a subset, in the order read). {@code allowedPublic} is true when the
 * image is public and listed in {@code allowedPublicImageIds}, so its {@code group=all} is not offending.
 */
public record PublicShareFinding(
        String region,
        ResourceType resourceType,
        String resourceId,
        List<LaunchPermission> grants,
        List<LaunchPermission> offending,
        boolean allowedPublic) {

    public PublicShareFinding {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceId, "resourceId");
        grants = List.copyOf(grants);
        offending = List.copyOf(offending);
        if (!grants.containsAll(offending)) {
            throw new IllegalArgumentException("offending grants must be among the grants read");
        }
    }

    public boolean hasOffendingGrants() {
        return !offending.isEmpty();
    }

    /**
     * Why the offending grants offend, as reports and alerts show it:
     * {@code public: group=all; not allowlisted: userId=999988887777, organizationArn=arn:...}. Empty when none.
     */
    public String reason() {
        List<String> parts = new ArrayList<>(2);
        List<LaunchPermission> publicGrants = offending.stream().filter(LaunchPermission::isPublic).toList();
        List<LaunchPermission> notAllowlisted = offending.stream().filter(g -> !g.isPublic()).toList();
        if (!publicGrants.isEmpty()) {
            parts.add("public: " + describe(publicGrants));
        }
        if (!notAllowlisted.isEmpty()) {
            parts.add("not allowlisted: " + describe(notAllowlisted));
        }
        return String.join("; ", parts);
    }

    /** Grants in report form, {@code group=all, userId=444455556666}, or {@code none}. */
    public static String describe(List<LaunchPermission> grants) {
        if (grants.isEmpty()) {
            return "none";
        }
        return grants.stream().map(LaunchPermission::toString).collect(Collectors.joining(", "));
    }
}
