package dev.amihousekeeping.sandbox;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One account of a several-account seed (DESIGN §8, "Several accounts"): its regions, the roles that
 * {@code AssumeRole} may assume in it, and its Organizations status.
 *
 * @param regions per-region state, by region name, as in the one-account form
 * @param roles   role names whose ARNs {@code AssumeRole} answers with credentials; none by default
 * @param status  {@code ACTIVE} (default), {@code SUSPENDED}, {@code PENDING_CLOSURE}, {@code CLOSED}; only an
 *                active account gives credentials
 */
public record SeedAccount(Map<String, SeedRegion> regions, List<String> roles, String status) {

    static final List<String> STATUSES = List.of("ACTIVE", "SUSPENDED", "PENDING_CLOSURE", "CLOSED");

    public SeedAccount {
        regions = regions == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(regions));
        roles = roles == null ? List.of() : List.copyOf(roles);
        status = status == null ? "ACTIVE" : status;
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("status '" + status + "' is not one of " + STATUSES);
        }
    }

    boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
