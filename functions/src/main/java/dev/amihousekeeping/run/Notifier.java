package dev.amihousekeeping.run;

import java.util.Set;

/**
 * Tells people what a run found or did: SNS in Lambda, stdout in the CLI. A failed notification is logged by the
 * implementation and never undoes or hides the run's report.
 */
@FunctionalInterface
public interface Notifier {

    /**
     * SNS takes a subject "with no line breaks or control characters, and less than 100 characters long" (Publish
     * API reference); older references and e-mail clients want ASCII too.
     */
    int MAX_SUBJECT = 99;

    /** The IAM action of the deployed notifier, the handler's SnsNotifier (SNS Publish to the topic). */
    Set<String> IAM_ACTIONS = Set.of("sns:Publish");

    void notify(String subject, String body);

    /**
     * {@code text} as a subject SNS accepts: line breaks and control characters become spaces, anything outside
     * printable ASCII becomes {@code ?}, and a subject too long ends in {@code ...}. An AMI name or a reason can
     * carry any of these, and SNS refuses the whole notification for one of them.
     */
    static String subject(String text) {
        StringBuilder ascii = new StringBuilder(text.length());
        text.codePoints().forEach(c -> ascii.append(c < 0x20 || c == 0x7f ? ' ' : c > 0x7e ? '?' : (char) c));
        String clean = ascii.toString().strip();
        if (clean.isEmpty()) {
            return "AMI Housekeeper";
        }
        return clean.length() <= MAX_SUBJECT ? clean : clean.substring(0, MAX_SUBJECT - 3) + "...";
    }

    /** Drops notifications: tests and runs that only print their report. */
    static Notifier none() {
        return (subject, body) -> { };
    }
}
