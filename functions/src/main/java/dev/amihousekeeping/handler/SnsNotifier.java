package dev.amihousekeeping.handler;

import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.log.JsonLog;
import dev.amihousekeeping.run.Notifier;
import java.time.Clock;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Publishes notifications to the deployment's SNS topic. A failed publish is logged and swallowed: the run's
 * report (returned, logged, and counted in metrics) is the record; the alert is a courtesy on top of it.
 */
final class SnsNotifier implements Notifier {

    private final Ec2Clients clients;
    private final String region;
    private final String topicArn;
    private final JsonLog log;

    SnsNotifier(Ec2Clients clients, String region, String topicArn) {
        this(clients, region, topicArn, JsonLog.standardOut(Clock.systemUTC()));
    }

    SnsNotifier(Ec2Clients clients, String region, String topicArn, JsonLog log) {
        this.clients = clients;
        this.region = region;
        this.topicArn = topicArn;
        this.log = log;
    }

    @Override
    public void notify(String subject, String body) {
        String clipped = Notifier.subject(subject);
        try {
            clients.sns(region).publish(b -> b.topicArn(topicArn).subject(clipped).message(body));
        } catch (SdkException e) {
            log.warn("notification not sent").with("topic", topicArn).with("error", e.getClass().getSimpleName()).write();
        }
    }
}
