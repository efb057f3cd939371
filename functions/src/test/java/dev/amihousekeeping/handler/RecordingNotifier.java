package dev.amihousekeeping.handler;

import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.Notifier;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a handler sends to the topic, in order, instead of publishing it. */
final class RecordingNotifier implements Notifier {

    /** One message as SNS would get it. */
    record Sent(String subject, String body) {
    }

    final List<Sent> sent = new ArrayList<>();

    @Override
    public void notify(String subject, String body) {
        sent.add(new Sent(subject, body));
    }

    /** {@code dependencies} as wired, with this notifier in place of the topic's. */
    Dependencies wiredInto(Dependencies dependencies) {
        Housekeeping h = dependencies.housekeeping();
        return new Dependencies(dependencies.config(), dependencies.configError(), dependencies.homeRegion(),
                new Housekeeping(h.gateway(), h.executor(), this, h.clock()), dependencies.clients());
    }

    /** The run summaries among what was sent: public-share's per-finding alerts are not. */
    List<Sent> summaries(String function) {
        return sent.stream().filter(s -> s.subject().startsWith("AMI Housekeeper " + function + " (")).toList();
    }
}
