package dev.amihousekeeping.events;

import static dev.amihousekeeping.events.EventSamples.parse;
import static dev.amihousekeeping.events.EventSamples.parseEdited;
import static dev.amihousekeeping.events.EventSamples.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.ResourceType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Schedules, EC2 AMI State Change, other detail-types, and the byte and stream entry points. */
class EventParserScheduleAndStateTest {

    private static final String NEW_AMI = "ami-0c9d8e7f6a5b4c3d2";

    @Test
    void scheduledRun_fromEventBridgeRule() {
        assertThat(parse("scheduled-event.json")).isEqualTo(new ScheduledRun(
                "arn:aws:events:us-east-1:111122223333:rule/ami-housekeeping-public-share-sweep",
                Instant.parse("2026-11-01T03:00:00Z"), "us-east-1", "111122223333"));
    }

    @Test
    void scheduledRun_fromEventBridgeScheduler_whoseDetailIsAString() {
        ScheduledRun run = (ScheduledRun) parse("scheduler-event.json");

        assertThat(run.ruleArn()).isEqualTo("arn:aws:scheduler:us-east-1:111122223333:schedule/default/ami-housekeeping-expiry");
        assertThat(run.time()).isEqualTo(Instant.parse("2026-11-01T03:00:00Z"));
    }

    @Test
    void scheduledRun_withoutResources_hasNoRuleArn() {
        HousekeepingEvent event = parseEdited("scheduled-event.json", e -> {
            e.remove("resources");
            e.remove("region");
            e.remove("account");
        });

        assertThat(event).isEqualTo(new ScheduledRun(null, Instant.parse("2026-11-01T03:00:00Z"), null, null));
    }

    @Test
    void ignored_whenScheduledEventComesFromAnotherSource() {
        assertThat(parseEdited("scheduled-event.json", e -> e.put("source", "my.app")))
                .isEqualTo(new Ignored("Scheduled Event from source my.app not handled"));
    }

    @Test
    void imageStateChanged_whenAvailable() {
        assertThat(parse("ami-state-change-available.json")).isEqualTo(new ImageStateChanged(
                "us-east-1", NEW_AMI, "available", Instant.parse("2026-10-14T09:42:57Z"), null));
    }

    @Test
    void imageStateChanged_whenFailed_carriesEc2sReason() {
        ImageStateChanged changed = (ImageStateChanged) parse("ami-state-change-failed.json");

        assertThat(changed.state()).isEqualTo("failed");
        assertThat(changed.isAvailable()).isFalse();
        assertThat(changed.errorMessage()).contains("KMS key is disabled");
    }

    @Test
    void imageStateChanged_whenDeregistered() {
        assertThat(((ImageStateChanged) parse("ami-state-change-deregistered.json")).state()).isEqualTo("deregistered");
    }

    @Test
    void ignored_whenAmiIsPending() {
        assertThat(parse("ami-state-change-pending.json"))
                .isEqualTo(new Ignored("AMI state pending: not ready yet, its available event follows"));
    }

    @Test
    void ignored_whenAmiStateIsNew() {
        assertThat(parseEdited("ami-state-change-available.json",
                e -> EventSamples.detail(e).put("State", "archived")))
                .isEqualTo(new Ignored("AMI state archived not handled"));
    }

    @Test
    void ignored_whenDetailTypeIsNotOurs() {
        assertThat(parseEdited("ami-state-change-available.json",
                e -> e.put("detail-type", "EC2 Instance State-change Notification")))
                .isEqualTo(new Ignored("detail-type EC2 Instance State-change Notification not handled"));
    }

    @Test
    void ignored_whenCloudTrailEventHasCustomSource() {
        assertThat(parseEdited("modify-image-attribute-public.json", e -> e.put("source", "my.app")))
                .isEqualTo(new Ignored("source my.app is not an AWS service"));
    }

    @Test
    void bytesAndStream_parseLikeText() throws IOException {
        String json = text("modify-image-attribute-public.json");
        HousekeepingEvent fromText = EventParser.parse(json);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertThat(EventParser.parse(bytes)).isEqualTo(fromText);
        assertThat(EventParser.parse(new ByteArrayInputStream(bytes))).isEqualTo(fromText);
        assertThat(fromText).isInstanceOfSatisfying(AttributeChanged.class,
                change -> assertThat(change.resourceType()).isEqualTo(ResourceType.IMAGE));
    }
}
