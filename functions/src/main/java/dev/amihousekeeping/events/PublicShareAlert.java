package dev.amihousekeeping.events;

import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.PublicShareFinding;
import dev.amihousekeeping.core.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The notification for one public-share finding: an SNS subject (one line, at most 100 characters, as SNS
 * requires) and a plain-text body saying which resource, which grants, what became of them, and, when a CloudTrail
 * event is known, who ({@code userIdentity.arn}), from where ({@code sourceIPAddress}), when ({@code eventTime})
 * and the {@code requestID}. A sweep finding has no event; its alert says it was found by the scheduled sweep.
 */
public record PublicShareAlert(String subject, String body) {

    /** SNS rejects longer subjects. */
    public static final int MAX_SUBJECT_LENGTH = 100;
    private static final int MAX_USER_AGENT_LENGTH = 200;

    /** What became of the offending grants, as the alert words it. */
    public enum Status {
        REMOVED("grants removed", "removed; the other grants were left as they were"),
        ALERT_ONLY("alert only", "not removed: publicShare.mode is alert"),
        DRY_RUN("dry run", "not removed: dry run"),
        NOT_REMOVED("not removed", "not removed"),
        REMOVAL_FAILED("removal FAILED", "removal failed");

        private final String subjectWords;
        private final String bodyWords;

        Status(String subjectWords, String bodyWords) {
            this.subjectWords = subjectWords;
            this.bodyWords = bodyWords;
        }
    }

    public PublicShareAlert {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }

    /**
     * Builds the alert. {@code finding} must have offending grants (it is the finding made before any change).
     * {@code event} is the CloudTrail context of the call that shared the resource, or null for a sweep finding.
     * {@code grantsAfter} are the grants re-read after remediation, or null when they were not re-read.
     * {@code detail} adds one line (an error message, why nothing was removed), or null.
     */
    public static PublicShareAlert of(PublicShareFinding finding, Status status, CloudTrailContext event,
                                      List<LaunchPermission> grantsAfter, String detail) {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(status, "status");
        if (!finding.hasOffendingGrants()) {
            throw new IllegalArgumentException("no offending grants on " + finding.resourceId() + ": nothing to alert");
        }
        return new PublicShareAlert(subject(finding, status), body(finding, status, event, grantsAfter, detail));
    }

    private static String subject(PublicShareFinding finding, Status status) {
        String exposure = isPublic(finding) ? "Public " + noun(finding) : capitalized(noun(finding)) + " shared";
        String subject = "AMI Housekeeper: " + exposure + " " + finding.resourceId() + " in " + finding.region()
                + ": " + status.subjectWords;
        return subject.length() <= MAX_SUBJECT_LENGTH ? subject : subject.substring(0, MAX_SUBJECT_LENGTH - 3) + "...";
    }

    private static String body(PublicShareFinding finding, Status status, CloudTrailContext event,
                               List<LaunchPermission> grantsAfter, String detail) {
        List<String> lines = new ArrayList<>();
        lines.add(capitalized(noun(finding)) + " " + finding.resourceId() + " in " + finding.region() + " is "
                + exposure(finding) + ".");
        lines.add("");
        lines.add("Offending grants: " + PublicShareFinding.describe(finding.offending()));
        lines.add("Why: " + finding.reason());
        lines.add("Outcome: " + status.bodyWords);
        List<LaunchPermission> allowed = new ArrayList<>(finding.grants());
        allowed.removeAll(finding.offending());
        lines.add("Allowed grants (never touched): " + PublicShareFinding.describe(allowed));
        if (grantsAfter != null) {
            lines.add("Grants now: " + PublicShareFinding.describe(grantsAfter));
        }
        if (detail != null && !detail.isBlank()) {
            lines.add("Detail: " + detail);
        }
        lines.add("");
        if (event == null) {
            lines.add("Found by the scheduled sweep: no CloudTrail event is at hand, so who shared it, from where "
                    + "and when is not known here. CloudTrail event history (" + modifyCall(finding) + " on "
                    + finding.resourceId() + ") tells.");
        } else {
            lines.add("Who: " + orUnknown(event.userArn())
                    + (event.principalId() == null ? "" : " (principal " + event.principalId() + ")"));
            lines.add("From: " + orUnknown(event.sourceIpAddress())
                    + (event.userAgent() == null ? "" : ", user agent " + cut(event.userAgent())));
            lines.add("When: " + event.eventTime());
            lines.add("Call: " + event.eventName() + " in " + event.awsRegion() + ", request ID "
                    + orUnknown(event.requestId()) + ", event ID " + orUnknown(event.eventId()));
        }
        return String.join("\n", lines) + "\n";
    }

    private static boolean isPublic(PublicShareFinding finding) {
        return finding.offending().stream().anyMatch(LaunchPermission::isPublic);
    }

    private static String exposure(PublicShareFinding finding) {
        boolean beyondAllowlist = finding.offending().stream().anyMatch(grant -> !grant.isPublic());
        if (!isPublic(finding)) {
            return "shared beyond the allowlist";
        }
        return beyondAllowlist ? "public and shared beyond the allowlist" : "public";
    }

    private static String noun(PublicShareFinding finding) {
        return finding.resourceType() == ResourceType.SNAPSHOT ? "snapshot" : "AMI";
    }

    private static String modifyCall(PublicShareFinding finding) {
        return finding.resourceType() == ResourceType.SNAPSHOT ? "ModifySnapshotAttribute" : "ModifyImageAttribute";
    }

    private static String capitalized(String noun) {
        return Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    }

    private static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }

    private static String cut(String userAgent) {
        return userAgent.length() <= MAX_USER_AGENT_LENGTH ? userAgent
                : userAgent.substring(0, MAX_USER_AGENT_LENGTH) + "...";
    }
}
