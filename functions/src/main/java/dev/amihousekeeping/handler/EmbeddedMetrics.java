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
import java.util.EnumMap;
import java.util.Map;

/**
 * One CloudWatch Embedded Metric Format document per run, printed to stdout where Lambda ships it to CloudWatch
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 * Written with Jackson rather than Powertools metrics: nine values a run need no extra jar on the cold-start path.
 * Namespace {@link #NAMESPACE}, one dimension {@link #DIMENSION} = the function name, as the CDK alarms and the
 * dashboard (infra) read them; they take the names from here.
 */
public final class EmbeddedMetrics {

    public static final String NAMESPACE = "AmiHousekeeper";
    public static final String DIMENSION = "Service";

    /** Every metric of the document, in its order, with its CloudWatch name and unit. */
    public enum Metric {
        IMAGES_DEREGISTERED("ImagesDeregistered"),
        IMAGES_DEPRECATED("ImagesDeprecated"),
        SNAPSHOTS_DELETED("SnapshotsDeleted"),
        GRANTS_REMOVED("GrantsRemoved"),
        COPIES_STARTED("CopiesStarted"),
        /** Failed actions plus errors (a region or target that could not be read): what the alarm watches. */
        ACTIONS_FAILED("ActionsFailed"),
        /** Actions the deadline left for the next run (invariant 15). */
        ACTIONS_DEFERRED("ActionsDeferred"),
        /** Snapshot GiB the run's done actions freed (0 in a dry run, which frees nothing). */
        SNAPSHOT_GIB_FREED("SnapshotGiBFreed"),
        /** The report's estimated monthly saving of what was done, in USD (0 in a dry run). */
        ESTIMATED_MONTHLY_SAVINGS_USD("EstimatedMonthlySavingsUsd");

        private final String metricName;

        Metric(String metricName) {
            this.metricName = metricName;
        }

        /** The name in the document, in CloudWatch and on the dashboard. */
        public String metricName() {
            return metricName;
        }

        /** CloudWatch's unit: Gigabytes for GiB, None for dollars (CloudWatch has no currency), Count for the rest. */
        public String unit() {
            return switch (this) {
                case SNAPSHOT_GIB_FREED -> "Gigabytes";
                case ESTIMATED_MONTHLY_SAVINGS_USD -> "None";
                default -> "Count";
            };
        }
    }

    private final PrintStream out;
    private final Clock clock;

    EmbeddedMetrics(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    void publish(Report report) {
        out.println(document(report, clock.millis()));
    }

    /** Each metric's value for {@code report}, in {@link Metric} order. */
    static Map<Metric, Number> values(Report report) {
        Map<Metric, Number> values = new EnumMap<>(Metric.class);
        values.put(Metric.IMAGES_DEREGISTERED, done(report, ActionType.DEREGISTER));
        values.put(Metric.IMAGES_DEPRECATED, done(report, ActionType.DEPRECATE));
        values.put(Metric.SNAPSHOTS_DELETED, done(report, ActionType.DELETE_SNAPSHOT));
        values.put(Metric.GRANTS_REMOVED, done(report, ActionType.REMOVE_GRANT));
        values.put(Metric.COPIES_STARTED, done(report, ActionType.COPY));
        values.put(Metric.ACTIONS_FAILED, report.count(Outcome.FAILED) + report.errors().size());
        // Left for the next run by the deadline (invariant 15): not a failure, but a run that keeps deferring is
        // one whose timeout or schedule is too short for its account.
        values.put(Metric.ACTIONS_DEFERRED, report.count(Outcome.DEFERRED));
        double saved = report.dryRun() ? 0 : report.estimatedMonthlySavingsUsd();
        // The estimate is whole GiB (volume sizes are whole GiB) times the price, rounded to cents: at USD 0.05
        // a GiB that rounding is exact, so dividing gives the GiB back.
        values.put(Metric.SNAPSHOT_GIB_FREED, Math.round(saved / Report.SNAPSHOT_USD_PER_GIB_MONTH));
        values.put(Metric.ESTIMATED_MONTHLY_SAVINGS_USD, saved);
        return values;
    }

    /** The EMF document for {@code report}: the metrics' definitions under {@code _aws}, their values beside. */
    public static String document(Report report, long timestampMillis) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", timestampMillis);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add(DIMENSION);
        ArrayNode metrics = directive.putArray("Metrics");
        root.put(DIMENSION, report.function());
        values(report).forEach((metric, value) -> {
            String name = metric.metricName();
            metrics.addObject().put("Name", name).put("Unit", metric.unit());
            if (value instanceof Double d) {
                root.put(name, d);
            } else {
                root.put(name, value.longValue());
            }
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
