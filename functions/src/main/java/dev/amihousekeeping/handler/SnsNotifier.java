package dev.amihousekeeping.handler;

import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.run.Notifier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Publishes notifications to the deployment's SNS topic. A failed publish is logged and swallowed: the run's
 * report (returned, logged, and counted in metrics) is the record; the alert is a courtesy on top of it.
 */
final class SnsNotifier implements Notifier {

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
        String clipped = Notifier.subject(subject);
        try {
            clients.sns(region).publish(b -> b.topicArn(topicArn).subject(clipped).message(body));
        } catch (SdkException e) {
            System.out.println("{\"level\":\"WARN\",\"message\":\"notification not sent\",\"topic\":\""
                    + topicArn + "\",\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }
}
