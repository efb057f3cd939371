package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * AWS Organizations on the sandbox's port (JSON 1.1, {@code X-Amz-Target: AWSOrganizationsV20161128.*}):
 * {@code ListAccounts} and {@code ListAccountsForParent} over the seed's accounts, for the management account only.
 * Each account carries both {@code State} and the retired {@code Status}, as AWS did while clients moved over.
 */
final class OrganizationsApi {

    static final String TARGET_PREFIX = "AWSOrganizationsV20161128.";
    private static final int MAX_RESULTS = 20;

    static boolean accepts(String target, String service) {
        return (target != null && target.startsWith(TARGET_PREFIX)) || "organizations".equals(service);
    }

    static String operation(String target) {
        return SsmApi.operation(target);
    }

    ApiResponse handle(String target, String body, AccountState caller) {
        try {
            String operation = operation(target);
            boolean forParent = "ListAccountsForParent".equals(operation);
            if (target == null || !target.startsWith(TARGET_PREFIX)
                    || !(forParent || "ListAccounts".equals(operation))) {
                throw new ServiceError("UnknownOperationException", "The sandbox's Organizations answers "
                        + "only ListAccounts and ListAccountsForParent, not " + target + ".", 400);
            }
            JsonNode request = ServiceError.jsonObject(body, "InvalidInputException");
            SandboxState sandbox = caller.sandbox();
            ObjectNode response;
            synchronized (sandbox) {
                SeedOrganization organization = sandbox.organization();
                if (organization == null) {
                    throw new ServiceError("AWSOrganizationsNotInUseException",
                            "Your account is not a member of an organization.", 400);
                }
                if (!organization.managementAccountId().equals(caller.accountId())) {
                    throw new ServiceError("AccessDeniedException",
                            "You don't have permissions to access this resource.", 400);
                }
                List<AccountState> accounts = new ArrayList<>(sandbox.accounts());
                if (forParent) {
                    String parent = ServiceError.text(request, "ParentId");
                    if (parent == null) {
                        throw invalid("ParentId is required.");
                    }
                    List<String> members = organization.ous().get(parent);
                    if (members == null) {
                        throw new ServiceError("ParentNotFoundException",
                                "We can't find a root or OU with the ParentId that you specified.", 400);
                    }
                    accounts.removeIf(account -> !members.contains(account.accountId()));
                }
                response = page(request, accounts, organization, sandbox);
            }
            return ApiResponse.awsJson(200, SeedJson.MAPPER.writeValueAsString(response));
        } catch (ServiceError e) {
            return error(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Accounts in id order; a NextToken names the last id returned. */
    private static ObjectNode page(JsonNode request, List<AccountState> accounts, SeedOrganization organization,
                                   SandboxState sandbox) {
        int maxResults = request.hasNonNull("MaxResults") ? request.get("MaxResults").asInt() : MAX_RESULTS;
        if (maxResults < 1 || maxResults > MAX_RESULTS) {
            throw invalid("Value '" + maxResults + "' at 'maxResults' failed to satisfy constraint: Member must have "
                    + "value between 1 and " + MAX_RESULTS);
        }
        String after = PageToken.decode("accounts", ServiceError.text(request, "NextToken"),
                () -> invalid("The NextToken is not valid."));
        List<AccountState> rest = accounts.stream()
                .filter(account -> after == null || account.accountId().compareTo(after) > 0).toList();
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ArrayNode out = response.putArray("Accounts");
        for (AccountState account : rest.subList(0, Math.min(maxResults, rest.size()))) {
            String id = account.accountId();
            out.addObject()
                    .put("Id", id)
                    .put("Arn", organization.accountArn(id))
                    .put("Email", "aws+" + id + "@example.com")
                    .put("Name", id.equals(organization.managementAccountId()) ? "management" : "member-" + id)
                    .put("State", account.status())
                    .put("Status", account.status())
                    .put("JoinedMethod", "CREATED")
                    .put("JoinedTimestamp", sandbox.joinedAt().getEpochSecond());
        }
        if (rest.size() > maxResults) {
            response.put("NextToken", PageToken.encode("accounts", rest.get(maxResults - 1).accountId()));
        }
        return response;
    }

    static ApiResponse error(ServiceError e) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("__type", e.code);
        error.put("Message", e.getMessage());
        return ApiResponse.awsJson(e.status, error.toString());
    }

    private static ServiceError invalid(String message) {
        return new ServiceError("InvalidInputException", message, 400);
    }
}
