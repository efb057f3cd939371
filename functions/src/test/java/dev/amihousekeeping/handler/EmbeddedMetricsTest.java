package dev.amihousekeeping.handler;

import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.TestActions;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedRegion;
import dev.amihousekeeping.testing.SandboxHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The EMF document each function prints is what the {@code ActionsFailed} alarm reads. The infra module's alarm
 * (infra HousekeepingFunction#addAlarms) watches namespace {@code AmiHousekeeper}, metric {@code ActionsFailed},
 * statistic Sum, with exactly one dimension {@code Service} = the function's name ({@code expiry},
 * {@code orphan-snapshots}, {@code public-share}, {@code cross-region-copy}). CloudWatch matches a metric only on
 * its full dimension set, so a second dimension, another namespace or another name would leave the alarm
 * silent while actions fail. These tests pin that document, parsed with Jackson.
 */
class EmbeddedMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METRICS = List.of("ImagesDeregistered", "ImagesDeprecated",
            "SnapshotsDeleted", "GrantsRemoved", "CopiesStarted", "ActionsFailed", "ActionsDeferred",
            "SnapshotGiBFreed", "EstimatedMonthlySavingsUsd");
    private static final Map<String, String> UNITS = Map.of("SnapshotGiBFreed", "Gigabytes",
            "EstimatedMonthlySavingsUsd", "None");
    private static final long TIMESTAMP = Instant.parse("2026-11-01T03:00:00Z").toEpochMilli();

    /** The service names the infra stack gives its functions, with the handler Lambda runs for each. */
    private static final Map<String, Function<Dependencies, FunctionHandler>> HANDLERS = handlers();

    private static Map<String, Function<Dependencies, FunctionHandler>> handlers() {
        Map<String, Function<Dependencies, FunctionHandler>> handlers = new LinkedHashMap<>();
        handlers.put("expiry", ExpiryHandler::new);
        handlers.put("orphan-snapshots", OrphanSnapshotsHandler::new);
        handlers.put("public-share", PublicShareHandler::new);
        handlers.put("cross-region-copy", CrossRegionCopyHandler::new);
        return handlers;
    }

    /** Every function on, applying, over one empty region. */
    private static final String POLICY = """
            {"regions": ["us-east-1"], "dryRun": false,
             "crossRegionCopy": {"enabled": true, "destinationRegions": ["us-west-2"]}}""";

    private static SandboxHarness sandbox;

    @BeforeAll
    static void start() {
        sandbox = SandboxHarness.start(Seed.empty().withRegion(REGION, SeedRegion.empty())
                .withRegion("us-west-2", SeedRegion.empty()));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void clearFaults() {
        sandbox.clearFaults();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"expiry", "orphan-snapshots", "public-share", "cross-region-copy"})
    void document_countsFailedActionsAndErrors_underTheAlarmsNamespaceDimensionAndName(String function)
            throws IOException {
        List<ActionResult> actions = new ArrayList<>();
        actions.add(result(ActionType.DEREGISTER, Outcome.DONE));
        actions.add(result(ActionType.DEREGISTER, Outcome.DONE));
        actions.add(result(ActionType.DEREGISTER, Outcome.FAILED));
        actions.add(result(ActionType.DEPRECATE, Outcome.DONE));
        actions.add(result(ActionType.DELETE_SNAPSHOT, Outcome.DONE));
        actions.add(result(ActionType.DELETE_SNAPSHOT, Outcome.SKIPPED));
        actions.add(result(ActionType.REMOVE_GRANT, Outcome.DONE));
        actions.add(result(ActionType.REMOVE_GRANT, Outcome.FAILED));
        actions.add(result(ActionType.COPY, Outcome.DONE));
        actions.add(result(ActionType.COPY, Outcome.PLANNED));
        actions.add(result(ActionType.TAG, Outcome.FAILED));
        actions.add(result(ActionType.DEREGISTER, Outcome.DEFERRED));
        actions.add(result(ActionType.DELETE_SNAPSHOT, Outcome.DEFERRED));
        Report report = new Report(function, false, Instant.EPOCH, List.of(REGION), actions, List.of(),
                List.of(new RegionError("eu-west-1", "UnauthorizedOperation", "denied")), 0);

        JsonNode document = emfDocument(report);

        assertThat(values(document)).containsExactlyEntriesOf(metrics(Map.of(
                "ImagesDeregistered", 2L, "ImagesDeprecated", 1L, "SnapshotsDeleted", 1L, "GrantsRemoved", 1L,
                "CopiesStarted", 1L,
                // three failed actions and one error; deferred ones are not failures
                "ActionsFailed", 4L, "ActionsDeferred", 2L)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"expiry", "orphan-snapshots", "public-share", "cross-region-copy"})
    void document_saysZeroActionsFailed_whenNothingFailed(String function) throws IOException {
        Report report = new Report(function, false, Instant.EPOCH, List.of(REGION),
                List.of(result(ActionType.DEREGISTER, Outcome.DONE), result(ActionType.COPY, Outcome.SKIPPED)),
                List.of(), List.of(), 0);

        JsonNode document = emfDocument(report);

        assertThat(values(document)).containsExactlyEntriesOf(metrics(Map.of("ImagesDeregistered", 1L)));
    }

    /** An applied run that freed 8 + 8 + 500 + 1 GiB: the executor's estimate is 517 x USD 0.05 = 25.85. */
    @ParameterizedTest(name = "dryRun={0}")
    @CsvSource({"false, 517, 25.85", "true, 0, 0"})
    void document_givesTheGiBFreedAndTheEstimatedSaving_ofAnAppliedRun_andNoneOfADryOne(
            boolean dryRun, long gib, double usd) throws IOException {
        // A dry run's estimate is only planned: it freed nothing.
        Report report = new Report("expiry", dryRun, Instant.EPOCH, List.of(REGION),
                List.of(result(ActionType.DEREGISTER, dryRun ? Outcome.PLANNED : Outcome.DONE)), List.of(), List.of(),
                25.85);

        JsonNode document = emfDocument(report);

        assertThat(document.path("SnapshotGiBFreed").asLong()).isEqualTo(gib);
        assertThat(document.path("EstimatedMonthlySavingsUsd").asDouble()).isEqualTo(usd);
    }

    @Test
    void eachHandler_printsOneDocument_withItsServiceName_andNoFailures_whenItsRunIsClean() throws IOException {
        for (String function : HANDLERS.keySet()) {
            JsonNode document = runAndReadMetrics(function);

            assertEmfDocument(document, function);
            assertThat(document.path("ActionsFailed").asLong()).as(function).isZero();
        }
    }

    @Test
    void eachHandler_countsARegionItCouldNotRead_inActionsFailed() throws IOException {
        // Every function lists the region's images; denied, the run reports one error for the region.
        sandbox.fault("{\"action\":\"DescribeImages\",\"error\":\"UnauthorizedOperation\"}");
        sandbox.fault("{\"action\":\"DescribeSnapshots\",\"error\":\"UnauthorizedOperation\"}");
        for (String function : HANDLERS.keySet()) {
            JsonNode document = runAndReadMetrics(function);

            assertEmfDocument(document, function);
            assertThat(document.path("ActionsFailed").asLong()).as(function).isPositive();
        }
    }

    /** Namespace, the one dimension set, each metric's name and unit, the Service value and the timestamp. */
    /** Every metric, in the document's order: the values of {@code nonZero}, 0 for the others. */
    private static Map<String, Long> metrics(Map<String, Long> nonZero) {
        assertThat(METRICS).containsAll(nonZero.keySet());
        Map<String, Long> all = new LinkedHashMap<>();
        METRICS.forEach(name -> all.put(name, nonZero.getOrDefault(name, 0L)));
        return all;
    }

    /** The document of {@code report}, checked to be a valid EMF document of its function. */
    private static JsonNode emfDocument(Report report) throws IOException {
        JsonNode document = JSON.readTree(EmbeddedMetrics.document(report, TIMESTAMP));
        assertEmfDocument(document, report.function());
        return document;
    }

    private static void assertEmfDocument(JsonNode document, String function) {
        JsonNode aws = document.path("_aws");
        assertThat(aws.path("Timestamp").isIntegralNumber()).as("Timestamp in epoch millis").isTrue();
        assertThat(aws.path("CloudWatchMetrics")).as(function).hasSize(1);
        JsonNode directive = aws.path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("AmiHousekeeper");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Service\"]]");
        List<String> names = new ArrayList<>();
        directive.path("Metrics").forEach(metric -> {
            assertThat(fieldNames(metric)).containsExactly("Name", "Unit");
            assertThat(metric.path("Unit").asText()).as(metric.path("Name").asText())
                    .isEqualTo(UNITS.getOrDefault(metric.path("Name").asText(), "Count"));
            names.add(metric.path("Name").asText());
        });
        assertThat(names).containsExactlyElementsOf(METRICS);
        assertThat(document.path("Service").asText()).isEqualTo(function);
        List<String> members = new ArrayList<>(List.of("_aws", "Service"));
        members.addAll(METRICS);
        assertThat(fieldNames(document)).containsExactlyInAnyOrderElementsOf(members);
        METRICS.forEach(name -> assertThat(document.path(name).isNumber()).as(name).isTrue());
    }

    private static Map<String, Long> values(JsonNode document) {
        Map<String, Long> values = new LinkedHashMap<>();
        METRICS.forEach(name -> values.put(name, document.path(name).asLong()));
        return values;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ActionResult result(ActionType type, Outcome outcome) {
        return ActionResult.of(TestActions.of(REGION, ResourceType.IMAGE, "ami-0123456789abcdef0", type, "test"),
                outcome, null);
    }

    /**
     * Runs {@code function}'s handler on its schedule event, wired as in Lambda against the sandbox, and returns
     * the one EMF document among what it printed.
     */
    private static JsonNode runAndReadMetrics(String function) throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Dependencies dependencies = new RecordingNotifier().wiredInto(Dependencies.from(
                    Map.of(ConfigLoader.ENVIRONMENT_VARIABLE, POLICY, "AWS_REGION", REGION),
                    sandbox.settings(1)));
            FunctionHandler handler = HANDLERS.get(function).apply(dependencies);
            Invocations.output(handler, Invocations.SCHEDULE);
        } finally {
            System.setOut(original);
        }
        List<JsonNode> documents = new ArrayList<>();
        for (String line : printed.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                documents.add(JSON.readTree(line));
            }
        }
        assertThat(documents).as(function + " prints one EMF document a run").hasSize(1);
        return documents.get(0);
    }
}
