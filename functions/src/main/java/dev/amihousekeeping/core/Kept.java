package dev.amihousekeeping.core;

import java.util.Objects;

/** A resource a policy looked at and decided to leave alone, with the reason (e.g. {@code in-use: i-0abc}). */
public record Kept(String region, ResourceType resourceType, String resourceId, String reason) {
    public Kept {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(reason, "reason");
    }
}
