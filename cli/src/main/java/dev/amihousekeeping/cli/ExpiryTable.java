package dev.amihousekeeping.cli;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.Inventory;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.Snapshot;
import dev.amihousekeeping.run.ExpiryRun;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An expiry {@link Report} for people (issue: region, AMI, name, age, action, reason): every AMI the run
 * considered, the ones it acts on and the ones it keeps, each with its reason; then notes, errors, totals and
 * the estimated monthly saving (snapshot GiB x $0.05). Names and ages come from the inventories the run read.
 */
final class ExpiryTable {

    private static final String ROW = "  %s%-10s  %-21s  %-24s  %5s  %-20s  %s%n";
    private static final String CONTINUED = "  %s%-10s  %-21s  %-24s  %5s  %-20s  -> %s%n";

    private final ExpiryRun.Result result;

    ExpiryTable(ExpiryRun.Result result) {
        this.result = result;
    }

    /** One line of the table: an action or a kept AMI. */
    private record Row(String account, String region, String imageId, String action, String reason, String detail,
                       boolean deregisters) {
    }

    /** The ACCOUNT column, only for a run over more than one account. */
    private String account(String value) {
        return result.report().accounts().size() > 1 ? String.format("%-12s  ", value == null ? "" : value) : "";
    }

    /** The whole table: every AMI, notes, errors, totals. */
    void print(PrintStream out) {
        Report report = result.report();
        printTitle(report, out);
        List<Row> rows = rows(report);
        if (!rows.isEmpty()) {
            out.printf(ROW, account("ACCOUNT"), "REGION", "AMI", "NAME", "AGE", "ACTION", "REASON");
        }
        for (Row row : rows) {
            Optional<Image> image = result.image(row.region(), row.imageId());
            out.printf(ROW, account(row.account()), row.region(), row.imageId(), clip(image.map(Image::name).orElse(null), 24),
                    image.map(i -> age(i, report.startedAt())).orElse("-"), row.action(), row.reason());
            if (row.detail() != null) {
                out.printf(CONTINUED, account(null), "", "", "", "", "", row.detail());
            }
            if (row.deregisters()) {
                sharedSnapshots(row).ifPresent(kept -> out.printf(CONTINUED, account(null), "", "", "",
                        "", "", kept));
            }
        }
        printSummary(report, out);
    }

    /** Title, the actions only, notes, errors and totals: for a second look at a run whose AMIs were all shown. */
    void printActions(PrintStream out) {
        Report report = result.report();
        printTitle(report, out);
        for (ActionResult a : report.actions()) {
            out.printf("  %s%-10s  %-21s  %-24s  %-20s  %s%n", account(a.account()), a.region(), a.resourceId(),
                    clip(result.image(a.region(), a.resourceId()).map(Image::name).orElse(null), 24),
                    a.action().json() + " (" + a.outcome().json() + ")", a.detail() == null ? "" : a.detail());
        }
        printSummary(report, out);
    }

    private static void printTitle(Report report, PrintStream out) {
        out.printf("expiry%s over %s%s, now %s%n",
                report.dryRun() ? " (dry-run: nothing changed; --apply to act)" : "",
                String.join(", ", report.regions()),
                report.accounts().size() > 1 ? " in accounts " + String.join(", ", report.accounts()) : "",
                report.startedAt().truncatedTo(ChronoUnit.SECONDS));
    }

    private void printSummary(Report report, PrintStream out) {
        for (Kept note : report.kept()) {
            if (note.resourceType() != ResourceType.IMAGE) {
                out.printf("  note %s%s: %s%n", account(note.account()), note.region(), note.reason());
            }
        }
        for (RegionError e : report.errors()) {
            out.printf("  ERROR %s%s%s: %s%n", e.account() == null ? "" : account(e.account()),
                    e.region() == null ? "" : e.region() + " ", e.code(), e.message());
        }
        printTotals(report, out);
    }

