package dev.amihousekeeping.run;

/**
 * Tells people what a run found or did: SNS in Lambda, stdout in the CLI. A failed notification is logged by the
 * implementation and never undoes or hides the run's report.
 */
@FunctionalInterface
public interface Notifier {

    void notify(String subject, String body);

    /** Drops notifications: tests and runs that only print their report. */
    static Notifier none() {
        return (subject, body) -> { };
    }
}
