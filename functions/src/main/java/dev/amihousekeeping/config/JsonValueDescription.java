package dev.amihousekeeping.config;

import com.fasterxml.jackson.databind.JsonNode;

/** Says what a JSON value is, for the "got ..." part of a message: {@code string "false"}, {@code number 2.5}. */
final class JsonValueDescription {

    private JsonValueDescription() {
    }

    static String of(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "string " + Quoted.string(node.textValue());
            case NUMBER -> "number " + node.asText();
            case BOOLEAN -> "boolean " + node.asText();
            case NULL -> "null";
            case ARRAY -> "array";
            case OBJECT -> "object";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** A JSON string shown bare as in {@code got "all"}; any other value as {@link #of}. */
    static String ofValue(JsonNode node) {
        return node != null && node.isTextual() ? Quoted.string(node.textValue()) : of(node);
    }
}
