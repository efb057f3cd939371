package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One create-volume permission of a snapshot: a {@code userId}, or {@code group} {@code all} (public). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeedVolumePermission(String userId, String group) {

    public SeedVolumePermission {
        if ((userId == null) == (group == null)) {
            throw new IllegalArgumentException("a create volume permission needs exactly one of userId, group");
        }
    }

    public static SeedVolumePermission user(String accountId) {
        return new SeedVolumePermission(accountId, null);
    }

    public static SeedVolumePermission everyone() {
        return new SeedVolumePermission(null, "all");
    }

    boolean isPublicGroup() {
        return "all".equals(group);
    }
}
