package dev.amihousekeeping.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awscdk.Token;

/**
 * The organization deployment (DESIGN §9, context {@code organization=true}): the hub runs the functions, and a
 * service-managed StackSet puts a {@code MemberStack} into every account of the listed OUs.
 *
 * @param memberOrganizationalUnitIds context {@code memberOrganizationalUnitIds}: the OUs (or the root) the StackSet
 *                                    deploys to, with every account below them, now and later (auto-deployment)
 * @param organizationId              context {@code organizationId}: the only principals the hub's event bus accepts;
 *                                    null: read at deployment ({@link OrganizationIdLookup})
 * @param mapMaxConcurrency           context {@code mapMaxConcurrency}: targets (account, region) run at once
 * @param delegatedAdmin              context {@code delegatedAdmin}: the hub is a delegated administrator of StackSets,
 *                                    not the management account
 * @param memberRoleName              the role each member account has for the hub: the policy's
 *                                    {@code accounts.roleName}, else {@link #DEFAULT_MEMBER_ROLE}
 */
public record OrganizationSettings(
        List<String> memberOrganizationalUnitIds,
        String organizationId,
        int mapMaxConcurrency,
        boolean delegatedAdmin,
        String memberRoleName) {

    public static final String DEFAULT_MEMBER_ROLE = "AmiHousekeeperMember";
    /** Distributed Map runs at most 10,000 child executions at once. */
    static final int MAX_MAP_CONCURRENCY = 10_000;

    private static final Pattern OU_OR_ROOT = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32}");
    private static final Pattern ORGANIZATION = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    public OrganizationSettings {
        memberOrganizationalUnitIds = List.copyOf(memberOrganizationalUnitIds);
        if (memberOrganizationalUnitIds.isEmpty()) {
            throw new InvalidSettingsException("context memberOrganizationalUnitIds is empty: name at least one OU"
                    + " (ou-...) or the root (r-...) to deploy the member stack to");
        }
        for (String ou : memberOrganizationalUnitIds) {
            if (!OU_OR_ROOT.matcher(ou).matches()) {
                throw new InvalidSettingsException("context memberOrganizationalUnitIds: \"" + ou
                        + "\" is not an organizational unit id (ou-xxxx-xxxxxxxx) or root id (r-xxxx)");
            }
        }
        if (organizationId != null && !Token.isUnresolved(organizationId)
                && !ORGANIZATION.matcher(organizationId).matches()) {
            throw new InvalidSettingsException("context organizationId = \"" + organizationId
                    + "\" is not an organization id (o-, then 10 to 32 lowercase letters or digits)");
        }
        if (mapMaxConcurrency < 1 || mapMaxConcurrency > MAX_MAP_CONCURRENCY) {
            throw new InvalidSettingsException("context mapMaxConcurrency = " + mapMaxConcurrency
                    + " must be between 1 and " + MAX_MAP_CONCURRENCY);
        }
        if (!ROLE_NAME.matcher(memberRoleName).matches()) {
            throw new InvalidSettingsException("housekeeping policy accounts.roleName = \"" + memberRoleName
                    + "\" is not an IAM role name");
        }
    }

    /** These settings with the organization id {@code id} (a token read at deployment when context named none). */
    OrganizationSettings withOrganizationId(String id) {
        return new OrganizationSettings(memberOrganizationalUnitIds, id, mapMaxConcurrency, delegatedAdmin,
                memberRoleName);
    }

    /**
     * The OU list as context gives it: a JSON list in cdk.json, or its text from {@code -c key='["ou-..."]'}.
     */
    static List<String> organizationalUnitIds(Object value) {
        JsonNode list;
        try {
            list = value instanceof String s ? JSON.readTree(s) : JSON.valueToTree(value);
        } catch (JsonProcessingException e) {
            list = null;
        }
        if (list == null || !list.isArray()) {
            throw new InvalidSettingsException("context memberOrganizationalUnitIds = " + value
                    + " must be a JSON list of OU ids, like [\"ou-ab12-cdef3456\"]");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : list) {
            if (!id.isTextual()) {
                throw new InvalidSettingsException("context memberOrganizationalUnitIds: " + id + " is not a string");
            }
            ids.add(id.asText().trim());
        }
        return ids;
    }

    /**
     * The member role's name from the policy the functions run: {@code accounts.roleName} when the policy has it
     * (read from the minified policy, the very JSON the functions get), else {@link #DEFAULT_MEMBER_ROLE}.
     */
    static String memberRoleName(PolicyDocument policy) {
        try {
            JsonNode name = JSON.readTree(policy.minifiedJson()).path("accounts").path("roleName");
            return name.isTextual() ? name.asText() : DEFAULT_MEMBER_ROLE;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the minified policy is not JSON", e);
        }
    }
}
