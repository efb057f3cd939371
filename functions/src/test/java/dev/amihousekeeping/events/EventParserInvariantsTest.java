package dev.amihousekeeping.events;

import static dev.amihousekeeping.events.EventSamples.detail;
import static dev.amihousekeeping.events.EventSamples.parse;
import static dev.amihousekeeping.events.EventSamples.parseEdited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §6 invariant 8 (and the parsing half of 11): a bad event, a failed call the event describes, an unknown
 * event name, an unparseable date are reported with a reason, never acted on by guess, and never thrown.
 */
class EventParserInvariantsTest {

    static Stream<Arguments> malformedEvents() {
        return EventParserInvalidInputTest.malformedEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedEvents")
    void invariant8_invalidEvent_isReportedNotThrown(String name, String json, String expectedReason) {
        AtomicReference<HousekeepingEvent> parsed = new AtomicReference<>();

        assertThatCode(() -> parsed.set(EventParser.parse(json))).doesNotThrowAnyException();

        assertThat(parsed.get()).isInstanceOf(Invalid.class);
        assertThat(((Invalid) parsed.get()).reason()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Client.UnauthorizedOperation", "Client.InvalidAMIID.NotFound", "Server.InternalError",
            "Client.InvalidParameterValue"})
    void invariant8_failedCall_isIgnoredNotActedOn(String errorCode) {
        HousekeepingEvent event = parseEdited("modify-image-attribute-public.json",
                e -> detail(e).put("errorCode", errorCode).put("errorMessage", "the call failed"));

        assertThat(event).isEqualTo(new Ignored("errorCode " + errorCode + ": the call failed, nothing changed"));
    }

    @Test
    void invariant8_failedCreateImage_stampsNothing() {
        HousekeepingEvent event = parseEdited("create-image.json",
                e -> detail(e).put("errorCode", "Client.InvalidInstanceID.NotFound").putNull("responseElements"));

        assertThat(event).isEqualTo(
                new Ignored("errorCode Client.InvalidInstanceID.NotFound: the call failed, nothing changed"));
    }

    @Test
    void invariant8_unknownEventName_isIgnoredNotGuessed() {
        HousekeepingEvent event = parseEdited("modify-image-attribute-public.json",
                e -> detail(e).put("eventName", "ResetImageAttribute"));

        assertThat(event).isEqualTo(new Ignored("unknown eventName ResetImageAttribute"));
    }

    @Test
    void invariant8_unparseableDate_isReported_notReplacedByAnotherTime() {
        HousekeepingEvent event = parseEdited("modify-image-attribute-public.json",
                e -> detail(e).put("eventTime", "14/10/2026 09:31"));

        assertThat(event).isEqualTo(new Invalid("detail.eventTime '14/10/2026 09:31' is not an ISO-8601 time"));
    }

    @Test
    void invariant8_longJunkValues_areCutShortInTheReason() {
        String junk = "x".repeat(10_000);
        HousekeepingEvent event = parseEdited("modify-image-attribute-public.json",
                e -> EventSamples.requestParameters(e).put("imageId", junk));

        assertThat(((Invalid) event).reason()).hasSizeLessThan(200);
    }

    @Test
    void everySample_parsesToAnEventOrAReasonedIgnore_neverInvalid() {
        for (String sample : EventSamples.all()) {
            HousekeepingEvent event = parse(sample);
            assertThat(event).as(sample).isNotInstanceOf(Invalid.class);
            if (event instanceof Ignored ignored) {
                assertThat(ignored.reason()).as(sample).isNotBlank();
            }
        }
    }
}
