package dev.amihousekeeping.handler;

import static dev.amihousekeeping.run.CopyFixture.APP;
import static dev.amihousekeeping.run.CopyFixture.APP_SNAPSHOT;
import static dev.amihousekeeping.run.CopyFixture.BASE;
import static dev.amihousekeeping.run.CopyFixture.BASE_COPY_EU;
import static dev.amihousekeeping.run.CopyFixture.BASE_COPY_WEST;
import static dev.amihousekeeping.run.CopyFixture.BUILDER_ARN;
import static dev.amihousekeeping.run.CopyFixture.EU;
import static dev.amihousekeeping.run.CopyFixture.EU_KEY;
import static dev.amihousekeeping.run.CopyFixture.JDOE_ARN;
import static dev.amihousekeeping.run.CopyFixture.SOURCE;
import static dev.amihousekeeping.run.CopyFixture.WEB;
import static dev.amihousekeeping.run.CopyFixture.WEB_SNAPSHOT;
import static dev.amihousekeeping.run.CopyFixture.WEST;
import static dev.amihousekeeping.run.CopyFixture.WEST_KEY;
import static dev.amihousekeeping.run.CopyFixture.eventText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.run.CopyFixture;
import dev.amihousekeeping.sandbox.SeedBlockDevice;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.sandbox.SeedRegion;
import dev.amihousekeeping.testing.SandboxHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Lambda handler of {@code cross-region-copy} on raw EventBridge JSON, against the seeded sandbox: the
 * held-back events of issue 7 in any order, twice, and what it throws (only for a failure a retry can mend).
 */
class CrossRegionCopyHandlerTest {

