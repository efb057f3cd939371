package dev.amihousekeeping.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One expiry tag found on an image ({@code DeleteOn=2026-01-31}) and the instant its value means.
 *
 * <p>Accepted values, after trimming surrounding blanks:
 * <ul>
 *   <li>an ISO date {@code 2026-01-31}: "delete on that day", so the image expires at 2026-01-31T00:00Z;</li>
 *   <li>an ISO date-time with {@code Z} or an offset: {@code 2026-01-31T12:00:00Z}, {@code 2026-01-31T12:00+02:00}.</li>
 * </ul>
 * Anything else (a date-time without zone, {@code 31/01/2026}, {@code 2026-02-30}, {@code next-tuesday}, epoch
 * seconds) is invalid: {@code expiresAt} is null and the policy keeps the image rather than guess what was meant.
 */
public record ExpiryTag(String key, String value, Instant expiresAt) {

    // A four-digit year first: the JDK parsers would also take "+12026-01-31", which no person means.
    private static final Pattern ISO_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([Tt].+)?");

    public ExpiryTag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** The tag {@code key=value}, parsed. */
    public static ExpiryTag of(String key, String value) {
        return new ExpiryTag(key, value, parse(value).orElse(null));
    }

    /** The expiry tags present on {@code image}, in the order of {@code keys} (the configured precedence). */
    public static List<ExpiryTag> on(Image image, List<String> keys) {
        List<ExpiryTag> found = new ArrayList<>();
        for (String key : keys) {
            image.tag(key).ifPresent(value -> found.add(of(key, value)));
        }
        return found;
    }

    /** The instant a tag value means, or empty when it is not one of the accepted forms. */
    public static Optional<Instant> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.strip();
        if (!ISO_SHAPE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            if (text.length() == 10) {
                return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public boolean isValid() {
        return expiresAt != null;
    }

    /** True when the value is valid and its instant has come. */
    public boolean isPast(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** {@code DeleteOn=2026-01-31}, as it appears in reasons. */
    @Override
    public String toString() {
        return key + "=" + value;
    }
}
