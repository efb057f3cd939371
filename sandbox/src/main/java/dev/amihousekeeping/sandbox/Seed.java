package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sandbox's whole state as JSON (DESIGN §8): a seed file, and what {@code GET /_sandbox/state} returns.
 * Every field is optional; unknown keys are an error naming the key and where it is. One account
 * ({@code regions}) or several ({@code accounts}, optionally an {@code organization}), never both.
 *
 * @param accountId    the default caller: the account of any access key that AssumeRole did not issue
 *                     (default {@code 111122223333}); with {@code accounts}, one of them
 * @param now          the sandbox clock; null means the machine's clock
 * @param regions      per-region state of the one account, by region name
 * @param accounts     several accounts by id; null in the one-account form
 * @param organization the AWS Organization the accounts belong to; null if none
 */
public record Seed(String accountId, Instant now, Map<String, SeedRegion> regions,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, SeedAccount> accounts,
                   @JsonInclude(JsonInclude.Include.NON_NULL) SeedOrganization organization) {

    public static final String DEFAULT_ACCOUNT_ID = "111122223333";

    public Seed {
        accountId = accountId == null ? DEFAULT_ACCOUNT_ID : accountId;
        checkAccountId("accountId", accountId);
        regions = regions == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(regions));
        if (accounts != null) {
            if (!regions.isEmpty()) {
                throw new IllegalArgumentException("seed: both regions and accounts are given; with accounts, put "
                        + "each account's regions under accounts.<id>.regions");
            }
            accounts.keySet().forEach(id -> checkAccountId("accounts." + id, id));
            accounts = Collections.unmodifiableMap(new TreeMap<>(accounts));
            if (!accounts.containsKey(accountId)) {
                throw new IllegalArgumentException("seed: accountId '" + accountId + "' is not one of accounts "
                        + accounts.keySet());
            }
        }
        if (organization != null) {
            Set<String> known = accounts == null ? Set.of(accountId) : accounts.keySet();
            if (!known.contains(organization.managementAccountId())) {
                throw new IllegalArgumentException("seed: organization.managementAccountId '"
                        + organization.managementAccountId() + "' is not an account of the seed");
            }
            Set<String> placed = new HashSet<>();
            organization.ous().forEach((ou, members) -> members.forEach(member -> {
                if (!known.contains(member)) {
                    throw new IllegalArgumentException("seed: organization.ous." + ou + " names account '" + member
                            + "', which is not an account of the seed");
                }
                if (!placed.add(member)) {
                    throw new IllegalArgumentException("seed: organization.ous: account '" + member
                            + "' is in more than one OU");
                }
            }));
        }
    }

    /** The one-account form. */
    public Seed(String accountId, Instant now, Map<String, SeedRegion> regions) {
        this(accountId, now, regions, null, null);
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
        if (accounts == null) {
            return SeedJson.write(this);
        }
        // The several-account form keeps its regions under each account; an empty top-level one would read
        // as a second, contradicting place for them.
        com.fasterxml.jackson.databind.node.ObjectNode tree = SeedJson.MAPPER.valueToTree(this);
        tree.remove("regions");
        return SeedJson.write(tree);
    }

    /** Every account of the seed, by id: the one-account form is the default account with no roles. */
    public Map<String, SeedAccount> allAccounts() {
        return accounts != null ? accounts : Map.of(accountId, new SeedAccount(regions, List.of(), null));
    }

    public Seed withNow(Instant newNow) {
        return new Seed(accountId, newNow, regions, accounts, organization);
    }

    /** The seed with one region of the default account replaced or added. */
    public Seed withRegion(String name, SeedRegion region) {
        if (accounts == null) {
            Map<String, SeedRegion> copy = new TreeMap<>(regions);
            copy.put(name, region);
            return new Seed(accountId, now, copy);
        }
        SeedAccount account = accounts.get(accountId);
        Map<String, SeedRegion> copy = new TreeMap<>(account.regions());
        copy.put(name, region);
        Map<String, SeedAccount> all = new TreeMap<>(accounts);
        all.put(accountId, new SeedAccount(copy, account.roles(), account.status()));
        return new Seed(accountId, now, null, all, organization);
    }

    private static void checkAccountId(String key, String id) {
        if (id == null || !id.matches("\\d{12}")) {
            throw new IllegalArgumentException("seed: " + key + " '" + id + "' is not a 12-digit account id");
        }
    }
}
