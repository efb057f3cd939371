package dev.amihousekeeping.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.port.ObjectStore;
import dev.amihousekeeping.json.ReportJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The organization run's one report (DESIGN §1, §9): what a Distributed Map with a result writer left in the
 * run-results bucket, merged. The map's {@code manifest.json} lists result files by status; each file (output
 * type JSON) is an array of the items' executions, {@code Input} and {@code Output} as JSON text. The reports of
 * the items that succeeded are merged ({@link Report#merge}); an item that failed, or never ran (pending), is an
 * error of its account and region, so the merged report says which targets were not kept.
 */
public final class MapResults {

    /** Error code of a target whose map item failed (the function crashed or timed out there). */
    public static final String ITEM_FAILED = "MapItemFailed";
    /** Error code of a target whose map item never ran (the map stopped first). */
    public static final String ITEM_NOT_RUN = "MapItemNotRun";
    /** How much of an item's failure cause a report carries. */
    private static final int CAUSE_CHARS = 300;

    private static final ObjectMapper JSON = ReportJson.mapper();

    private MapResults() {
    }

    /**
     * The merged report of {@code function}'s map run whose manifest is {@code manifestKey} in {@code bucket}.
     *
     * @param dryRun the policy's, for a run of which no item succeeded (a merge of parts keeps theirs)
     * @param now    when the merge started: that report's start
     * @throws RuntimeException when the manifest or a result file cannot be read or is not what a map writes:
     *                          no report is better than one that leaves targets out unsaid
     */
    public static Report merge(String function, boolean dryRun, Instant now, ObjectStore store, String bucket,
                               String manifestKey) {
        JsonNode files = tree(store.read(bucket, manifestKey), manifestKey).path("ResultFiles");
        if (!files.isObject()) {
            throw new IllegalStateException(manifestKey + " has no ResultFiles: not a map run's manifest");
        }
        List<Report> parts = new ArrayList<>();
        List<RegionError> errors = new ArrayList<>();
        for (JsonNode file : files.path("SUCCEEDED")) {
            for (JsonNode item : items(store, bucket, file)) {
                parts.add(ReportJson.read(item.path("Output").asText()));
            }
        }
        for (String status : List.of("FAILED", "PENDING")) {
            for (JsonNode file : files.path(status)) {
                for (JsonNode item : items(store, bucket, file)) {
                    errors.add(error(status, item));
                }
            }
        }
        if (!errors.isEmpty() || parts.isEmpty()) {
            // The failed targets as one more part: in the parts' run, never moving its start.
            Report first = parts.isEmpty() ? null : parts.get(0);
            List<String> regions = errors.stream().map(RegionError::region).distinct().toList();
            List<String> accounts = errors.stream().map(RegionError::account).distinct().toList();
            parts.add(new Report(function, first == null ? dryRun : first.dryRun(),
                    first == null ? now : first.startedAt(), regions, List.of(), List.of(), errors, 0,
                    first == null ? null : first.runId(), accounts));
        }
        return Report.merge(parts);
    }

    private static JsonNode items(ObjectStore store, String bucket, JsonNode file) {
        String key = file.path("Key").asText();
        JsonNode items = tree(store.read(bucket, key), key);
        if (!items.isArray()) {
            throw new IllegalStateException(key + " is not a JSON array of map item results");
        }
        return items;
    }

    /** The failed or pending item's target, from its input, and why. */
    private static RegionError error(String status, JsonNode item) {
        JsonNode input = tree(item.path("Input").asText(), "an item's Input");
        String account = input.path("account").asText(null);
        String region = input.path("region").asText(null);
        if (status.equals("PENDING")) {
            return new RegionError(region, ITEM_NOT_RUN, "the map stopped before this target ran", account);
        }
        String cause = item.path("Cause").asText("");
        cause = cause.length() > CAUSE_CHARS ? cause.substring(0, CAUSE_CHARS) + "..." : cause;
        return new RegionError(region, ITEM_FAILED, (item.path("Error").asText("unknown error") + ": " + cause).strip(),
                account);
    }

    private static JsonNode tree(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
