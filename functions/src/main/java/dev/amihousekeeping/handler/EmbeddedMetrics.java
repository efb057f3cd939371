package dev.amihousekeeping.handler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One CloudWatch Embedded Metric Format document per run, printed to stdout where Lambda ships it to CloudWatch
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 * Written with Jackson rather than Powertools metrics: a few counters a run need no extra jar on the cold-start path.
 * Namespace {@code AmiHousekeeper}, dimension {@code Service} = the function name, as the CDK alarms expect.
 */
final class EmbeddedMetrics {

    static final String NAMESPACE = "AmiHousekeeper";

    private final PrintStream out;
    private final Clock clock;

    EmbeddedMetrics(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    void publish(Report report) {
        out.println(document(report, clock.millis()));
    }

    static Map<String, Long> counts(Report report) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("ImagesDeregistered", done(report, ActionType.DEREGISTER));
        counts.put("ImagesDeprecated", done(report, ActionType.DEPRECATE));
        counts.put("SnapshotsDeleted", done(report, ActionType.DELETE_SNAPSHOT));
        counts.put("GrantsRemoved", done(report, ActionType.REMOVE_GRANT));
        counts.put("CopiesStarted", done(report, ActionType.COPY));
        counts.put("ActionsFailed", report.count(Outcome.FAILED) + report.errors().size());
        // Left for the next run by the deadline (invariant 15): not a failure, but a run that keeps deferring is
        // one whose timeout or schedule is too short for its account.
        counts.put("ActionsDeferred", report.count(Outcome.DEFERRED));
        return counts;
    }

    static String document(Report report, long timestampMillis) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", timestampMillis);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add("Service");
        ArrayNode metrics = directive.putArray("Metrics");
        root.put("Service", report.function());
        counts(report).forEach((name, value) -> {
            metrics.addObject().put("Name", name).put("Unit", "Count");
            root.put(name, value);
        });
        return root.toString();
    }

    private static long done(Report report, ActionType type) {
        return report.actions().stream()
                .filter(a -> a.action() == type && a.outcome() == Outcome.DONE)
                .map(ActionResult::resourceId)
                .count();
    }
}
