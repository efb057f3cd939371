package dev.amihousekeeping.sandbox;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The AWS Organization of a several-account seed: every account of the seed is a member.
 *
 * @param id                  {@code o-} and 10 to 32 lower-case letters or digits
 * @param managementAccountId the account that may call Organizations; one of the seed's accounts
 * @param ous                 organizational unit id ({@code ou-xxxx-xxxxxxxx}) -> the accounts directly in it
 */
public record SeedOrganization(String id, String managementAccountId, Map<String, List<String>> ous) {

    public SeedOrganization {
        if (id == null || !id.matches("o-[a-z0-9]{10,32}")) {
            throw new IllegalArgumentException("organization.id '" + id + "' is not an organization id (o-...)");
        }
        if (managementAccountId == null || !managementAccountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("organization.managementAccountId '" + managementAccountId
                    + "' is not a 12-digit account id");
        }
        Map<String, List<String>> copy = new TreeMap<>();
        if (ous != null) {
            ous.forEach((ou, members) -> {
                if (!ou.matches("ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}")) {
                    throw new IllegalArgumentException("organization.ous: '" + ou + "' is not an OU id (ou-...-...)");
                }
                copy.put(ou, members == null ? List.of() : List.copyOf(members));
            });
        }
        ous = Collections.unmodifiableMap(copy);
    }

    /** {@code arn:aws:organizations::MGMT:organization/o-...}, as launch permissions name it. */
    String arn() {
        return "arn:aws:organizations::" + managementAccountId + ":organization/" + id;
    }

    /** {@code arn:aws:organizations::MGMT:ou/o-.../ou-...}. */
    String ouArn(String ouId) {
        return "arn:aws:organizations::" + managementAccountId + ":ou/" + id + "/" + ouId;
    }

    /** {@code arn:aws:organizations::MGMT:account/o-.../ID}. */
    String accountArn(String accountId) {
        return "arn:aws:organizations::" + managementAccountId + ":account/" + id + "/" + accountId;
    }

    /** The OU an account is directly in, or null (directly under the root). */
    String ouOf(String accountId) {
        for (Map.Entry<String, List<String>> ou : ous.entrySet()) {
            if (ou.getValue().contains(accountId)) {
                return ou.getKey();
            }
        }
        return null;
    }
}
