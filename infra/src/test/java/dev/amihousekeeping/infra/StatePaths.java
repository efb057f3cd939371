package dev.amihousekeeping.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A state's {@code Parameters} applied to its input, as Step Functions does for the forms the machines here use: a
 * {@code "key.$": "$.a.b"} field takes that path of the input, a nested object is applied in turn, any other value
 * is copied. A path that is missing fails here, as it fails the state.
 */
final class StatePaths {
    private StatePaths() {
    }

    static JsonNode apply(JsonNode parameters, JsonNode input) {
        ObjectNode out = AppFixture.JSON.createObjectNode();
        parameters.fields().forEachRemaining(e -> {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.endsWith(".$")) {
                out.set(key.substring(0, key.length() - 2), at(input, value.asText()));
            } else {
                out.set(key, value.isObject() ? apply(value, input) : value);
            }
        });
        return out;
    }

    private static JsonNode at(JsonNode input, String path) {
        if (!path.startsWith("$.")) {
            throw new IllegalArgumentException(path + " is not a path of the state's input");
        }
        JsonNode node = input;
        for (String field : path.substring(2).split("\\.")) {
            node = node.get(field);
            if (node == null) {
                throw new IllegalArgumentException("the input " + input + " has no " + path);
            }
        }
        return node;
    }
}
