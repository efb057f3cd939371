package dev.amihousekeeping.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One account's regions, roles and status. API calls act on the caller's account; the whole sandbox (clock,
 * other accounts, the organization) is reached through {@link #sandbox()}, whose monitor every request holds.
 */
final class AccountState {

    private final SandboxState sandbox;
    private final String accountId;
    private final List<String> roles;
    private final String status;
    private final Map<String, RegionState> regions = new TreeMap<>();
    /** Regions the seed named; others appear in the state only once they hold something. */
    private final Set<String> seeded = new TreeSet<>();

    AccountState(SandboxState sandbox, String accountId, SeedAccount seed, Instant defaultTime) {
        this.sandbox = sandbox;
        this.accountId = accountId;
        this.roles = seed.roles();
        this.status = seed.status();
        seed.regions().forEach((name, region) ->
                regions.put(name, SeedLoader.load(name, region, accountId, defaultTime)));
        seeded.addAll(regions.keySet());
    }

    SeedAccount toSeed() {
        Map<String, SeedRegion> out = new TreeMap<>();
        regions.forEach((name, region) -> {
            if (seeded.contains(name) || !region.isEmpty()) {
                out.put(name, region.toSeed());
            }
        });
        return new SeedAccount(out, roles, status);
    }

    /** The region's state, created empty on first use (a CopyImage may target a region the seed lacks). */
    RegionState region(String name) {
        return regions.computeIfAbsent(name, n -> new RegionState(n, now()));
    }

    RegionState existingRegion(String name) {
        return regions.get(name);
    }

    Set<String> regionNames() {
        return regions.keySet();
    }

    void settle(long nanoNow, Instant now) {
        for (RegionState region : regions.values()) {
            region.settle(nanoNow);
            region.recycleBin.purge(now);
        }
    }

    /**
     * EC2's "available to you": owned, public, or shared with this account by a launch permission naming its
     * id, its organization or its OU.
     */
    boolean canUse(SeedImage image) {
        return accountId.equals(image.ownerId()) || image.isPublic() || sandbox.sharedWith(image, accountId);
    }

    /**
     * The image of that id this account can use in {@code region} (one of its own): its own region's, else one
     * that another account of the sandbox owns in the same region and shares with it; null if none.
     */
    SeedImage visibleImage(RegionState region, String imageId) {
        SeedImage image = region.images.get(imageId);
        if (image != null) {
            return canUse(image) ? image : null;
        }
        for (AccountState other : sandbox.accounts()) {
            RegionState otherRegion = other == this ? null : other.existingRegion(region.name);
            SeedImage shared = otherRegion == null ? null : otherRegion.images.get(imageId);
            if (shared != null && canUse(shared)) {
                return shared;
            }
        }
        return null;
    }

    String accountId() {
        return accountId;
    }

    boolean allowsRole(String roleName) {
        return "ACTIVE".equals(status) && roles.contains(roleName);
    }

    String status() {
        return status;
    }

    SandboxState sandbox() {
        return sandbox;
    }

    Instant now() {
        return sandbox.now();
    }

    Duration copyDelay() {
        return sandbox.copyDelay();
    }
}
