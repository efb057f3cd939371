package dev.amihousekeeping.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.handler.EmbeddedMetrics;
import dev.amihousekeeping.handler.EmbeddedMetrics.Metric;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard of the single-account home stack (cdk.json as it is) names only metrics the functions emit: the
 * namespace, dimension set and metric names are read from the EMF document the functions' code prints
 * ({@link EmbeddedMetrics#document}), and Lambda's Duration of the function itself, under its own timeout.
 */
class HousekeepingDashboardTest {
    private static final String SERVICE_DIMENSION = "Service";

    private static HousekeeperApp.Stacks stacks;
    private static JsonNode template;
    private static JsonNode body;

    @BeforeAll
    static void synth() throws IOException {
        stacks = AppFixture.synth(Map.of());
        template = AppFixture.template(stacks.home());
        List<JsonNode> dashboards = AppFixture.resources(template, "AWS::CloudWatch::Dashboard");
        assertThat(dashboards).as("one dashboard in the home stack").hasSize(1);
        body = AppFixture.JSON.readTree(resolved(dashboards.get(0).path("Properties").path("DashboardBody")));
    }

    @Test
    void everyEmfMetricOnTheDashboard_isOneTheFunctionsPrint_inTheirNamespaceAndDimensionSet() throws IOException {
        Set<String> functions = stacks.home().functions().keySet();
        List<JsonNode> ours = metrics().stream().filter(m -> !m.get(0).asText().equals("AWS/Lambda")).toList();
        assertThat(ours).isNotEmpty();
        for (JsonNode metric : ours) {
            String service = metric.get(3).asText();
            assertThat(functions).as(metric.toString()).contains(service);
            JsonNode emitted = emitted(service);
            JsonNode directive = emitted.path("_aws").path("CloudWatchMetrics").get(0);
            assertThat(metric.get(0).asText()).as(metric.toString()).isEqualTo(directive.path("Namespace").asText());
            List<String> names = new ArrayList<>();
            directive.path("Metrics").forEach(m -> names.add(m.path("Name").asText()));
            assertThat(names).as(metric.toString()).contains(metric.get(1).asText());
            // CloudWatch matches the whole dimension set: exactly the document's one, with the function's value.
            assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"" + SERVICE_DIMENSION + "\"]]");
            assertThat(metric.get(2).asText()).isEqualTo(SERVICE_DIMENSION);
            assertThat(emitted.path(SERVICE_DIMENSION).asText()).isEqualTo(service);
            assertThat(metric.size()).as("no second dimension: " + metric).isEqualTo(5);
        }
    }

    @Test
    void eachFunction_hasTheIssuesFigures_andTheDurationOfItsOwnFunction() {
        for (Map.Entry<String, HousekeepingFunction> function : stacks.home().functions().entrySet()) {
            Set<String> shown = new HashSet<>();
            metrics().stream().filter(m -> m.get(3).asText().equals(function.getKey())).forEach(m -> shown.add(m.get(1).asText()));
            assertThat(shown).as(function.getKey()).containsAll(Stream.of(Metric.IMAGES_DEREGISTERED,
                    Metric.SNAPSHOTS_DELETED, Metric.SNAPSHOT_GIB_FREED, Metric.ESTIMATED_MONTHLY_SAVINGS_USD,
                    Metric.GRANTS_REMOVED, Metric.COPIES_STARTED, Metric.ACTIONS_FAILED, Metric.ACTIONS_DEFERRED)
                    .map(Metric::metricName).toList());
            String ref = "REF:" + AppFixture.logicalId(function.getValue().function());
            assertThat(metrics()).as(function.getKey()).anySatisfy(m -> {
                assertThat(m.get(0).asText()).isEqualTo("AWS/Lambda");
                assertThat(m.get(1).asText()).isEqualTo("Duration");
                assertThat(m.get(2).asText()).isEqualTo("FunctionName");
                assertThat(m.get(3).asText()).isEqualTo(ref);
            });
        }
    }

    @Test
    void eachDurationWidget_drawsItsFunctionsTimeout() {
        int durationWidgets = 0;
        for (JsonNode widget : body.path("widgets")) {
            JsonNode properties = widget.path("properties");
            JsonNode first = properties.path("metrics").path(0);
            if (!first.path(0).asText().equals("AWS/Lambda")) {
                continue;
            }
            durationWidgets++;
            String logicalId = first.get(3).asText().substring("REF:".length());
            long timeoutSeconds = template.path("Resources").path(logicalId).path("Properties").path("Timeout").asLong();
            assertThat(timeoutSeconds).as(logicalId).isPositive();
            JsonNode horizontal = properties.path("annotations").path("horizontal");
            assertThat(horizontal).hasSize(1);
            assertThat(horizontal.get(0).path("value").asDouble()).isEqualTo(timeoutSeconds * 1000.0);
            assertThat(properties.path("yAxis").path("left").path("max").asDouble())
                    .isGreaterThan(timeoutSeconds * 1000.0);
        }
        assertThat(durationWidgets).isEqualTo(stacks.home().functions().size());
    }

    /** The EMF document the functions print for a run of {@code service}. */
    private static JsonNode emitted(String service) throws IOException {
        Report run = Report.empty(service, false, Instant.EPOCH, List.of("us-east-1"));
        return AppFixture.JSON.readTree(EmbeddedMetrics.document(run, 0));
    }

    /** Every metric array of every widget, e.g. {@code ["AmiHousekeeper","ActionsFailed","Service","expiry",{..}]}. */
    private static List<JsonNode> metrics() {
        List<JsonNode> metrics = new ArrayList<>();
        body.path("widgets").forEach(w -> w.path("properties").path("metrics").forEach(metrics::add));
        return metrics;
    }

    /**
     * The dashboard body's {@code Fn::Join} as text, each {@code Ref} written {@code REF:<logicalId>} and any other
     * token {@code TOKEN}, so that it parses as JSON.
     */
    private static String resolved(JsonNode body) {
        if (body.isTextual()) {
            return body.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : body.path("Fn::Join").get(1)) {
            if (part.isTextual()) {
                text.append(part.asText());
            } else if (part.has("Ref")) {
                text.append("REF:").append(part.path("Ref").asText());
            } else {
                text.append("TOKEN");
            }
        }
        return text.toString();
    }
}
