package dev.amihousekeeping.run;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.PublicShareFinding;
import dev.amihousekeeping.core.PublicSharePolicy;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.events.CloudTrailContext;
import dev.amihousekeeping.events.PublicShareAlert;
import dev.amihousekeeping.events.PublicShareAlert.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends one {@link PublicShareAlert} per finding once the run's report is known, so that the alert says what
 * became of the grants: removed (with the grants read back right after the removal), not removed and why (alert
 * mode, dry run, the cap, a re-check), or failed. A sweep that finds more than {@link #MAX_ALERTS_PER_RUN}
 * resources sends that many and one summary of the rest: a mass exposure should page someone once, not flood the
 * topic.
 */
final class PublicShareAlerts {

    static final int MAX_ALERTS_PER_RUN = 25;
    /** Resource ids listed in the summary of the alerts not sent one by one. */
    private static final int MAX_SUMMARY_LINES = 200;

    private final Ec2Gateway gateway;
    private final Notifier notifier;
    private final GrantsAfterApply grantsAfter;

    /** {@code grantsAfter}: the grants the run's applier read last, which the alerts show without reading again. */
    PublicShareAlerts(Ec2Gateway gateway, Notifier notifier, GrantsAfterApply grantsAfter) {
        this.gateway = gateway;
        this.notifier = notifier;
        this.grantsAfter = grantsAfter;
    }

    /** {@code event} is the CloudTrail call behind the findings, or null for the sweep. */
    void send(List<PublicShareFinding> findings, Report report, CloudTrailContext event) {
        List<PublicShareFinding> offending = findings.stream().filter(PublicShareFinding::hasOffendingGrants).toList();
        for (PublicShareFinding finding : offending.subList(0, Math.min(offending.size(), MAX_ALERTS_PER_RUN))) {
            PublicShareAlert alert = alert(finding, report, event);
            notifier.notify(alert.subject(), alert.body());
        }
        if (offending.size() > MAX_ALERTS_PER_RUN) {
            summarize(offending.subList(MAX_ALERTS_PER_RUN, offending.size()), report);
        }
    }

    PublicShareAlert alert(PublicShareFinding finding, Report report, CloudTrailContext event) {
        Optional<ActionResult> action = report.actions().stream()
                .filter(a -> a.action() == ActionType.REMOVE_GRANT && a.resourceId().equals(finding.resourceId())
                        && a.region().equals(finding.region()))
                .findFirst();
        if (action.isEmpty()) {
            boolean alertOnly = report.kept().stream().anyMatch(k -> isAbout(k, finding)
                    && k.reason().startsWith(PublicSharePolicy.KeepReason.ALERT_ONLY));
            return PublicShareAlert.of(finding, alertOnly ? Status.ALERT_ONLY : Status.NOT_REMOVED, event, null,
                    alertOnly ? null : "no removal was planned");
        }
        ActionResult result = action.get();
        return switch (result.outcome()) {
            case PLANNED -> PublicShareAlert.of(finding, Status.DRY_RUN, event, null,
                    "would remove " + PublicShareFinding.describe(finding.offending()));
            case DONE -> PublicShareAlert.of(finding, Status.REMOVED, event, grantsNow(finding), result.detail());
            case FAILED -> PublicShareAlert.of(finding, Status.REMOVAL_FAILED, event, grantsNow(finding),
                    result.detail());
            case SKIPPED, DEFERRED -> PublicShareAlert.of(finding, Status.NOT_REMOVED, event, grantsNow(finding),
                    result.detail());
        };
    }

    /**
     * The grants as the applier read them back after the removal (or in the re-check that skipped it), else read
     * now; null when they cannot be read (the alert then shows none).
     */
    private List<LaunchPermission> grantsNow(PublicShareFinding finding) {
        Optional<List<LaunchPermission>> known = grantsAfter.get(finding.region(), finding.resourceType(),
                finding.resourceId());
        if (known.isPresent()) {
            return known.get();
        }
        try {
            return PublicShareRun.grants(gateway, finding.resourceType(), finding.region(), finding.resourceId());
        } catch (Exception e) {
            return null;
        }
    }

    private void summarize(List<PublicShareFinding> rest, Report report) {
        List<String> lines = new ArrayList<>();
        lines.add(rest.size() + " more resources had public or non-allowlisted grants in this " + report.function()
                + " run (" + (report.dryRun() ? "dry run: nothing removed" : "see the report for each outcome")
                + "):");
        for (PublicShareFinding finding : rest.subList(0, Math.min(rest.size(), MAX_SUMMARY_LINES))) {
            lines.add("  " + finding.region() + " " + finding.resourceType().json() + " " + finding.resourceId()
                    + ": " + finding.reason());
        }
        if (rest.size() > MAX_SUMMARY_LINES) {
            lines.add("  ... and " + (rest.size() - MAX_SUMMARY_LINES) + " more");
        }
        notifier.notify("AMI Housekeeper: " + rest.size() + " more shared AMIs/snapshots found by the sweep",
                String.join("\n", lines) + "\n");
    }

    private static boolean isAbout(Kept kept, PublicShareFinding finding) {
        return kept.resourceId().equals(finding.resourceId()) && kept.region().equals(finding.region());
    }
}
