package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Recycle Bin service (rbin) on the sandbox's port: its {@code ListRules}, answered from the region's
 * {@code recycleBinRules}. rbin is a REST-JSON service ({@code POST /list-rules} with the request as JSON, per the
 * rbin API reference); requests are told apart from EC2's by the SigV4 credential scope's service {@code rbin}.
 */
final class RecycleBinApi {

    /** rbin's resource types (API reference, ListRules): the sandbox keeps no volumes, so EBS_VOLUME lists none. */
    private static final List<String> RESOURCE_TYPES = List.of("EBS_SNAPSHOT", "EC2_IMAGE", "EBS_VOLUME");

    /** True for a request signed for the {@code rbin} service. */
    static boolean accepts(String service) {
        return "rbin".equals(service);
    }

    /** The operation a request names, for the call log and faults: {@code ListRules} for {@code /list-rules}. */
    static String operation(String method, String path) {
        return "POST".equals(method) && "/list-rules".equals(path) ? "ListRules" : method + " " + path;
    }

    ApiResponse handle(String method, String path, String region, String body, AccountState state) {
        try {
            if (!"ListRules".equals(operation(method, path))) {
                throw new ServiceError("UnknownOperationException", "The sandbox's Recycle Bin answers only "
                        + "ListRules (POST /list-rules), not " + method + " " + path + ".", 404);
            }
            JsonNode request = ServiceError.jsonObject(body, "ValidationException");
            List<SeedRecycleBinRule> rules;
            String account;
            synchronized (state.sandbox()) {
                rules = List.copyOf(state.region(region).recycleBin.rules);
                account = state.accountId();
            }
            return ApiResponse.json(200, SeedJson.MAPPER.writeValueAsString(listRules(request, rules, region,
                    account)));
        } catch (ServiceError e) {
            return error(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static ApiResponse error(ServiceError e) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("__type", e.code);
        error.put("Message", e.getMessage());
        if ("ValidationException".equals(e.code)) {
            error.put("Reason", "INVALID_PARAMETER_VALUE");
        }
        return ApiResponse.json(e.status, error.toString());
    }

    private static ObjectNode listRules(JsonNode request, List<SeedRecycleBinRule> rules, String region,
                                        String account) {
        String resourceType = ServiceError.text(request, "ResourceType");
        if (resourceType == null) {
            throw validation("ResourceType is required.");
        }
        if (!RESOURCE_TYPES.contains(resourceType)) {
            throw validation("Value '" + resourceType + "' at 'resourceType' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: " + RESOURCE_TYPES);
        }
        String lockState = ServiceError.text(request, "LockState");
        if (lockState != null && !SeedRecycleBinRule.LOCK_STATES.contains(lockState)) {
            throw validation("Value '" + lockState + "' at 'lockState' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: " + SeedRecycleBinRule.LOCK_STATES);
        }
        int maxResults = request.hasNonNull("MaxResults") ? request.get("MaxResults").asInt() : 1000;
        if (maxResults < 1 || maxResults > 1000) {
            throw validation("Value '" + maxResults + "' at 'maxResults' failed to satisfy constraint: "
                    + "Member must have value between 1 and 1000");
        }
        List<SeedRecycleBinRule.ResourceTag> wantedTags = new ArrayList<>();
        for (JsonNode tag : request.path("ResourceTags")) {
            String key = ServiceError.text(tag, "ResourceTagKey");
            if (key == null) {
                throw validation("ResourceTagKey is required in ResourceTags.");
            }
            wantedTags.add(new SeedRecycleBinRule.ResourceTag(key, ServiceError.text(tag, "ResourceTagValue")));
        }
        // Rules keep the seed's order; a NextToken is the index of the next rule to return.
        List<SeedRecycleBinRule> matching = rules.stream()
                .filter(rule -> rule.resourceType().equals(resourceType))
                .filter(rule -> lockState == null || rule.lockState().equals(lockState))
                .filter(rule -> wantedTags.stream().allMatch(wanted -> rule.resourceTags().stream().anyMatch(
                        tag -> tag.key().equals(wanted.key()) && Objects.equals(tag.value(), wanted.value()))))
                .toList();
        int start = start(ServiceError.text(request, "NextToken"), matching.size());
        int end = Math.min(matching.size(), start + maxResults);
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ArrayNode out = response.putArray("Rules");
        for (SeedRecycleBinRule rule : matching.subList(start, end)) {
            ObjectNode summary = out.addObject();
            summary.put("Identifier", rule.identifier());
            if (rule.description() != null) {
                summary.put("Description", rule.description());
            }
            summary.putObject("RetentionPeriod").put("RetentionPeriodValue", rule.retentionDays())
                    .put("RetentionPeriodUnit", "DAYS");
            summary.put("LockState", rule.lockState());
            summary.put("RuleArn", "arn:aws:rbin:" + region + ":" + account + ":rule/" + rule.identifier());
        }
        if (end < matching.size()) {
            response.put("NextToken", PageRequest.token("rules", String.valueOf(end)));
        }
        return response;
    }

    private static int start(String token, int size) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(java.util.Base64.getUrlDecoder().decode(token),
                    java.nio.charset.StandardCharsets.UTF_8);
            if (decoded.startsWith("rules:")) {
                int start = Integer.parseInt(decoded.substring("rules:".length()));
                if (start >= 0 && start <= size) {
                    return start;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the validation error below
        }
        throw validation("The NextToken '" + token + "' is not valid.");
    }

    private static ServiceError validation(String message) {
        return new ServiceError("ValidationException", message, 400);
    }
}
