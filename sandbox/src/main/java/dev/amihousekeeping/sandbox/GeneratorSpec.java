package dev.amihousekeeping.sandbox;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link SeedGenerator} makes, from {@code images=10000,snapshots=30000,regions=us-east-1;eu-west-1,seed=1}.
 * Counts are per region. Keys: {@code images} (default 100), {@code snapshots} (default 3 per image),
 * {@code regions} (default us-east-1), {@code seed} (default 1), {@code account}, {@code now}
 * (default 2026-11-01T00:00:00Z), {@code accounts} (absent: the one-account form; N: N accounts of an
 * organization, {@code account} its management account, the counts per account and region).
 */
record GeneratorSpec(int images, int snapshots, List<String> regions, long seed, String accountId, Instant now,
                     int accounts) {

    static final Instant DEFAULT_NOW = Instant.parse("2026-11-01T00:00:00Z");

    static GeneratorSpec parse(String spec) {
        Map<String, String> values = new TreeMap<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("generator spec: '" + part + "' is not key=value");
            }
            values.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        for (String key : values.keySet()) {
            if (!List.of("images", "snapshots", "regions", "seed", "account", "now", "accounts").contains(key)) {
                throw new IllegalArgumentException("generator spec: unknown key '" + key
                        + "' (known: images, snapshots, regions, seed, account, now, accounts)");
            }
        }
        int images = count(values, "images", 100);
        int snapshots = count(values, "snapshots", images * 3);
        List<String> regions = Arrays.stream(values.getOrDefault("regions", "us-east-1").split(";"))
                .map(String::trim).filter(r -> !r.isEmpty()).distinct().toList();
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("generator spec: regions is empty");
        }
        long seed;
        try {
            seed = Long.parseLong(values.getOrDefault("seed", "1"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("generator spec: seed '" + values.get("seed") + "' is not a number");
        }
        String account = values.getOrDefault("account", Seed.DEFAULT_ACCOUNT_ID);
        if (!account.matches("\\d{12}")) {
            throw new IllegalArgumentException("generator spec: account '" + account + "' is not 12 digits");
        }
        Instant now;
        try {
            now = values.containsKey("now") ? Instant.parse(values.get("now")) : DEFAULT_NOW;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("generator spec: now '" + values.get("now") + "' is not an instant");
        }
        int accounts = count(values, "accounts", 0);
        if (values.containsKey("accounts") && (accounts < 1 || accounts > 10_000)) {
            throw new IllegalArgumentException("generator spec: accounts '" + accounts + "' is not 1..10000");
        }
        return new GeneratorSpec(images, snapshots, regions, seed, account, now, accounts);
    }

    /** The several-account form was asked for ({@code accounts=N}). */
    boolean severalAccounts() {
        return accounts > 0;
    }

    /** The same counts for another account of the organization. */
    GeneratorSpec forAccount(String id) {
        return new GeneratorSpec(images, snapshots, regions, seed, id, now, accounts);
    }

    private static int count(Map<String, String> values, String key, int fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            int count = Integer.parseInt(value);
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("generator spec: " + key + " '" + value + "' is not a count >= 0");
    }
}
