package dev.amihousekeeping.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amihousekeeping.sandbox.Seed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a run leaves behind, in a form two runs can be compared by: {@code GET /_sandbox/state} per region, with
 * images and snapshots keyed by id, and the ids EC2 generated during the run (a copy, a registered AMI, their
 * snapshots) replaced by what identifies them ({@code new:<region>/<name>[/<device>]}): AMI names are unique per
 * region, while the generated ids differ from sandbox to sandbox.
 */
record FinalState(Map<String, ObjectNode> regions) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static FinalState of(Seed before, JsonNode state) {
        Set<String> known = knownIds(before);
        Map<String, String> generated = new HashMap<>();
        for (Map.Entry<String, JsonNode> region : fields(state.path("regions"))) {
            for (JsonNode image : region.getValue().path("images")) {
                String imageId = image.path("imageId").asText();
                if (known.contains(imageId)) {
                    continue;
                }
                String alias = "new:" + region.getKey() + "/" + image.path("name").asText();
                generated.put(imageId, alias);
                for (JsonNode device : image.path("blockDeviceMappings")) {
                    String snapshotId = device.path("snapshotId").asText(null);
                    if (snapshotId != null && !known.contains(snapshotId)) {
                        generated.put(snapshotId, alias + device.path("deviceName").asText());
                    }
                }
            }
        }
        String text = state.path("regions").toString();
        for (Map.Entry<String, String> id : generated.entrySet()) {
            text = text.replace(id.getKey(), id.getValue());
        }
        Map<String, ObjectNode> regions = new TreeMap<>();
        for (Map.Entry<String, JsonNode> region : fields(read(text))) {
            ObjectNode normalized = ((ObjectNode) region.getValue()).deepCopy();
            normalized.set("images", byId(region.getValue().path("images"), "imageId"));
            normalized.set("snapshots", byId(region.getValue().path("snapshots"), "snapshotId"));
            regions.put(region.getKey(), normalized);
        }
        return new FinalState(regions);
    }

    /**
     * One line per resource or region setting that differs from {@code expected}, naming the fields; empty when
     * the two are the same. What an assertion prints instead of two pages of JSON.
     */
    List<String> differencesFrom(FinalState expected) {
        List<String> differences = new ArrayList<>();
        Set<String> names = new TreeSet<>(regions.keySet());
        names.addAll(expected.regions.keySet());
        for (String region : names) {
            JsonNode actual = regions.getOrDefault(region, JSON.createObjectNode());
            JsonNode wanted = expected.regions.getOrDefault(region, JSON.createObjectNode());
            for (String kind : List.of("images", "snapshots")) {
                Set<String> ids = new TreeSet<>();
                actual.path(kind).fieldNames().forEachRemaining(ids::add);
                wanted.path(kind).fieldNames().forEachRemaining(ids::add);
                for (String id : ids) {
                    JsonNode a = actual.path(kind).path(id);
                    JsonNode w = wanted.path(kind).path(id);
                    if (a.isMissingNode()) {
                        differences.add(region + " " + id + ": missing (expected " + w + ")");
                    } else if (w.isMissingNode()) {
                        differences.add(region + " " + id + ": should not be there (" + a + ")");
                    } else if (!a.equals(w)) {
                        differences.add(region + " " + id + ": " + fieldDifferences(a, w));
                    }
                }
            }
            for (String setting : settingNames(actual, wanted)) {
                if (!actual.path(setting).equals(wanted.path(setting))) {
                    differences.add(region + " " + setting + ": " + actual.path(setting) + ", expected "
                            + wanted.path(setting));
                }
            }
        }
        return differences;
    }

    /** Only {@code region}: to say one region changed as expected and the other did not change at all. */
    FinalState in(String region) {
        return new FinalState(regions.containsKey(region) ? Map.of(region, regions.get(region)) : Map.of());
    }

    private static String fieldDifferences(JsonNode actual, JsonNode wanted) {
        List<String> fields = new ArrayList<>();
        for (String field : settingNames(actual, wanted)) {
            if (!actual.path(field).equals(wanted.path(field))) {
                fields.add(field + " " + actual.path(field) + ", expected " + wanted.path(field));
            }
        }
        return String.join("; ", fields);
    }

    private static Set<String> settingNames(JsonNode a, JsonNode b) {
        Set<String> names = new TreeSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        names.removeAll(Set.of("images", "snapshots"));
        return names;
    }

    private static ObjectNode byId(JsonNode items, String idField) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (JsonNode item : items) {
            sorted.put(item.path(idField).asText(), item);
        }
        ObjectNode node = JSON.createObjectNode();
        sorted.forEach(node::set);
        return node;
    }

    private static Set<String> knownIds(Seed seed) {
        Set<String> ids = new HashSet<>();
        seed.regions().values().forEach(region -> {
            region.images().forEach(image -> ids.add(image.imageId()));
            region.snapshots().forEach(snapshot -> ids.add(snapshot.snapshotId()));
        });
        return ids;
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return () -> {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            return fields;
        };
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
