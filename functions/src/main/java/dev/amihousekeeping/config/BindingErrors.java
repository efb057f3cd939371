package dev.amihousekeeping.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns Jackson's binding errors (unknown key, wrong JSON type, bad enum value) into a one-line
 * {@link ConfigException} that names the key path. What the user wrote is read from the parsed tree, not from
 * Jackson's multi-line text.
 */
final class BindingErrors {

    private BindingErrors() {
    }

    static ConfigException translate(JsonProcessingException e, JsonNode root) {
        if (!(e instanceof JsonMappingException mapping)) {
            // Binding a parsed tree raises mapping errors only; this is the last resort, without a path.
            return new ConfigException("", firstLine(e.getOriginalMessage()));
        }
        String path = pathOf(mapping.getPath());
        JsonNode value = nodeAt(root, mapping.getPath());
        // Too large for an int arrives as a generic mapping error; a number where a string belongs does not.
        boolean wantsNumber = !(e instanceof MismatchedInputException mismatch) || isWholeNumberType(mismatch.getTargetType());
        if (wantsNumber && value != null && value.isIntegralNumber() && !value.canConvertToInt()) {
            return outOfRange(path, value);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new ConfigException(path, unknownKey(String.valueOf(unknown.getPropertyName()), unknown.getReferringClass()));
        }
        if (e instanceof InvalidNullException) {
            return new ConfigException(path, "must not be null");
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> target = mismatch.getTargetType();
            if (target.isEnum()) {
                return new ConfigException(path, "must be one of " + enumNames(target) + ", got " + JsonValueDescription.ofValue(value));
            }
            return new ConfigException(path, "expected " + expected(target) + ", got " + JsonValueDescription.of(value));
        }
        return new ConfigException(path, firstLine(mapping.getOriginalMessage()));
    }

    private static String unknownKey(String key, Class<?> owner) {
        List<String> known = owner != null && owner.isRecord()
                ? Arrays.stream(owner.getRecordComponents()).map(RecordComponent::getName).toList()
                : List.of();
        return KeySuggestion.closest(key, known)
                .map(match -> "unknown key (did you mean " + match + "?)")
                .orElseGet(() -> known.isEmpty() ? "unknown key" : "unknown key (expected one of: " + String.join(", ", known) + ")");
    }

    private static String expected(Class<?> target) {
        if (target == Boolean.class || target == boolean.class) {
            return "a boolean";
        }
        if (isWholeNumberType(target)) {
            return "a whole number";
        }
        if (target == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static boolean isWholeNumberType(Class<?> target) {
        return target != null && (target == Integer.class || target == int.class || target == Long.class || target == long.class);
    }

    private static String enumNames(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(constant -> constant instanceof JsonNamed named ? named.json()
                        : ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    static String pathOf(List<JsonMappingException.Reference> references) {
        String path = "";
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path = KeyPath.field(path, reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path = KeyPath.element(path, reference.getIndex());
            }
        }
        return path;
    }

    private static JsonNode nodeAt(JsonNode root, List<JsonMappingException.Reference> references) {
        JsonNode node = root;
        for (JsonMappingException.Reference reference : references) {
            if (node == null) {
                return null;
            }
            node = reference.getFieldName() != null ? node.get(reference.getFieldName())
                    : reference.getIndex() >= 0 ? node.get(reference.getIndex()) : node;
        }
        return node;
    }

    private static ConfigException outOfRange(String path, JsonNode number) {
        return new ConfigException(path, "number " + number.asText() + " is out of range (at most " + Integer.MAX_VALUE + ")");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
