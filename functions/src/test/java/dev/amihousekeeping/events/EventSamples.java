package dev.amihousekeeping.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amihousekeeping.testing.TestResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The real-shaped sample events under {@code src/test/resources/events/}: EventBridge envelopes around CloudTrail
 * records with the fields CloudTrail writes (ids are this project's examples), AMI State Change and schedule
 * events. Tests mutate copies of them to make bad events, so that every bad event is one defect away from a real one.
 */
final class EventSamples {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** The AMI the {@code modify-image-attribute-*} samples change. */
    static final String AMI = "ami-0a1b2c3d4e5f60718";
    /** The snapshot the {@code modify-snapshot-attribute-*} samples change. */
    static final String SNAPSHOT = "snap-0f1e2d3c4b5a69788";

    private EventSamples() {
    }

    static String text(String name) {
        return TestResources.sampleEvent(name);
    }

    static ObjectNode tree(String name) {
        try {
            return (ObjectNode) MAPPER.readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HousekeepingEvent parse(String name) {
        return EventParser.parse(text(name));
    }

    /** Parses a copy of a sample after {@code edit} changed it; the copy goes through the parser as text. */
    static HousekeepingEvent parseEdited(String name, Consumer<ObjectNode> edit) {
        ObjectNode event = tree(name);
        edit.accept(event);
        return EventParser.parse(event.toString());
    }

    static ObjectNode detail(ObjectNode event) {
        return (ObjectNode) event.get("detail");
    }

    static ObjectNode requestParameters(ObjectNode event) {
        return (ObjectNode) detail(event).get("requestParameters");
    }

    static JsonNode at(ObjectNode event, String pointer) {
        return event.at(pointer);
    }

    /** Every sample file name. */
    static List<String> all() {
        return TestResources.sampleEventNames();
    }
}