    /** Every sample event about the scenario's AMIs: the ones that act and the ones to ignore. */
    private static final List<String> HELD_BACK = List.of(
            "create-image.json", "ami-state-change-available.json", "register-image-copy-to-dr.json",
            "copy-image-by-housekeeper.json",
            "create-image-unauthorized.json", "appstream-create-image.json", "ami-state-change-pending.json",
            "ami-state-change-failed.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SandboxHarness sandbox = CopyFixture.start().freshEachTest();

    private final RecordingNotifier topic = new RecordingNotifier();

    private CrossRegionCopyHandler handler(Config config) {
        return new CrossRegionCopyHandler(topic.wiredInto(new Dependencies(config, null, SOURCE,
                sandbox.housekeeping())));
    }

    /** Runs one raw event as Lambda would and returns the Report it wrote. */
    private static JsonNode invoke(CrossRegionCopyHandler handler, String event) throws IOException {
        return JSON.readTree(Invocations.output(handler, event));
    }

    @ParameterizedTest(name = "shuffle seed {0}")
    @ValueSource(longs = {1, 7, 42})
    void invariant7_heldBackEventsTwiceInShuffledOrder_leaveOneTaggedEncryptedCopyPerRegion(long seed) throws IOException {
        CrossRegionCopyHandler handler = handler(CopyFixture.policy());
        List<String> events = new ArrayList<>(HELD_BACK);
        events.addAll(HELD_BACK);
        Collections.shuffle(events, new Random(seed));

        for (String event : events) {
            assertThatCode(() -> invoke(handler, eventText(event))).as(event).doesNotThrowAnyException();
        }

        for (String region : List.of(WEST, EU)) {
            String key = region.equals(WEST) ? WEST_KEY : EU_KEY;
            assertTaggedEncryptedCopy(WEB, region, key, "2027-01-12");
            assertTaggedEncryptedCopy(APP, region, key, "2027-06-30");
            assertThat(sandbox.copiesOf(BASE, region)).as("BASE already had its copy").hasSize(1);
        }
        assertThat(sandbox.images(WEST)).hasSize(3);
        assertThat(sandbox.images(EU)).hasSize(3);
        // Correct tags on every new AMI and its snapshots; the person's DeleteOn on APP is left as it was.
        assertThat(sandbox.image(SOURCE, WEB).orElseThrow().tags())
                .contains(entry("CreatedBy", BUILDER_ARN), entry("DeleteOn", "2027-01-12"));
        assertThat(sandbox.snapshot(SOURCE, WEB_SNAPSHOT).tags())
                .contains(entry("CreatedBy", BUILDER_ARN), entry("DeleteOn", "2027-01-12"));
        assertThat(sandbox.image(SOURCE, APP).orElseThrow().tags())
                .contains(entry("CreatedBy", JDOE_ARN), entry("DeleteOn", "2027-06-30"));
        assertThat(sandbox.snapshot(SOURCE, APP_SNAPSHOT).tags())
                .contains(entry("CreatedBy", JDOE_ARN), entry("DeleteOn", "2027-06-30"));
        assertThat(sandbox.image(WEST, BASE_COPY_WEST).orElseThrow().tags())
                .contains(entry("CreatedBy", JDOE_ARN), entry("SourceAmi", BASE), entry("DeleteOn", "2027-01-01"));
        assertThat(sandbox.image(EU, BASE_COPY_EU).orElseThrow().tags()).doesNotContainKey("CreatedBy");
    }

    private static void assertTaggedEncryptedCopy(String source, String region, String kmsKeyId, String deleteOn) {
        List<SeedImage> copies = sandbox.copiesOf(source, region);
        assertThat(copies).as(source + " in " + region).hasSize(1);
        assertThat(copies.get(0).tags()).as(source + " in " + region)
                .contains(entry("SourceAmi", source), entry("SourceRegion", SOURCE), entry("DeleteOn", deleteOn));
        assertThat(copies.get(0).blockDeviceMappings())
                .extracting(SeedBlockDevice::encrypted, SeedBlockDevice::kmsKeyId)
                .containsOnly(tuple(true, kmsKeyId));
    }

    @Test
    void invariant11_throwsAfterReporting_whenACopyHitTheQuota_soThatLambdaRetriesTheEvent() {
        sandbox.fault("CopyImage", WEST, "ResourceLimitExceeded");
        CrossRegionCopyHandler handler = handler(CopyFixture.policy());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(
                eventText("create-image.json").getBytes(StandardCharsets.UTF_8)), out, null))
                .hasMessageContaining("the event is kept for a retry");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ResourceLimitExceeded");
        assertThat(sandbox.copiesOf(WEB, EU)).hasSize(1);
    }

    @Test
    void copyEvent_thatCopiesFine_sendsNoNotice() throws IOException {
        JsonNode report = invoke(handler(CopyFixture.policy()), eventText("create-image.json"));

        assertThat(report.findValuesAsText("outcome")).contains("done").doesNotContain("failed");
        assertThat(report.path("errors")).isEmpty();
        assertThat(topic.sent).isEmpty();
    }

    @Test
    void invariant11_retryableFailure_sendsItsNotice_thenThrows() {
        sandbox.fault("CopyImage", WEST, "ResourceLimitExceeded");
        CrossRegionCopyHandler handler = handler(CopyFixture.policy());

        assertThatThrownBy(() -> invoke(handler, eventText("create-image.json")))
                .isInstanceOf(FunctionHandler.RunFailedException.class);
        assertThat(topic.sent).singleElement().satisfies(notice -> {
            assertThat(notice.subject()).isEqualTo("AMI Housekeeper cross-region-copy (applied): 3 done, 1 failed");
            assertThat(notice.body()).contains("Failed actions (1):\n  - " + WEST + " " + WEB + " copy: ")
                    .contains("ResourceLimitExceeded");
        });
    }

    @Test
    void invariant11_doesNotThrow_whenACopyLacksPermission_sinceARetryWouldFailTheSameWay() throws IOException {
        sandbox.fault("CopyImage", WEST, "UnauthorizedOperation");

        JsonNode report = invoke(handler(CopyFixture.policy()), eventText("create-image.json"));

        assertThat(report.findValuesAsText("outcome")).contains("failed", "done");
        assertThat(report.toString()).contains("UnauthorizedOperation").contains("destination " + WEST);
    }

    @Test
    void invariant11_doesNotThrow_whenACopyFailedOnItsKmsKey() throws IOException {
        Config badKey = ConfigLoader.parse(CopyFixture.POLICY.replace(WEST_KEY, "alias/invalid-key"));
        CrossRegionCopyHandler handler = handler(badKey);
        invoke(handler, eventText("create-image.json"));
        String copy = sandbox.copiesOf(WEB, WEST).get(0).imageId();

        JsonNode report = invoke(handler, eventText("ami-state-change-failed.json")
                .replace("\"region\": \"us-east-1\"", "\"region\": \"us-west-2\"").replace(WEB, copy));

        assertThat(report.path("errors").get(0).path("code").asText()).isEqualTo("CopyFailed");
        assertThat(report.path("errors").get(0).path("message").asText()).contains("alias/invalid-key");
    }

    @Test
    void invariant8_badEvents_areReportedAndDropped_changingNothing() throws IOException {
        Map<String, SeedRegion> before = sandbox.sandbox().state().regions();
        CrossRegionCopyHandler handler = handler(CopyFixture.policy());
        String unknownName = eventText("create-image.json").replace("\"eventName\": \"CreateImage\"",
                "\"eventName\": \"CreateImages\"");
        String badDate = eventText("create-image.json").replace("\"eventTime\": \"2026-10-14T09:31:12Z\"",
                "\"eventTime\": \"yesterday\"");

        for (String event : List.of("{not json", badDate, unknownName, eventText("create-image-unauthorized.json"),
                eventText("appstream-create-image.json"), eventText("ami-state-change-pending.json"))) {
            JsonNode report = invoke(handler, event);
            assertThat(report.path("actions")).as(event).isEmpty();
            assertThat(report.path("errors").size() + report.path("kept").size()).as(event).isEqualTo(1);
        }
        assertThat(sandbox.sandbox().state().regions()).isEqualTo(before);
    }
}
