package dev.amihousekeeping.run;

import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The grants of each resource as public-share's applier last read them in one run: read back after a removal, or
 * read by the re-check that found nothing left to remove. The alert shows these instead of reading the grants a
 * third time; a resource the applier lost track of (a removal that threw) is absent, and the alert reads it.
 */
final class GrantsAfterApply {

    private record Key(String region, ResourceType type, String resourceId) {
    }

    private final Map<Key, List<LaunchPermission>> grants = new ConcurrentHashMap<>();

    void put(String region, ResourceType type, String resourceId, List<LaunchPermission> grantsNow) {
        grants.put(new Key(region, type, resourceId), List.copyOf(grantsNow));
    }

    void forget(String region, ResourceType type, String resourceId) {
        grants.remove(new Key(region, type, resourceId));
    }

    Optional<List<LaunchPermission>> get(String region, ResourceType type, String resourceId) {
        return Optional.ofNullable(grants.get(new Key(region, type, resourceId)));
    }
}
