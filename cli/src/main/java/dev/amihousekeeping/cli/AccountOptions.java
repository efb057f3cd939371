package dev.amihousekeeping.cli;

import dev.amihousekeeping.config.AccountsConfig;
import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.core.MemberAccount;
import dev.amihousekeeping.ec2.Ec2Exception;
import dev.amihousekeeping.run.AccountTargets;
import dev.amihousekeeping.run.Housekeeping;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The organization options of the function commands (DESIGN §7): {@code --accounts all|ID,ID} in place of the
 * policy's {@code accounts}, {@code --role-name NAME} in place of its {@code roleName}. A mixin of its own rather
 * than part of {@link CommonOptions}: {@code handle} shares those, and an event acts in the account it names.
 */
final class AccountOptions {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    // IAM role names: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");

    @Option(names = "--accounts", paramLabel = "all|ID,ID",
            description = "Accounts to run over, instead of the policy's accounts: all (every ACTIVE account of the"
                    + " organization) or 12-digit ids. The policy's exclude still applies.")
    String accounts;

    @Option(names = "--role-name", paramLabel = "NAME",
            description = "Role assumed in each account other than the credentials' own. Default: the policy's"
                    + " accounts.roleName, else AmiHousekeeperMember.")
    String roleName;

    /**
     * The accounts the run covers: {@code --accounts} over the policy's (keeping its {@code exclude} and
     * {@code checkConsumers}), {@code --role-name} over either's role; null for the credentials' own account only.
     */
    AccountsConfig accounts(Config config) {
        AccountsConfig policy = config.accounts();
        if (roleName != null && !ROLE_NAME.matcher(roleName).matches()) {
            throw new BadInputException("--role-name: must be an IAM role name (1-64 of letters, digits and"
                    + " +=,.@_-), got '" + roleName + "'");
        }
        if (accounts == null) {
            if (roleName != null && policy == null) {
                throw new BadInputException("--role-name: no accounts to assume it in; pass --accounts or set"
                        + " accounts in the policy");
            }
            return policy == null || roleName == null ? policy : policy.withRoleName(roleName);
        }
        String role = roleName != null ? roleName
                : policy != null ? policy.roleName() : AccountsConfig.DEFAULT_ROLE_NAME;
        List<String> exclude = policy == null ? List.of() : policy.exclude();
        Boolean checkConsumers = policy == null ? null : policy.checkConsumers();
        if (accounts.strip().equals("all")) {
            return new AccountsConfig(true, null, exclude, role, checkConsumers);
        }
        List<String> ids = List.of(accounts.split(",", -1)).stream().map(String::strip).toList();
        for (String id : ids) {
            if (!ACCOUNT_ID.matcher(id).matches()) {
                throw new BadInputException("--accounts: '" + id + "' is not a 12-digit AWS account id (or pass all)");
            }
        }
        return new AccountsConfig(false, ids.stream().distinct().toList(), exclude, role, checkConsumers);
    }

    /**
     * Refuses an id of {@code --accounts} that the organization does not have (a typo would otherwise be an
     * AccessDenied that reads like a missing role). Checked only when the organization can be listed: credentials
     * of a member account cannot, and then the ids are taken as given.
     */
    void checkInOrganization(AccountsConfig resolved, Housekeeping housekeeping, String region) {
        if (accounts == null || resolved.organization()) {
            return;
        }
        List<MemberAccount> organization;
        try {
            organization = housekeeping.gateway().organizationAccounts().list(region);
        } catch (Ec2Exception e) {
            return;
        }
        List<String> unknown = AccountTargets.notInOrganization(resolved.ids(), organization);
        if (!unknown.isEmpty()) {
            throw new BadInputException("--accounts: " + String.join(", ", unknown)
                    + (unknown.size() == 1 ? " is not an account" : " are not accounts") + " of the organization");
        }
    }
}
