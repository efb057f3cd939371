package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.port.ObjectStore;
import dev.amihousekeeping.json.ReportJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The organization run's merge step over result files shaped as a Distributed Map's result writer leaves them
 * ({@code manifest.json}, {@code SUCCEEDED_0.json}, {@code FAILED_0.json}), read through an {@link ObjectStore}
 * over a local folder (bucket = folder, key = path).
 */
class MapResultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-01T03:00:00Z");
    private static final String RUN = "expiry/3f1c/";
    private static final String MAP_RUN = "arn:aws:states:us-east-1:111122223333:mapRun:expiry/EachTarget:3f1c";

    @TempDir
    Path buckets;

    /** The port's job: objects are files under the bucket's folder. */
    private ObjectStore folders() {
        return (bucket, key) -> {
            try {
                return Files.readString(buckets.resolve(bucket).resolve(key));
            } catch (NoSuchFileException e) {
                throw new IllegalStateException("NoSuchKey: " + bucket + "/" + key);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static Report part(String account, String region, String imageId, String keptId) {
        return new Report("expiry", false, NOW.plusSeconds(5), List.of(region),
                List.of(new ActionResult(region, ResourceType.IMAGE, imageId, ActionType.DEREGISTER,
                        "expiry-tag DeleteOn=2026-01-01", Outcome.DONE, null).inAccount(account)),
                List.of(new Kept(region, ResourceType.IMAGE, keptId, "in-use: i-0abc", account)),
                List.of(), 0.4, "run-1", List.of(account));
    }

    private static ObjectNode item(String account, String region, String status) {
        ObjectNode item = JSON.createObjectNode();
        item.put("ExecutionArn", "arn:aws:states:us-east-1:111122223333:execution:expiry/EachTarget:" + account + region);
        item.put("Input", "{\"account\":\"" + account + "\",\"region\":\"" + region + "\"}");
        item.put("InputDetails", JSON.createObjectNode().put("Included", true));
        item.put("Name", account + region);
        item.put("StartDate", "2026-11-01T03:00:01Z");
        item.put("StateMachineArn", "arn:aws:states:us-east-1:111122223333:stateMachine:expiry/EachTarget");
        item.put("Status", status);
        item.put("StopDate", "2026-11-01T03:00:09Z");
        return item;
    }

    private void write(String key, Object json) throws IOException {
        Path file = buckets.resolve("results").resolve(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(json));
    }

    private void manifest(List<String> succeeded, List<String> failed) throws IOException {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("DestinationBucket", "results");
        manifest.put("MapRunArn", MAP_RUN);
        ObjectNode files = manifest.putObject("ResultFiles");
        ArrayNode ok = files.putArray("SUCCEEDED");
        succeeded.forEach(key -> ok.addObject().put("Key", key).put("Size", 1000));
        ArrayNode bad = files.putArray("FAILED");
        failed.forEach(key -> bad.addObject().put("Key", key).put("Size", 500));
        files.putArray("PENDING");
        write(RUN + "manifest.json", manifest);
    }

    @Test
    void merge_isTheItemsReportsAsOne_withEachFailedItemAnErrorOfItsTarget() throws IOException {
        ArrayNode succeeded = JSON.createArrayNode();
        succeeded.add(item("111122223333", "us-east-1", "SUCCEEDED")
                .put("Output", ReportJson.write(part("111122223333", "us-east-1", "ami-1", "ami-2"))));
        succeeded.add(item("222233334444", "eu-west-1", "SUCCEEDED")
                .put("Output", ReportJson.write(part("222233334444", "eu-west-1", "ami-3", "ami-4"))));
        write(RUN + "SUCCEEDED_0.json", succeeded);
        ArrayNode failed = JSON.createArrayNode();
        failed.add(item("333344445555", "us-east-1", "FAILED").put("Error", "Lambda.Unknown")
                .put("Cause", "The function timed out"));
        write(RUN + "FAILED_0.json", failed);
        manifest(List.of(RUN + "SUCCEEDED_0.json"), List.of(RUN + "FAILED_0.json"));

        Report merged = MapResults.merge("expiry", true, NOW, folders(), "results", RUN + "manifest.json");

        assertThat(merged.function()).isEqualTo("expiry");
        assertThat(merged.dryRun()).as("the parts' dryRun, not the fallback").isFalse();
        assertThat(merged.runId()).isEqualTo("run-1");
        assertThat(merged.accounts()).containsExactly("111122223333", "222233334444", "333344445555");
        assertThat(merged.regions()).containsExactly("us-east-1", "eu-west-1");
        assertThat(merged.actions()).extracting(ActionResult::account, ActionResult::resourceId)
                .containsExactly(tuple("111122223333", "ami-1"), tuple("222233334444", "ami-3"));
        assertThat(merged.kept()).extracting(Kept::resourceId).containsExactly("ami-2", "ami-4");
        assertThat(merged.errors()).containsExactly(new RegionError("us-east-1", MapResults.ITEM_FAILED,
                "Lambda.Unknown: The function timed out", "333344445555"));
        assertThat(merged.estimatedMonthlySavingsUsd()).isEqualTo(0.8);
        assertThat(merged.startedAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(merged.hasFailures()).isTrue();
    }

    @Test
    void merge_ofAMapWhoseItemsAllFailed_isAReportOfTheirErrors() throws IOException {
        ArrayNode failed = JSON.createArrayNode();
        failed.add(item("222233334444", "eu-west-1", "FAILED").put("Error", "States.TaskFailed"));
        write(RUN + "FAILED_0.json", failed);
        manifest(List.of(), List.of(RUN + "FAILED_0.json"));

        Report merged = MapResults.merge("expiry", true, NOW, folders(), "results", RUN + "manifest.json");

        assertThat(merged.dryRun()).isTrue();
        assertThat(merged.actions()).isEmpty();
        assertThat(merged.errors()).extracting(RegionError::account, RegionError::region, RegionError::code)
                .containsExactly(tuple("222233334444", "eu-west-1", MapResults.ITEM_FAILED));
    }

    @Test
    void merge_failsRatherThanLeaveOutAResultFileItCannotRead() throws IOException {
        manifest(List.of(RUN + "SUCCEEDED_0.json"), List.of());

        assertThatThrownBy(() -> MapResults.merge("expiry", true, NOW, folders(), "results", RUN + "manifest.json"))
                .hasMessageContaining("NoSuchKey: results/" + RUN + "SUCCEEDED_0.json");
    }

    @Test
    void merge_ofSomethingThatIsNotAManifest_fails() throws IOException {
        write(RUN + "manifest.json", JSON.createObjectNode().put("MapRunArn", MAP_RUN));

        assertThatThrownBy(() -> MapResults.merge("expiry", true, NOW, folders(), "results", RUN + "manifest.json"))
                .hasMessageContaining("has no ResultFiles");
    }
}
