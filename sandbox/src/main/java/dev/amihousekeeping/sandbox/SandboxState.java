package dev.amihousekeeping.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every account's state, the organization, the sessions AssumeRole issued, the clock. Every API request runs
 * while holding this object's monitor: one lock keeps cross-region CopyImage and cross-account sharing simple
 * and is far from the bottleneck of an in-memory fake.
 */
final class SandboxState {

    /** What AssumeRole issued: its access key acts in {@code accountId} as that role until {@code expiration}. */
    record Session(String accessKeyId, String accountId, String roleName, String sessionName, Instant expiration) {

        String arn() {
            return "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName;
        }
    }

    private final SandboxClock clock = new SandboxClock();
    private final Duration copyDelay;
    private final Map<String, AccountState> accounts = new TreeMap<>();
    /** Kept across loads: a key from an earlier state must not fall back to the default account. */
    private final Map<String, Session> sessions = new HashMap<>();
    private String accountId = Seed.DEFAULT_ACCOUNT_ID;
    private SeedOrganization organization;
    /** Account id -> the organization and OU ARNs a launch permission may name to share with it. */
    private final Map<String, List<String>> organizationArns = new HashMap<>();
    /** The state was loaded from (and is written back as) the several-account form. */
    private boolean severalAccounts;
    /** When the accounts joined the organization, as far as ListAccounts tells: the seed's time. */
    private Instant joinedAt = Instant.EPOCH;

    SandboxState(Duration copyDelay) {
        this.copyDelay = copyDelay;
    }

    synchronized void load(Seed seed) {
        Map<String, AccountState> loaded = new TreeMap<>();
        Instant defaultTime = seed.now() != null ? seed.now() : Instant.now();
        seed.allAccounts().forEach((id, account) -> loaded.put(id, new AccountState(this, id, account, defaultTime)));
        accounts.clear();
        accounts.putAll(loaded);
        accountId = seed.accountId();
        organization = seed.organization();
        organizationArns.clear();
        if (organization != null) {
            for (String id : accounts.keySet()) {
                String ou = organization.ouOf(id);
                organizationArns.put(id, ou == null ? List.of(organization.arn())
                        : List.of(organization.arn(), organization.ouArn(ou)));
            }
        }
        severalAccounts = seed.accounts() != null;
        joinedAt = defaultTime;
        clock.set(seed.now());
    }

    synchronized Seed toSeed() {
        settle();
        if (!severalAccounts) {
            return new Seed(accountId, clock.fixed(), accounts.get(accountId).toSeed().regions());
        }
        Map<String, SeedAccount> out = new TreeMap<>();
        accounts.forEach((id, account) -> out.put(id, account.toSeed()));
        return new Seed(accountId, clock.fixed(), null, out, organization);
    }

    /** The default caller's account. */
    AccountState defaultAccount() {
        return accounts.get(accountId);
    }

    /**
     * The account a request acts in: the one AssumeRole issued its access key for, else the default account.
     * A key AssumeRole issued for an account the current state lacks is refused (null), never the default.
     */
    synchronized AccountState caller(String accessKeyId) {
        Session session = accessKeyId == null ? null : sessions.get(accessKeyId);
        return session == null ? defaultAccount() : accounts.get(session.accountId());
    }

    synchronized Session session(String accessKeyId) {
        return accessKeyId == null ? null : sessions.get(accessKeyId);
    }

    synchronized void addSession(Session session) {
        sessions.put(session.accessKeyId(), session);
    }

    AccountState account(String id) {
        return accounts.get(id);
    }

    Collection<AccountState> accounts() {
        return accounts.values();
    }

    Instant joinedAt() {
        return joinedAt;
    }

    SeedOrganization organization() {
        return organization;
    }

    /** The organization and OU ARNs that launch permissions may name to share with {@code id}; none outside one. */
    List<String> organizationArnsOf(String id) {
        return organizationArns.getOrDefault(id, List.of());
    }

    /** A launch permission of the image names {@code id}, its organization or its OU (not "all": that is public). */
    boolean sharedWith(SeedImage image, String id) {
        List<String> arns = null;
        for (SeedLaunchPermission permission : image.launchPermissions()) {
            if (id.equals(permission.userId())) {
                return true;
            }
            String arn = permission.organizationArn() != null ? permission.organizationArn()
                    : permission.organizationalUnitArn();
            if (arn != null) {
                arns = arns != null ? arns : organizationArnsOf(id);
                if (arns.contains(arn)) {
                    return true;
                }
            }
        }
        return false;
    }

    void settle() {
        long nanoNow = System.nanoTime();
        Instant now = now();
        for (AccountState account : accounts.values()) {
            account.settle(nanoNow, now);
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
