package dev.amihousekeeping.config;

import java.util.List;

/**
 * {@code accounts} section of the policy file (DESIGN §4): which accounts a run covers besides, or instead of,
 * the credentials' own. Absent ({@code null} in {@link Config}) means the own account only. Either
 * {@code organization} (every ACTIVE account that Organizations lists) or {@code ids} (exactly these), minus
 * {@code exclude}; each account other than the caller's own is reached through the role {@code roleName} in it.
 * {@code checkConsumers}: expiry looks for a shared AMI's use in the accounts it is shared with.
 */
public record AccountsConfig(
        Boolean organization,
        List<String> ids,
        List<String> exclude,
        String roleName,
        Boolean checkConsumers) {

    /** The role a member account holds for the housekeeper (the StackSet in infra creates it by this name). */
    public static final String DEFAULT_ROLE_NAME = "AmiHousekeeperMember";

    public AccountsConfig {
        organization = organization != null && organization;
        ids = ids == null ? List.of() : List.copyOf(ids);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        roleName = roleName == null ? DEFAULT_ROLE_NAME : roleName;
        checkConsumers = checkConsumers == null || checkConsumers;
    }

    /** Every ACTIVE account of the organization, assumed through {@code roleName}. */
    public static AccountsConfig organization(String roleName) {
        return new AccountsConfig(true, null, null, roleName, null);
    }

    /** Exactly {@code ids}, assumed through {@code roleName}. */
    public static AccountsConfig ids(List<String> ids, String roleName) {
        return new AccountsConfig(false, ids, null, roleName, null);
    }

    /** This section with another role name (the CLI's {@code --role-name}). */
    public AccountsConfig withRoleName(String roleName) {
        return new AccountsConfig(organization, ids, exclude, roleName, checkConsumers);
    }
}
