package dev.amihousekeeping.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpiryTagTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "2026-01-31                | 2026-01-31T00:00:00Z",
            "' 2026-01-31 '            | 2026-01-31T00:00:00Z",
            "2024-02-29                | 2024-02-29T00:00:00Z",
            "2026-01-31T12:00:00Z      | 2026-01-31T12:00:00Z",
            "2026-01-31T12:00Z         | 2026-01-31T12:00:00Z",
            "2026-01-31T12:00:00.250Z  | 2026-01-31T12:00:00.250Z",
            "2026-01-31T12:00:00+02:00 | 2026-01-31T10:00:00Z",
            "2026-01-31T01:00:00-05:00 | 2026-01-31T06:00:00Z",
            "2026-01-31t12:00:00z      | 2026-01-31T12:00:00Z",
    })
    void parses_whenValueIsIsoDateOrZonedDateTime(String value, String expected) {
        assertThat(ExpiryTag.parse(value)).contains(Instant.parse(expected));
    }

    @ParameterizedTest(name = "\"{0}\" is invalid")
    @ValueSource(strings = {
            "", "   ", "next-tuesday", "never", "31/01/2026", "01/31/2026", "2026/01/31", "20260131", "2026-1-31",
            "2026-02-30", "2025-02-29", "2026-13-01", "2026-01-31T12:00:00", "2026-01-31 12:00:00Z",
            "2026-01-31T25:00:00Z", "1767225600", "+12026-01-31", "2026-01-31Z", "31 Jan 2026", "2026-01-31T",
    })
    void isInvalid_whenValueIsNotAnIsoDateOrZonedDateTime(String value) {
        assertThat(ExpiryTag.parse(value)).isEmpty();
        assertThat(ExpiryTag.of("DeleteOn", value).isValid()).isFalse();
        assertThat(ExpiryTag.of("DeleteOn", value).isPast(Instant.parse("2100-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void isPast_fromTheStartOfTheDayItNames() {
        ExpiryTag tag = ExpiryTag.of("DeleteOn", "2026-11-01");

        assertThat(tag.isPast(Instant.parse("2026-10-31T23:59:59Z"))).isFalse();
        assertThat(tag.isPast(Instant.parse("2026-11-01T00:00:00Z"))).isTrue();
    }

    @Test
    void on_listsPresentTagsInConfiguredOrder() {
        Image image = ExpiryTestImage.expired("ami-0001")
                .untag("DeleteOn").tag("ExpiryDate", "2026-03-01").tag("DeleteOn", "bad").tag("Other", "x").build();

        List<ExpiryTag> tags = ExpiryTag.on(image, List.of("DeleteOn", "ExpirationDate", "ExpiryDate"));

        assertThat(tags).extracting(ExpiryTag::toString).containsExactly("DeleteOn=bad", "ExpiryDate=2026-03-01");
    }
}
