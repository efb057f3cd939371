package dev.amihousekeeping.run;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.log.JsonLog;
import java.time.Duration;

/**
 * A run's records in the one {@link JsonLog}, fields named as in the report so that a log query and a report read the
 * same way.
 */
final class JsonLinesRunLog implements RunLog {

    private final JsonLog log;

    JsonLinesRunLog(JsonLog log) {
        this.log = log;
    }

    @Override
    public void action(RunRequest run, ActionResult result) {
        header(result.outcome() == Outcome.FAILED ? JsonLog.Level.WARN : JsonLog.Level.INFO, "action", run)
                .with("account", result.account())
                .with("region", result.region())
                .with("resourceType", result.resourceType())
                .with("resourceId", result.resourceId())
                .with("action", result.action())
                .with("reason", result.reason())
                .with("outcome", result.outcome())
                .with("detail", result.detail())
                .write();
    }

    @Override
    public void run(RunRequest run, Report report, Duration took) {
        JsonLog.Entry entry = header(report.hasFailures() ? JsonLog.Level.WARN : JsonLog.Level.INFO, "run", run)
                .with("accounts", report.accounts().isEmpty() ? null : report.accounts())
                .with("regions", report.regions())
                .with("actions", report.actions().size());
        for (Outcome outcome : Outcome.values()) {
            entry.with(outcome.json(), report.count(outcome));
        }
        entry.with("kept", report.kept().size())
                .with("errors", report.errors())
                .with("estimatedMonthlySavingsUsd", report.estimatedMonthlySavingsUsd())
                .with("durationMs", took.toMillis())
                .write();
    }

    private JsonLog.Entry header(JsonLog.Level level, String message, RunRequest run) {
        return log.entry(level, message)
                .with("runId", run.runId())
                .with("function", run.function())
                .with("dryRun", run.dryRun());
    }
}
