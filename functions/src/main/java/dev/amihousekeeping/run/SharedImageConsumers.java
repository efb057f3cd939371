package dev.amihousekeeping.run;

import dev.amihousekeeping.config.AccountsConfig;
import dev.amihousekeeping.core.ImageReference;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.MemberAccount;
import dev.amihousekeeping.ec2.Ec2Gateway;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expiry's look for a shared AMI's use in the accounts it is shared with (DESIGN §5 "Shared AMIs across
 * accounts", invariant 14), for a run over {@code accounts} with {@code checkConsumers}. The consumers of an AMI
 * are the accounts its launch permissions name, and for a grant to the organization or to one of its OUs every
 * account Organizations lists: a superset of an OU's accounts (nested OUs included) that costs reads, never
 * safety. In each consumer account, through its member role, DescribeImageReferences for that AMI in the region.
 * A use keeps the AMI ({@code in-use: 444455556666 i-0abc}); a consumer that cannot be read keeps it too
 * ({@code consumer-unreadable: 444455556666}), as does a grant to an organization whose accounts cannot be listed.
 */
final class SharedImageConsumers {

    private static final Pattern ORGANIZATION_MANAGER = Pattern.compile("arn:[^:]+:organizations::(\\d{12}):.*");

    private final Housekeeping housekeeping;
    private final AccountsConfig accounts;
    private final String runId;
    private volatile List<String> organization;

    SharedImageConsumers(Housekeeping housekeeping, AccountsConfig accounts, String runId) {
        this.housekeeping = housekeeping;
        this.accounts = accounts;
        this.runId = runId;
    }

    /** The checker of a run, or null when the run does not look at consumers. */
    static SharedImageConsumers of(Housekeeping housekeeping, RunRequest request) {
        AccountsConfig accounts = request.config().accounts();
        boolean check = accounts != null && accounts.checkConsumers() && request.config().expiry().includeShared();
        return check ? new SharedImageConsumers(housekeeping, accounts, request.runId()) : null;
    }

    /**
     * Why {@code imageId} of {@code owner}, with {@code grants}, must stay; empty when every consumer was read
     * and none uses it. Grants to the owner itself and the public group are not consumers here (the policy keeps
     * a public AMI under consumer checks: its consumers cannot be known).
     */
    Optional<String> hold(String region, String owner, String imageId, List<LaunchPermission> grants) {
        Set<String> consumers = new LinkedHashSet<>();
        for (LaunchPermission grant : grants) {
            if (grant.userId() != null) {
                consumers.add(grant.userId());
            }
            String arn = grant.organizationArn() != null ? grant.organizationArn() : grant.organizationalUnitArn();
            if (arn != null) {
                List<String> members = organization(region);
                Matcher manager = ORGANIZATION_MANAGER.matcher(arn);
                if (members == null || !manager.matches() || !members.contains(manager.group(1))) {
                    return Optional.of("consumer-unreadable: " + grant);
                }
                consumers.addAll(members);
            }
        }
        consumers.remove(owner);
        List<String> uses = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String consumer : consumers) {
            try {
                Ec2Gateway gateway = housekeeping.gatewayFor(target(consumer, region), runId);
                for (ImageReference use : gateway.imageReferences().describeImageReferences(region,
                        List.of(imageId))) {
                    uses.add(consumer + " " + use.resource());
                }
            } catch (Exception e) {
                unreadable.add(consumer);
            }
        }
        if (!uses.isEmpty()) {
            return Optional.of("in-use: " + String.join(", ", uses));
        }
        return unreadable.isEmpty() ? Optional.empty()
                : Optional.of("consumer-unreadable: " + String.join(", ", unreadable));
    }

    private Target target(String consumer, String region) {
        String own = housekeeping.gateway().callerAccountId(region);
        return consumer.equals(own) ? new Target(own, region) : Target.member(consumer, region, accounts.roleName());
    }

    /** Every account of the organization, listed once a run; null when it cannot be listed. */
    private List<String> organization(String region) {
        if (organization == null) {
            try {
                organization = housekeeping.gateway().organizationAccounts().list(region).stream()
                        .map(MemberAccount::id).toList();
            } catch (RuntimeException e) {
                return null;
            }
        }
        return organization;
    }
}
