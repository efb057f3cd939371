package dev.amihousekeeping.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One planned change. {@code reason} is the rule that fired, in words a user reads before turning dry-run off.
 * {@code parameters} carry what the executor needs beyond the id (grants to remove, tags to set, destination
 * region and key for a copy); keys are action-specific and documented where the action is planned.
 * {@code grants} lists grants for {@code remove-grant}; empty otherwise.
 */
public record Action(
        String region,
        ResourceType resourceType,
        String resourceId,
        ActionType action,
        String reason,
        Map<String, String> parameters,
        List<LaunchPermission> grants) {

    public Action {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    public Action(String region, ResourceType resourceType, String resourceId, ActionType action, String reason) {
        this(region, resourceType, resourceId, action, reason, Map.of(), List.of());
    }
}
