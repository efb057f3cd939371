package dev.amihousekeeping.handler;

import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.run.Notifier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Publishes notifications to the deployment's SNS topic. A failed publish is logged and swallowed: the run's
 * report (returned, logged, and counted in metrics) is the record; the alert is a courtesy on top of it.
 */
final class SnsNotifier implements Notifier {

    /**
     * SNS takes a subject "with no line breaks or control characters, and less than 100 characters long" (Publish
     * API reference); older references and e-mail clients want ASCII too.
     */
    static final int MAX_SUBJECT = 99;

    private final Ec2Clients clients;
    private final String region;
    private final String topicArn;

    SnsNotifier(Ec2Clients clients, String region, String topicArn) {
        this.clients = clients;
        this.region = region;
        this.topicArn = topicArn;
    }

    @Override
    public void notify(String subject, String body) {
        String clipped = subject(subject);
        try {
            clients.sns(region).publish(b -> b.topicArn(topicArn).subject(clipped).message(body));
        } catch (SdkException e) {
            System.out.println("{\"level\":\"WARN\",\"message\":\"notification not sent\",\"topic\":\""
                    + topicArn + "\",\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    /**
     * {@code subject} as SNS accepts it: line breaks and control characters become spaces, anything outside
     * printable ASCII becomes {@code ?}, and a subject too long ends in {@code ...}. An AMI name or a reason can
     * carry any of these, and SNS refuses the whole notification for one of them.
     */
    static String subject(String subject) {
        StringBuilder ascii = new StringBuilder(subject.length());
        subject.codePoints().forEach(c -> ascii.append(c < 0x20 || c == 0x7f ? ' ' : c > 0x7e ? '?' : (char) c));
        String clean = ascii.toString().strip();
        if (clean.isEmpty()) {
            return "AMI Housekeeper";
        }
        return clean.length() <= MAX_SUBJECT ? clean : clean.substring(0, MAX_SUBJECT - 3) + "...";
    }
}
