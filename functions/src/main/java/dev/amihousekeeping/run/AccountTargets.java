package dev.amihousekeeping.run;

import dev.amihousekeeping.config.AccountsConfig;
import dev.amihousekeeping.core.MemberAccount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The targets of a run (DESIGN §1, §4 {@code accounts}): accounts x regions. Without {@code accounts} the
 * credentials' own account alone, and nothing is asked. With it, the accounts are {@code ids}, or every account
 * Organizations lists ({@code organization}); an account that is not ACTIVE is skipped (and reported, see
 * {@link SkippedAccount}); {@code exclude} is left out; the caller's own account (STS GetCallerIdentity, the
 * same call the gateway makes for its account id) is reached with the credentials themselves, every other one
 * through {@code roleName}.
 */
public record AccountTargets(List<Target> targets, List<SkippedAccount> skipped) {

    /** The IAM actions of {@link #resolve}: the own account id, and the organization's accounts. */
    public static final Set<String> IAM_ACTIONS = Set.of("sts:GetCallerIdentity", "organizations:ListAccounts");

    public AccountTargets {
        targets = List.copyOf(targets);
        skipped = List.copyOf(skipped);
    }

    /**
     * The targets of {@code accounts} over {@code regions}, asking AWS through {@code housekeeping}'s own gateway
     * for the own account id and, for an organization, its accounts (in the first region's partition).
     *
     * @throws dev.amihousekeeping.ec2.Ec2Exception when the own account or the organization cannot be read: the
     *         run then covers nothing, rather than a guess at its accounts
     */
    public static AccountTargets resolve(AccountsConfig accounts, List<String> regions, Housekeeping housekeeping) {
        if (accounts == null) {
            return plan(null, regions, null, List::of);
        }
        String home = regions.get(0);
        String own = housekeeping.gateway().callerAccountId(home);
        return plan(accounts, regions, own,
                () -> housekeeping.gateway().organizationAccounts().list(home));
    }

    /**
     * The pure part of {@link #resolve}: {@code own} is the credentials' account id, {@code organization} lists
     * the organization's accounts (asked only when {@code accounts.organization()}). Accounts in the order given
     * (ids) or listed (organization), each once; regions in the policy's order within each account.
     */
    public static AccountTargets plan(AccountsConfig accounts, List<String> regions, String own,
                                      Supplier<List<MemberAccount>> organization) {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one region");
        }
        if (accounts == null) {
            return new AccountTargets(regions.stream().map(Target::own).toList(), List.of());
        }
        Objects.requireNonNull(own, "own");
        List<String> ids = new ArrayList<>();
        List<SkippedAccount> skipped = new ArrayList<>();
        if (accounts.organization()) {
            for (MemberAccount member : organization.get()) {
                if (accounts.exclude().contains(member.id()) || ids.contains(member.id())) {
                    continue;
                }
                if (member.active()) {
                    ids.add(member.id());
                } else {
                    skipped.add(new SkippedAccount(member.id(), member.state()));
                }
            }
        } else {
            accounts.ids().stream().filter(id -> !accounts.exclude().contains(id) && !ids.contains(id))
                    .forEach(ids::add);
        }
        List<Target> targets = new ArrayList<>();
        for (String id : ids) {
            for (String region : regions) {
                targets.add(id.equals(own) ? new Target(own, region) : Target.member(id, region,
                        accounts.roleName()));
            }
        }
        return new AccountTargets(targets, skipped);
    }

    /**
     * {@code request} over the targets of {@code accounts} (the policy's, or the CLI's {@code --accounts}) and
     * its regions, with the accounts it skips; unchanged when {@code accounts} is null.
     */
    public static RunRequest over(RunRequest request, AccountsConfig accounts, Housekeeping housekeeping) {
        if (accounts == null) {
            return request;
        }
        AccountTargets resolved = resolve(accounts, request.regions(), housekeeping).requireSome(accounts);
        return request.over(resolved.targets(), resolved.skipped());
    }

    /**
     * These targets, when there is at least one. A run over no account at all (an organization that lists no
     * ACTIVE account outside {@code exclude}, as an emulator without Organizations answers) cannot start, and says
     * why, rather than read as a run that found nothing.
     *
     * @throws NoAccountToCover when the targets are empty
     */
    AccountTargets requireSome(AccountsConfig accounts) {
        if (!targets.isEmpty()) {
            return this;
        }
        String why = accounts.organization()
                ? "Organizations lists no ACTIVE account outside accounts.exclude"
                : "every account of accounts.ids is in accounts.exclude";
        String notActive = skipped.stream().map(a -> a.account() + " " + a.reason()).toList().toString();
        throw new NoAccountToCover(why + (skipped.isEmpty() ? ""
                : "; not active: " + notActive));
    }

    /** A policy's {@code accounts} that cover no account when resolved: the run cannot start. */
    public static final class NoAccountToCover extends IllegalStateException {
        NoAccountToCover(String message) {
            super(message);
        }
    }

    /**
     * The one target of a map item ({@code account}, {@code region}): the own account with the credentials
     * themselves, any other through the policy's role (the default role when the policy names no accounts).
     *
     * @throws IllegalArgumentException when the policy excludes {@code account}, or names {@code ids} without it
     */
    public static Target item(String account, String region, String own, AccountsConfig accounts) {
        if (accounts != null && accounts.exclude().contains(account)) {
            throw new IllegalArgumentException("account " + account + " is excluded by the policy (accounts.exclude)");
        }
        if (accounts != null && !accounts.organization() && !accounts.ids().contains(account)) {
            throw new IllegalArgumentException("account " + account + " is not one of the policy's accounts.ids");
        }
        if (account.equals(own)) {
            return new Target(own, region);
        }
        return Target.member(account, region, accounts == null ? AccountsConfig.DEFAULT_ROLE_NAME
                : accounts.roleName());
    }

    /** The ids among {@code ids} that are not accounts of {@code organization}: a typo in {@code --accounts}. */
    public static List<String> notInOrganization(List<String> ids, List<MemberAccount> organization) {
        Set<String> known = new HashSet<>();
        organization.forEach(member -> known.add(member.id()));
        return ids.stream().filter(id -> !known.contains(id)).toList();
    }

    /** The accounts the targets cover, each once, in order (null for the own account not named). */
    public List<String> accounts() {
        return targets.stream().map(Target::account).filter(Objects::nonNull).distinct().toList();
    }
}
