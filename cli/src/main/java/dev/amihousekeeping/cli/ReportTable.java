package dev.amihousekeeping.cli;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import java.io.PrintStream;
import java.util.Locale;

/** A {@link Report} for people: what was (or would be) done, what was kept and why, totals and the saving. */
final class ReportTable {

    private final Report report;

    ReportTable(Report report) {
        this.report = report;
    }

    /** The ACCOUNT column appears only for a run over more than one account. */
    private boolean severalAccounts() {
        return report.accounts().size() > 1;
    }

    private String account(String value) {
        return severalAccounts() ? String.format("%-12s  ", value == null ? "" : value) : "";
    }

    void print(PrintStream out) {
        print(out, true);
    }

    /** The actions and totals only: after an apply, the kept list is the dry run's again. */
    void printActions(PrintStream out) {
        print(out, false);
    }

    private void print(PrintStream out, boolean withKept) {
        out.printf("%s%s over %s%s%n", report.function(),
                report.dryRun() ? " (dry-run: nothing changed; --apply to act)" : "", String.join(", ", report.regions()),
                severalAccounts() ? " in accounts " + String.join(", ", report.accounts()) : "");
        if (!report.actions().isEmpty()) {
            out.printf("  %s%-10s  %-28s  %-20s  %-8s  %s%n", account("ACCOUNT"), "REGION", "RESOURCE", "ACTION",
                    "OUTCOME", "REASON");
            for (ActionResult a : report.actions()) {
                out.printf("  %s%-10s  %-28s  %-20s  %-8s  %s%s%n", account(a.account()), a.region(), a.resourceId(),
                        a.action().json(), a.outcome().json(), a.reason(), a.detail() == null ? "" : " [" + a.detail() + "]");
            }
        }
        if (withKept && !report.kept().isEmpty()) {
            out.printf("  %s%-10s  %-28s  %-20s  %-8s  %s%n", account("ACCOUNT"), "REGION", "RESOURCE", "KEPT", "",
                    "REASON");
            for (Kept k : report.kept()) {
                out.printf("  %s%-10s  %-28s  %-20s  %-8s  %s%n", account(k.account()), k.region(), k.resourceId(),
                        k.resourceType().json(), "", k.reason());
            }
        }
        for (RegionError e : report.errors()) {
            out.printf("  ERROR %s%s %s: %s%n", e.account() == null || !severalAccounts() ? "" : e.account() + " ",
                    e.region() == null ? "" : e.region(), e.code(), e.message());
        }
        out.printf(Locale.ROOT, "  %d actions (%d planned, %d done, %d skipped, %d failed), %d kept, %d errors; "
                        + "estimated saving $%.2f/month%n",
                report.actions().size(), report.count(Outcome.PLANNED), report.count(Outcome.DONE),
                report.count(Outcome.SKIPPED), report.count(Outcome.FAILED), report.kept().size(),
                report.errors().size(), report.estimatedMonthlySavingsUsd());
    }
}
