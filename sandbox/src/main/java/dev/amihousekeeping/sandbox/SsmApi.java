package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Systems Manager Parameter Store on the sandbox's port (DESIGN §8): the AWS JSON 1.1 protocol, a POST whose
 * {@code X-Amz-Target} header is {@code AmazonSSM.<Operation>} and whose body is the request as JSON. Told apart
 * from the EC2 and Auto Scaling Query APIs by that header or by the SigV4 credential scope's service
 * {@code ssm}. The parameters are the region's {@code ssmParameters}.
 */
final class SsmApi {

    static final String TARGET_PREFIX = "AmazonSSM.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final Map<String, SsmParameterActions.Operation> operations = SsmParameterActions.operations();

    /** True for a request meant for SSM: its target names SSM, or it was signed for the {@code ssm} service. */
    static boolean accepts(String target, String service) {
        return (target != null && target.startsWith(TARGET_PREFIX)) || "ssm".equals(service);
    }

    /** The operation a target header names: {@code AmazonSSM.GetParameter} is {@code GetParameter}. */
    static String operation(String target) {
        if (target == null) {
            return null;
        }
        int dot = target.lastIndexOf('.');
        return dot < 0 ? target : target.substring(dot + 1);
    }

    ApiResponse handle(String target, String region, String body, AccountState state) {
        try {
            String operation = operation(target);
            SsmParameterActions.Operation handler = target == null || !target.startsWith(TARGET_PREFIX)
                    ? null : operations.get(operation);
            if (handler == null) {
                // What SSM's front end answers for a target it does not know.
                throw new SsmError("UnknownOperationException", "The operation " + target
                        + " is not known to AmazonSSM.");
            }
            JsonNode request = parse(body);
            ObjectNode response = JsonNodeFactory.instance.objectNode();
            synchronized (state.sandbox()) {
                handler.run(new SsmCall(request, state, state.region(region), response));
            }
            return ApiResponse.awsJson(200, SeedJson.MAPPER.writeValueAsString(response));
        } catch (SsmError e) {
            return error(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** SSM's JSON error document: {@code {"__type":"ParameterNotFound","message":"..."}}. */
    static ApiResponse error(SsmError e) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("__type", e.type());
        error.put("message", e.getMessage());
        return ApiResponse.awsJson(e.status(), error.toString());
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = SeedJson.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
            if (node == null || !node.isObject()) {
                throw new SsmError("SerializationException", "The request body is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new SsmError("SerializationException", "The request body is not valid JSON");
        }
    }

    /** An opaque NextToken: the name of the last parameter returned, for this operation. */
    static String token(String operation, String lastName) {
        return PageToken.encode(operation, lastName);
    }

    /** The name after which a page continues; null on the first page. */
    static String after(String operation, String token) {
        return PageToken.decode(operation, token,
                () -> new SsmError("InvalidNextToken", "The specified token isn't valid."));
    }
}
