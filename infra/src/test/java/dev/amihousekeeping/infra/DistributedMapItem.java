package dev.amihousekeeping.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one Distributed Map item sends the function, computed from a synthesized state machine definition: the
 * map's {@code ItemSelector} applied to one listed target, as Step Functions would ({@code "key.$":
 * "$$.Map.Item.Value.<field>"} takes that field of the target; a plain {@code "key": value} is copied). Only those
 * two forms are understood; any other path fails here, so a changed selector cannot pass unnoticed.
 *
 * <p>For the handler side ({@code {"account","region"}} input, built in branch accounts16): a test can feed
 * {@link #of} or the file {@link #write} leaves ({@value #FILE}, under the repository root) to the function's handler,
 * e.g. beside {@code OrganizationStackTest#itemSelector_turnsOneListedTargetIntoExactlyTheFunctionsInput}.
 */
final class DistributedMapItem {
    static final String FILE = "infra/target/distributed-map-item.json";
    private static final String ITEM_VALUE = "$$.Map.Item.Value.";

    private DistributedMapItem() {
    }

    /** The input the {@code EachTarget} map of {@code definition} gives the function for {@code target}. */
    static JsonNode of(JsonNode definition, JsonNode target) {
        JsonNode selector = definition.path("States").path("EachTarget").path("ItemSelector");
        if (!selector.isObject()) {
            throw new IllegalArgumentException("the definition has no EachTarget map with an ItemSelector");
        }
        ObjectNode item = AppFixture.JSON.createObjectNode();
        selector.fields().forEachRemaining(e -> {
            String key = e.getKey();
            if (!key.endsWith(".$")) {
                item.set(key, e.getValue());
                return;
            }
            String path = e.getValue().asText();
            if (!path.startsWith(ITEM_VALUE) || path.substring(ITEM_VALUE.length()).contains(".")) {
                throw new IllegalArgumentException("ItemSelector " + key + " = " + path + " is not a field of the item");
            }
            JsonNode value = target.get(path.substring(ITEM_VALUE.length()));
            if (value == null) {
                // Step Functions fails the item when the path is missing.
                throw new IllegalArgumentException("the target " + target + " has no " + path);
            }
            item.set(key.substring(0, key.length() - 2), value);
        });
        return item;
    }

    /** Writes {@code item} to {@value #FILE}; returns the path. */
    static Path write(JsonNode item) {
        Path file = AppFixture.REPO_ROOT.resolve(FILE);
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, item.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
