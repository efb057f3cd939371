package dev.amihousekeeping.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sandbox's whole state as JSON (DESIGN §8): a seed file, and what {@code GET /_sandbox/state} returns.
 * Every field is optional; unknown keys are an error naming the key and where it is.
 *
 * @param accountId the account that owns {@code self} resources (default {@code 111122223333})
 * @param now       the sandbox clock; null means the machine's clock
 * @param regions   per-region state, by region name
 */
public record Seed(String accountId, Instant now, Map<String, SeedRegion> regions) {

    public static final String DEFAULT_ACCOUNT_ID = "111122223333";

    public Seed {
        accountId = accountId == null ? DEFAULT_ACCOUNT_ID : accountId;
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("seed: accountId '" + accountId + "' is not a 12-digit account id");
        }
        regions = regions == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(regions));
    }

    /** No regions, default account, the machine's clock. */
    public static Seed empty() {
        return new Seed(null, null, null);
    }

    /** Reads a seed file; a bad file fails with {@link IllegalArgumentException} naming the file and the key. */
    public static Seed read(Path file) {
        try {
            return SeedJson.parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed file " + file, e);
        }
    }

    /** Parses seed JSON; a bad document fails with {@link IllegalArgumentException} naming the key. */
    public static Seed parse(String json) {
        return SeedJson.parse(json, "seed");
    }

    /** The seed as pretty-printed JSON, in the shape {@link #parse} reads. */
    public String toJson() {
        return SeedJson.write(this);
    }

    public Seed withNow(Instant newNow) {
        return new Seed(accountId, newNow, regions);
    }

    public Seed withRegion(String name, SeedRegion region) {
        Map<String, SeedRegion> copy = new TreeMap<>(regions);
        copy.put(name, region);
        return new Seed(accountId, now, copy);
    }
}
