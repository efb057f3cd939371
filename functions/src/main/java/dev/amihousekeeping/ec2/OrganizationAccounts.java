package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.MemberAccount;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.organizations.model.Account;

/**
 * The accounts of the caller's organization ({@code ListAccounts}, paginated), through the SDK's Organizations
 * client with the clients' shared HTTP client, endpoint override and retries. Only the management account (or a
 * delegated administrator) may list them.
 */
public final class OrganizationAccounts {

    static final String OPERATION = "ListAccounts";
    /** The IAM action of {@link #list}. */
    public static final Set<String> IAM_ACTIONS = Set.of("organizations:" + OPERATION);
    /** ListAccounts pages hold at most 20 (API reference, MaxResults). */
    private static final int MAX_RESULTS = 20;

    private final Ec2Clients clients;

    public OrganizationAccounts(Ec2Clients clients) {
        this.clients = clients;
    }

    /**
     * Every account of the organization with its state. Organizations reports {@code State} since 2025 and
     * retires the older {@code Status} in September 2026: the state is read from {@code State}, else from
     * {@code Status}; an account that has neither is {@code UNKNOWN}, which is not ACTIVE and so not housekept.
     *
     * @param region the region whose partition's Organizations endpoint to ask
     * @throws Ec2Exception when the accounts cannot be listed (not the management account, no organization)
     */
    public List<MemberAccount> list(String region) {
        try {
            return clients.organizations(region).listAccountsPaginator(r -> r.maxResults(MAX_RESULTS))
                    .stream().flatMap(page -> page.accounts().stream())
                    .map(OrganizationAccounts::member)
                    .toList();
        } catch (SdkException e) {
            throw Ec2Exception.of(OPERATION, region, e);
        }
    }

    private static MemberAccount member(Account account) {
        String state = account.stateAsString();
        if (state == null || state.isBlank()) {
            state = account.statusAsString();
        }
        return new MemberAccount(account.id(), state == null || state.isBlank() ? "UNKNOWN" : state);
    }
}
