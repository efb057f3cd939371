package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An error of the services beside EC2 (rbin, STS, Organizations): its code, message and HTTP status; each API
 * writes it in its own protocol's error document.
 */
final class ServiceError extends RuntimeException {

    final String code;
    final int status;

    ServiceError(String code, String message, int status) {
        super(message);
        this.code = code;
        this.status = status;
    }

    /** A JSON request body as an object; else {@code notObjectCode} or {@code SerializationException}. */
    static JsonNode jsonObject(String body, String notObjectCode) {
        try {
            JsonNode node = SeedJson.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
            if (node == null || !node.isObject()) {
                throw new ServiceError(notObjectCode, "The request body is not a JSON object.", 400);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ServiceError("SerializationException", "The request body is not valid JSON.", 400);
        }
    }

    /** A member's text, null when absent or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
