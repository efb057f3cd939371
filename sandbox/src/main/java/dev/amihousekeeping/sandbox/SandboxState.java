package dev.amihousekeeping.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * All regions' state, the account, the clock. Every API request runs while holding this object's monitor: one
 * lock keeps cross-region CopyImage simple and is far from the bottleneck of an in-memory fake.
 */
final class SandboxState {

    private final SandboxClock clock = new SandboxClock();
    private final Duration copyDelay;
    private final Map<String, RegionState> regions = new TreeMap<>();
    /** Regions the seed named; others appear in the state only once they hold something. */
    private final Set<String> seeded = new TreeSet<>();
    private String accountId = Seed.DEFAULT_ACCOUNT_ID;

    SandboxState(Duration copyDelay) {
        this.copyDelay = copyDelay;
    }

    synchronized void load(Seed seed) {
        Map<String, RegionState> loaded = new TreeMap<>();
        Instant defaultTime = seed.now() != null ? seed.now() : Instant.now();
        seed.regions().forEach((name, region) ->
                loaded.put(name, SeedLoader.load(name, region, seed.accountId(), defaultTime)));
        regions.clear();
        regions.putAll(loaded);
        seeded.clear();
        seeded.addAll(loaded.keySet());
        accountId = seed.accountId();
        clock.set(seed.now());
    }

    synchronized Seed toSeed() {
        settle();
        Map<String, SeedRegion> out = new TreeMap<>();
        regions.forEach((name, region) -> {
            if (seeded.contains(name) || !region.isEmpty()) {
                out.put(name, region.toSeed());
            }
        });
        return new Seed(accountId, clock.fixed(), out);
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

    void settle() {
        long nanoNow = System.nanoTime();
        Instant now = now();
        for (RegionState region : regions.values()) {
            region.settle(nanoNow);
            region.recycleBin.purge(now);
        }
    }

    String accountId() {
        return accountId;
    }

    Instant now() {
        return clock.now();
    }

    SandboxClock clock() {
        return clock;
    }

    Duration copyDelay() {
        return copyDelay;
    }
}
