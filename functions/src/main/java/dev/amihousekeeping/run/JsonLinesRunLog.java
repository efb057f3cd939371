package dev.amihousekeeping.run;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.json.ReportJson;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes each log record as one JSON object on one line, fields named as in the report so that a log query and a
 * report read the same way. Carries ids and reasons only: no event bodies, no credentials.
 */
final class JsonLinesRunLog implements RunLog {

    private final PrintStream out;
    private final Clock clock;

    JsonLinesRunLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void action(RunRequest run, ActionResult result) {
        Map<String, Object> line = header(result.outcome() == Outcome.FAILED ? "WARN" : "INFO", "action", run);
        line.put("region", result.region());
        line.put("resourceType", result.resourceType());
        line.put("resourceId", result.resourceId());
        line.put("action", result.action());
        line.put("reason", result.reason());
        line.put("outcome", result.outcome());
        line.put("detail", result.detail());
        write(line);
    }

    @Override
    public void run(RunRequest run, Report report, Duration took) {
        Map<String, Object> line = header(report.hasFailures() ? "WARN" : "INFO", "run", run);
        line.put("regions", report.regions());
        line.put("actions", report.actions().size());
        for (Outcome outcome : Outcome.values()) {
            line.put(outcome.json(), report.count(outcome));
        }
        line.put("kept", report.kept().size());
        line.put("errors", report.errors());
        line.put("estimatedMonthlySavingsUsd", report.estimatedMonthlySavingsUsd());
        line.put("durationMs", took.toMillis());
        write(line);
    }

    private Map<String, Object> header(String level, String message, RunRequest run) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", clock.instant());
        line.put("level", level);
        line.put("message", message);
        line.put("runId", run.runId());
        line.put("function", run.function());
        line.put("dryRun", run.dryRun());
        return line;
    }

    private void write(Map<String, Object> line) {
        // One println per record so that concurrent writers never interleave within a line.
        out.println(ReportJson.writeValue(line));
    }
}