    /** Actions and kept AMIs together, by region in run order, then by AMI name, so a lineage reads as one block. */
    private List<Row> rows(Report report) {
        List<Row> rows = new ArrayList<>();
        for (ActionResult a : report.actions()) {
            rows.add(new Row(a.account(), a.region(), a.resourceId(), a.action().json() + " (" + a.outcome().json() + ")",
                    a.reason(), a.detail(), a.action() == ActionType.DEREGISTER));
        }
        for (Kept k : report.kept()) {
            if (k.resourceType() == ResourceType.IMAGE) {
                rows.add(new Row(k.account(), k.region(), k.resourceId(), "keep", k.reason(), null, false));
            }
        }
        List<String> regions = report.regions();
        List<String> accounts = report.accounts();
        rows.sort(Comparator.<Row>comparingInt(r -> accounts.indexOf(r.account()))
                .thenComparingInt(r -> regions.indexOf(r.region()))
                .thenComparing(r -> result.image(r.region(), r.imageId()).map(Image::name).orElse(""))
                .thenComparing(Row::imageId));
        return rows;
    }

    /**
     * The snapshots of a deregistered AMI that stay: another AMI of the inventory uses them (invariant 3), or
     * another account owns them. The report's actions carry no parameters, so they are read off the inventory the
     * plan was made from.
     */
    private Optional<String> sharedSnapshots(Row row) {
        Optional<Inventory> inventory = result.inventories().stream()
                .filter(i -> i.region().equals(row.region()))
                .filter(i -> row.account() == null || i.accountId() == null || row.account().equals(i.accountId()))
                .findFirst();
        Optional<Image> image = result.image(row.region(), row.imageId());
        if (inventory.isEmpty() || image.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Set<String>> users = inventory.get().imagesBySnapshot();
        Set<String> owned = inventory.get().snapshots().stream().map(Snapshot::snapshotId).collect(Collectors.toSet());
        List<String> kept = new ArrayList<>();
        for (String snapshotId : new LinkedHashSet<>(image.get().snapshotIds())) {
            Set<String> others = new TreeSet<>(users.getOrDefault(snapshotId, Set.of()));
            others.remove(row.imageId());
            if (!others.isEmpty()) {
                kept.add(snapshotId + " (also used by " + String.join(", ", others) + ")");
            } else if (!owned.contains(snapshotId)) {
                kept.add(snapshotId + " (owned by another account)");
            }
        }
        return kept.isEmpty() ? Optional.empty() : Optional.of("keeps snapshot " + String.join("; ", kept));
    }

    private static void printTotals(Report report, PrintStream out) {
        Map<ActionType, Long> byType = new EnumMap<>(ActionType.class);
        report.actions().forEach(a -> byType.merge(a.action(), 1L, Long::sum));
        List<String> types = new ArrayList<>();
        byType.forEach((type, count) -> types.add(count + " " + type.json()));
        long images = report.kept().stream().filter(k -> k.resourceType() == ResourceType.IMAGE).count();
        out.printf(Locale.ROOT, "  Totals: %d AMIs considered; %d actions%s (%d planned, %d done, %d skipped, "
                        + "%d failed); %d kept; %d errors%n",
                report.actions().size() + images, report.actions().size(),
                types.isEmpty() ? "" : ": " + String.join(", ", types), report.count(Outcome.PLANNED),
                report.count(Outcome.DONE), report.count(Outcome.SKIPPED), report.count(Outcome.FAILED), images,
                report.errors().size());
        double gib = report.estimatedMonthlySavingsUsd() / Report.SNAPSHOT_USD_PER_GIB_MONTH;
        out.printf(Locale.ROOT, "  Estimated monthly saving: $%.2f (%.0f GiB of snapshots x $%.2f/GiB-month)%n",
                report.estimatedMonthlySavingsUsd(), gib, Report.SNAPSHOT_USD_PER_GIB_MONTH);
    }

    /** Whole days since creation, e.g. {@code 153d}; {@code -} when EC2 gave no creation date. */
    private static String age(Image image, Instant now) {
        return image.creationDate() == null ? "-" : Duration.between(image.creationDate(), now).toDays() + "d";
    }

    private static String clip(String s, int width) {
        if (s == null || s.isEmpty()) {
            return "-";
        }
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
