package dev.amihousekeeping.run;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one summary notification of a run (DESIGN §2: report -> log, metrics, notification), which the Lambda
 * handler sends for every function: when a run is news, and what a person reads first. Scheduled runs are news
 * when they planned or did anything or met an error (no daily "nothing to do"); event-driven runs only when an
 * action failed or an error was met (a routine copy or tag is not news); {@code public-share} only on errors, since
 * each of its findings already has its own alert ({@link PublicShareAlerts}). A plan held back by
 * {@code maxActionsPerRun} (invariant 5) is always news and leads the body.
 */
public record RunNotice(String subject, String body) {

    /** SNS takes subjects of ASCII text, without line breaks, under 100 characters ({@link Notifier#subject}). */
    static final int MAX_SUBJECT = Notifier.MAX_SUBJECT;
    /** Errors, failed actions and actions listed; the rest are counted, and the report in the log has them all. */
    static final int MAX_ERRORS = 50;
    static final int MAX_FAILED = 10;
    static final int MAX_ACTIONS = 50;
    /**
     * Characters of one listed item: with the caps above it keeps a body of four-byte characters under SNS's
     * 256 KB message limit, and a person reads the first line of a long message anyway.
     */
    static final int MAX_LINE = 300;

    public RunNotice {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }

    /** The notice for {@code report}, or empty when it is not news; {@code eventDriven}: not run by a schedule. */
    public static Optional<RunNotice> of(Report report, boolean eventDriven) {
        if (!isNews(report, eventDriven)) {
            return Optional.empty();
        }
        return Optional.of(new RunNotice(subject(report), body(report)));
    }

    private static boolean isNews(Report report, boolean eventDriven) {
        boolean errors = !report.errors().isEmpty();
        if (PublicShareRun.NAME.equals(report.function())) {
            return errors;
        }
        if (eventDriven) {
            return errors || report.count(Outcome.FAILED) > 0;
        }
        return errors || !report.actions().isEmpty();
    }

    private static String subject(Report report) {
        String counts;
        if (capExceeded(report)) {
            counts = report.actions().size() + " actions over maxActionsPerRun, nothing applied";
        } else {
            List<String> parts = new ArrayList<>();
            for (Outcome outcome : List.of(Outcome.PLANNED, Outcome.DONE, Outcome.SKIPPED, Outcome.DEFERRED)) {
                if (report.count(outcome) > 0) {
                    parts.add(report.count(outcome) + " " + outcome.json());
                }
            }
            parts.add(report.count(Outcome.FAILED) + " failed");
            int errors = report.errors().size();
            if (errors > 0) {
                parts.add(errors + (errors == 1 ? " error" : " errors"));
            }
            counts = String.join(", ", parts);
        }
        return Notifier.subject("AMI Housekeeper " + report.function() + " (" + mode(report) + "): " + counts);
    }

    private static String body(Report report) {
        List<String> lines = new ArrayList<>();
        lines.add("AMI Housekeeper run summary");
        lines.add(clip("Function: " + report.function()));
        lines.add("Mode: " + (report.dryRun() ? "dry run, nothing was changed" : "applied"));
        lines.add(clip("Regions: " + String.join(", ", report.regions())));
        lines.add("Started at: " + report.startedAt());
        if (capExceeded(report)) {
            lines.add("");
            lines.add("Nothing was applied: the plan has more actions than maxActionsPerRun. Read the plan below "
                    + "before you raise the cap.");
        }
        lines.add("");
        lines.add("Actions: " + report.actions().size() + counts(report.actions()));
        for (ActionType type : ActionType.values()) {
            List<ActionResult> ofType = report.actions().stream().filter(a -> a.action() == type).toList();
            if (!ofType.isEmpty()) {
                lines.add("  " + type.json() + ": " + ofType.size() + counts(ofType));
            }
        }
        lines.add("Kept: " + report.kept().size());
        lines.add(String.format(Locale.ROOT, "Estimated monthly saving: USD %.2f",
                report.estimatedMonthlySavingsUsd()));
        errors(report, lines);
        List<ActionResult> failed = report.actions().stream().filter(a -> a.outcome() == Outcome.FAILED).toList();
        section(lines, "Failed actions", failed, MAX_FAILED, RunNotice::failedLine, "more failed actions");
        section(lines, "Actions", report.actions(), MAX_ACTIONS, RunNotice::actionLine,
                "more: the full report is in the function's log group");
        return String.join("\n", lines) + "\n";
    }

    /** Every error, the cap's first: it says why nothing happened to the actions listed after it. */
    private static void errors(Report report, List<String> lines) {
        List<RegionError> errors = report.errors().stream()
                .sorted(Comparator.comparing(e -> !Executor.MAX_ACTIONS_EXCEEDED.equals(e.code())))
                .toList();
        section(lines, "Errors", errors, MAX_ERRORS, e -> (e.region() == null ? "" : e.region() + " ")
                + e.code() + ": " + e.message(), "more errors");
    }

    private static <T> void section(List<String> lines, String title, List<T> items, int max,
                                    Function<T, String> line, String more) {
        if (items.isEmpty()) {
            return;
        }
        lines.add("");
        lines.add(title + " (" + items.size() + "):");
        for (T item : items.subList(0, Math.min(items.size(), max))) {
            lines.add(clip("  - " + line.apply(item)));
        }
        if (items.size() > max) {
            lines.add("  ... and " + (items.size() - max) + " " + more);
        }
    }

    private static String failedLine(ActionResult a) {
        return a.region() + " " + a.resourceId() + " " + type(a) + ": " + Objects.toString(a.detail(), "no detail");
    }

    private static String actionLine(ActionResult a) {
        String outcome = a.outcome() == null ? "-" : a.outcome().json();
        return a.region() + " " + a.resourceId() + ": " + type(a) + " " + outcome + "; reason: " + a.reason()
                + (a.detail() == null ? "" : "; detail: " + a.detail());
    }

    private static String type(ActionResult a) {
        return a.action() == null ? "-" : a.action().json();
    }

    /** {@code " (12 planned, 1 failed)"}: the outcomes that occur, in the enum's order. */
    private static String counts(List<ActionResult> actions) {
        List<String> parts = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            long n = actions.stream().filter(a -> a.outcome() == outcome).count();
            if (n > 0) {
                parts.add(n + " " + outcome.json());
            }
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static boolean capExceeded(Report report) {
        return report.errors().stream().anyMatch(e -> Executor.MAX_ACTIONS_EXCEEDED.equals(e.code()));
    }

    private static String mode(Report report) {
        return report.dryRun() ? "dry run" : "applied";
    }

    /** One line of at most {@link #MAX_LINE} characters: a reason or an EC2 message can carry line breaks. */
    private static String clip(String line) {
        String flat = line.replaceAll("\\p{Cntrl}", " ");
        if (flat.codePointCount(0, flat.length()) <= MAX_LINE) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, MAX_LINE - 3)) + "...";
    }
}
