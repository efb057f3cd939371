package dev.amihousekeeping.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A JSON node of an event together with its path ({@code detail.requestParameters.imageId}), so that every
 * complaint about a bad event names the field. Required accessors throw {@link MalformedEventException}; a JSON
 * {@code null} counts as absent, since CloudTrail writes {@code "responseElements": null} for calls without one.
 */
final class EventNode {

    private static final int MAX_QUOTED_LENGTH = 80;
    // EC2 resource ids: the 8-hex form of older resources or the 17-hex form of newer ones, lower case.
    private static final Pattern EC2_ID_SUFFIX = Pattern.compile("[0-9a-f]{8}|[0-9a-f]{17}");
    private static final Pattern REGION_SHAPE = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+-[0-9]+[a-z]?");

    private final JsonNode json;
    private final String path;

    private EventNode(JsonNode json, String path) {
        this.json = json;
        this.path = path;
    }

    static EventNode root(JsonNode json) {
        return new EventNode(json, "");
    }

    boolean isObjectRoot() {
        return json.isObject();
    }

    String rootType() {
        return typeOf(json);
    }

    String path() {
        return path;
    }

    String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    boolean has(String field) {
        JsonNode child = json.get(field);
        return child != null && !child.isNull();
    }

    boolean isObject(String field) {
        JsonNode child = json.get(field);
        return child != null && child.isObject();
    }

    Iterator<String> fieldNames() {
        return json.fieldNames();
    }

    EventNode object(String field) {
        return optionalObject(field).orElseThrow(() -> missing(field));
    }

    Optional<EventNode> optionalObject(String field) {
        return present(field, JsonNode::isObject, "an object").map(child -> new EventNode(child, pathOf(field)));
    }

    /** A required, non-blank string. */
    String text(String field) {
        return optionalText(field).orElseThrow(() -> missing(field));
    }

    /** Empty when absent, null or blank; a non-string value is malformed. */
    Optional<String> optionalText(String field) {
        return optionalRawText(field).filter(value -> !value.isBlank());
    }

    /** A string kept as written (blank included), or empty when absent or null; for tag values. */
    Optional<String> optionalRawText(String field) {
        return present(field, JsonNode::isTextual, "a string").map(JsonNode::textValue);
    }

    /** The field's JSON as written ({@code true}, {@code "x"}), or null when absent. */
    String optionalRawJson(String field) {
        JsonNode child = json.get(field);
        return child == null ? null : child.toString();
    }

    /** This node's own string value; used for list elements. */
    String asText() {
        return requireType(JsonNode::isTextual, "a string").textValue();
    }

    /** A region name such as {@code us-east-1}, when present; its shape is checked, not its existence. */
    Optional<String> optionalRegion(String field) {
        Optional<String> region = optionalText(field);
        // Shape only: an event from a region newer than this build's SDK is still an event from that region.
        if (region.isPresent() && !REGION_SHAPE.matcher(region.get()).matches()) {
            throw new MalformedEventException(pathOf(field) + " " + quote(region.get()) + " is not a region name");
        }
        return region;
    }

    /** Empty when absent or null; a value that is not an array is malformed. */
    Optional<List<EventNode>> optionalList(String field) {
        return present(field, JsonNode::isArray, "a list").map(child -> {
            List<EventNode> elements = new ArrayList<>(child.size());
            for (int i = 0; i < child.size(); i++) {
                elements.add(new EventNode(child.get(i), pathOf(field) + "[" + i + "]"));
            }
            return elements;
        });
    }

    /** This node as an object; used for list elements, which {@link #optionalList} does not check. */
    EventNode asObject() {
        requireType(JsonNode::isObject, "an object");
        return this;
    }

    /** A required ISO-8601 instant such as {@code 2026-10-14T09:31:12Z}; an offset other than Z is accepted. */
    Instant instant(String field) {
        String value = text(field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new MalformedEventException(pathOf(field) + " " + quote(value) + " is not an ISO-8601 time");
            }
        }
    }

    /**
     * A required id with the given prefix ({@code ami-}, {@code snap-}) and then 8 or 17 lower-case hex digits, as
     * EC2 writes them; anything else is malformed: a bad event, never an id to send to EC2.
     */
    String resourceId(String field, String prefix, String what) {
        String value = text(field);
        if (!value.startsWith(prefix) || !EC2_ID_SUFFIX.matcher(value.substring(prefix.length())).matches()) {
            throw new MalformedEventException(pathOf(field) + " " + quote(value) + " is not " + what);
        }
        return value;
    }

    MalformedEventException missing(String field) {
        return new MalformedEventException(pathOf(field) + " is missing");
    }

    /** The field's value when present and not null; a value of another JSON type than {@code expected} is malformed. */
    private Optional<JsonNode> present(String field, Predicate<JsonNode> ofType, String expected) {
        JsonNode child = json.get(field);
        if (child == null || child.isNull()) {
            return Optional.empty();
        }
        if (!ofType.test(child)) {
            throw new MalformedEventException(pathOf(field) + " must be " + expected + ", got " + typeOf(child));
        }
        return Optional.of(child);
    }

    /** This node's own value, which must be of the expected JSON type; used for list elements. */
    private JsonNode requireType(Predicate<JsonNode> ofType, String expected) {
        if (!ofType.test(json)) {
            throw new MalformedEventException(path + " must be " + expected + ", got " + typeOf(json));
        }
        return json;
    }

    static String typeOf(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Quotes a value for a reason line, cut short: reasons go to logs, where whole events must not. */
    static String quote(String value) {
        String shown = value.length() > MAX_QUOTED_LENGTH ? value.substring(0, MAX_QUOTED_LENGTH) + "..." : value;
        return "'" + shown + "'";
    }
}
