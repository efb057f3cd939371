package dev.amihousekeeping.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Machine;

/**
 * Every file in events/ against the event patterns of the synthesized home stack, with Event Ruler (the matcher
 * EventBridge uses): the ones meant to trigger a function match its rules and no other; the rest match nothing.
 * The samples happen in us-east-1, the home region; the default policy's regions are the home region's alone.
 */
class EventPatternTest {
    static final Path EVENTS = AppFixture.REPO_ROOT.resolve("events");

    /** Which function each sample triggers through an event pattern; schedules reach theirs without a pattern. */
    static final Map<String, Set<String>> EXPECTED = expected(Map.of(
            "", List.of("schedule-expiry.json", "schedule-orphan-snapshots.json",
                    "schedule-public-share-sweep.json", "schedule-copy-catchup.json",
                    "modify-image-attribute-error.json", "create-image-error.json", "create-image-appstream.json",
                    "ami-state-change-pending.json", "ami-state-change-failed.json", "other-event-source.json"),
            "public-share", List.of("modify-image-attribute-public.json", "modify-image-attribute-account.json",
                    "modify-image-attribute-org.json", "modify-image-attribute-ou.json",
                    "modify-image-attribute-remove.json", "modify-image-attribute-description.json",
                    "modify-snapshot-attribute-public.json", "modify-snapshot-attribute-account.json"),
            "cross-region-copy", List.of("create-image.json", "register-image.json", "copy-image.json",
                    "ami-state-change-available.json")));

    /** Each sample to the one function it triggers ("" for none), as sample to the set of functions it triggers. */
    private static Map<String, Set<String>> expected(Map<String, List<String>> samplesByFunction) {
        Map<String, Set<String>> expected = new java.util.HashMap<>();
        samplesByFunction.forEach((function, samples) -> samples.forEach(sample -> expected.merge(sample,
                function.isEmpty() ? Set.of() : Set.of(function), (a, b) -> {
                    throw new IllegalStateException(sample + " is listed twice");
                })));
        return Map.copyOf(expected);
    }

    private static Machine homeRules;
    /** Home in us-east-1 for tooling, the functions working in eu-west-1 only. */
    private static Machine elsewhereRules;

    @BeforeAll
    static void compileSynthesizedPatterns() throws IOException {
        homeRules = rulesOf(AppFixture.synth(Map.of()).home());
        elsewhereRules = rulesOf(AppFixture.synth(Map.of("housekeeping", Map.of("regions", List.of("eu-west-1")))).home());
    }

    /** The event rules of {@code home}, each named by the function it invokes. */
    static Machine rulesOf(HousekeeperStack home) throws IOException {
        Machine machine = new Machine();
        JsonNode template = AppFixture.template(home);
        int patterns = 0;
        for (var entry : home.functions().entrySet()) {
            String alias = AppFixture.logicalId(entry.getValue().alias());
            for (var rule : entry.getValue().rules()) {
                JsonNode props = template.path("Resources").path(AppFixture.logicalId(rule)).path("Properties");
                if (props.has("EventPattern")) {
                    assertThat(props.path("Targets").get(0).path("Arn").path("Ref").asText()).isEqualTo(alias);
                    machine.addRule(entry.getKey(), props.path("EventPattern").toString());
                    patterns++;
                }
            }
        }
        assertThat(patterns).isEqualTo(3);
        return machine;
    }

    /** The sample as EventBridge would deliver it had it happened in {@code region}. */
    static String inRegion(String file, String region) throws IOException {
        ObjectNode event = (ObjectNode) AppFixture.JSON.readTree(EVENTS.resolve(file).toFile());
        event.put("region", region);
        return AppFixture.JSON.writeValueAsString(event);
    }

    @Test
    void everySampleEvent_isClassified() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")))
                    .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleEvent_triggersExactlyItsFunction(String file) throws Exception {
        String event = Files.readString(EVENTS.resolve(file));
        assertThat(new TreeSet<>(homeRules.rulesForJSONEvent(event))).as(file).isEqualTo(new TreeSet<>(EXPECTED.get(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleEvent_fromARegionNotConfigured_triggersNothing(String file) throws Exception {
        assertThat(homeRules.rulesForJSONEvent(inRegion(file, "eu-west-1"))).as(file).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void homeRegionNotConfigured_itsEventsTriggerNothing_theConfiguredRegionsStillTheirFunction(String file)
            throws Exception {
        assertThat(elsewhereRules.rulesForJSONEvent(inRegion(file, "us-east-1"))).as(file).isEmpty();
        assertThat(new TreeSet<>(elsewhereRules.rulesForJSONEvent(inRegion(file, "eu-west-1")))).as(file)
                .isEqualTo(new TreeSet<>(EXPECTED.get(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleEvent_hasTheEnvelopeEventBridgeDelivers(String file) throws IOException {
        JsonNode event = AppFixture.JSON.readTree(EVENTS.resolve(file).toFile());
        assertThat(List.of("version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"))
                .allMatch(event::has);
        assertThat(event.path("account").asText()).isEqualTo("111122223333");
        if (event.path("detail-type").asText().equals("AWS API Call via CloudTrail")) {
            assertThat(List.of("eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion",
                    "sourceIPAddress", "userAgent", "requestParameters", "responseElements", "requestID", "eventID",
                    "readOnly", "eventType", "managementEvent", "recipientAccountId", "eventCategory", "tlsDetails"))
                    .allMatch(event.path("detail")::has);
        }
        if (file.startsWith("schedule-")) {
            assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
            assertThat(event.path("resources").get(0).asText()).startsWith("arn:aws:events:us-east-1:111122223333:rule/");
        }
    }

    static Stream<String> samples() {
        return EXPECTED.keySet().stream().sorted();
    }
}
