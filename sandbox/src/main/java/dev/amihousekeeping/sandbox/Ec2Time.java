package dev.amihousekeeping.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** EC2's timestamp format on the wire ({@code 2026-10-01T00:00:00.000Z}) and parsing of request timestamps. */
final class Ec2Time {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Ec2Time() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    static Instant parse(String parameter, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Ec2Error.invalidValue("Value (" + value + ") for parameter " + parameter
                    + " is invalid. Expected an ISO 8601 timestamp such as 2026-11-01T00:00:00Z.");
        }
    }
}
