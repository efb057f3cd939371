package dev.amihousekeeping.infra;

import static dev.amihousekeeping.handler.EmbeddedMetrics.Metric.ACTIONS_DEFERRED;
import static dev.amihousekeeping.handler.EmbeddedMetrics.Metric.ACTIONS_FAILED;
import static dev.amihousekeeping.handler.EmbeddedMetrics.Metric.COPIES_STARTED;
import static dev.amihousekeeping.handler.EmbeddedMetrics.Metric.ESTIMATED_MONTHLY_SAVINGS_USD;
import static dev.amihousekeeping.handler.EmbeddedMetrics.Metric.GRANTS_REMOVED;
import static dev.amihousekeeping.handler.EmbeddedMetrics.Metric.IMAGES_DEPRECATED;
import static dev.amihousekeeping.handler.EmbeddedMetrics.Metric.IMAGES_DEREGISTERED;
import static dev.amihousekeeping.handler.EmbeddedMetrics.Metric.SNAPSHOTS_DELETED;
import static dev.amihousekeeping.handler.EmbeddedMetrics.Metric.SNAPSHOT_GIB_FREED;

import dev.amihousekeeping.handler.EmbeddedMetrics;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.SingleValueWidget;
import software.amazon.awscdk.services.cloudwatch.YAxisProps;
import software.constructs.Construct;

/**
 * The home stack's CloudWatch dashboard: a row per function of what it did, read from the metrics the functions
 * emit (functions' handler/EmbeddedMetrics, whose name constants this uses) and from Lambda's own Duration. Each row:
 * totals over the dashboard's time range (AMIs deregistered, snapshots deleted, GiB freed, estimated USD a month
 * saved, grants removed, copies started), those actions an hour, GiB freed and the saving, actions failed, and the
 * longest run against the function's timeout. The functions emit no metric for deferred actions (there is no
 * deferred outcome yet), so the dashboard shows none.
 */
final class HousekeepingDashboard extends Construct {
    private static final Duration PERIOD = Duration.hours(1);
    private static final int FULL_WIDTH = 24;
    private static final int QUARTER = FULL_WIDTH / 4;

    private final Dashboard dashboard;

    HousekeepingDashboard(Construct scope, String id, Map<String, HousekeepingFunction> functions) {
        super(scope, id);
        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(Stack.of(this).getStackName())
                .defaultInterval(Duration.days(7))
                .build();
        functions.forEach((name, function) -> {
            dashboard.addWidgets(totals(name));
            dashboard.addWidgets(actionsDone(name), savings(name), failed(name), duration(name, function));
        });
    }

    private static IWidget totals(String name) {
        return SingleValueWidget.Builder.create()
                .title(name + ": totals over the time range")
                .metrics(List.of(sum(name, IMAGES_DEREGISTERED, "AMIs deregistered"),
                        sum(name, SNAPSHOTS_DELETED, "snapshots deleted"),
                        sum(name, SNAPSHOT_GIB_FREED, "snapshot GiB freed"),
                        sum(name, ESTIMATED_MONTHLY_SAVINGS_USD, "est. USD a month saved"),
                        sum(name, GRANTS_REMOVED, "grants removed"),
                        sum(name, COPIES_STARTED, "copies started")))
                .setPeriodToTimeRange(true)
                .width(FULL_WIDTH).height(3)
                .build();
    }

    private static IWidget actionsDone(String name) {
        return graph(name + ": actions done an hour")
                .left(List.of(sum(name, IMAGES_DEREGISTERED, "AMIs deregistered"),
                        sum(name, IMAGES_DEPRECATED, "AMIs deprecated"),
                        sum(name, SNAPSHOTS_DELETED, "snapshots deleted"),
                        sum(name, GRANTS_REMOVED, "grants removed"),
                        sum(name, COPIES_STARTED, "copies started")))
                .build();
    }

    private static IWidget savings(String name) {
        return graph(name + ": GiB freed, est. USD a month saved")
                .left(List.of(sum(name, SNAPSHOT_GIB_FREED, "snapshot GiB freed")))
                .right(List.of(sum(name, ESTIMATED_MONTHLY_SAVINGS_USD, "est. USD a month saved")))
                .build();
    }

    private static IWidget failed(String name) {
        return graph(name + ": actions failed (and targets not read), and deferred to the next run")
                .left(List.of(sum(name, ACTIONS_FAILED, "failed"), sum(name, ACTIONS_DEFERRED, "deferred")))
                .build();
    }

    /** Lambda's Duration (ms), the longest run of each hour, under a line at the function's timeout. */
    private static IWidget duration(String name, HousekeepingFunction function) {
        double timeoutMs = function.function().getTimeout().toMilliseconds().doubleValue();
        return graph(name + ": duration against timeout")
                .left(List.of(function.function().metricDuration(MetricOptions.builder()
                        .period(PERIOD).statistic("Maximum").label("longest run (ms)").build())))
                .leftAnnotations(List.of(HorizontalAnnotation.builder().value(timeoutMs)
                        .label("timeout " + (long) (timeoutMs / 1000) + " s").color("#d62728").build()))
                .leftYAxis(YAxisProps.builder().min(0).max(timeoutMs * 1.1).showUnits(false).build())
                .build();
    }

    private static GraphWidget.Builder graph(String title) {
        return GraphWidget.Builder.create().title(title).width(QUARTER).height(6);
    }

    private static IMetric sum(String name, EmbeddedMetrics.Metric metric, String label) {
        return HousekeepingFunction.metric(name, metric.metricName(),
                MetricOptions.builder().period(PERIOD).statistic("Sum").label(label).build());
    }

    Dashboard dashboard() {
        return dashboard;
    }
}
