package dev.amihousekeeping.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.amihousekeeping.core.Report;
import java.io.UncheckedIOException;

/**
 * The one configured Jackson mapper for what the functions write: the {@link Report} (CLI {@code --json}, the
 * Lambda return value) and the JSON log lines. Instants are ISO-8601 strings ({@code 2026-11-01T00:00:00Z}),
 * absent values are left out rather than written as {@code null}, and unknown keys on read are an error so that
 * a report written by another version is not silently misread.
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // NON_NULL for map values too (log lines are maps), not only for record components.
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .build();

    private ReportJson() {
    }

    /** The shared mapper; thread-safe once configured, so share it rather than building another. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The report as one compact JSON document, keys in DESIGN §7 order. */
    public static String write(Report report) {
        return writeValue(report);
    }

    /** Reads a report written by {@link #write}. */
    public static Report read(String json) {
        try {
            return MAPPER.readValue(json, Report.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a report: " + e.getOriginalMessage(), e);
        }
    }

    /** Any value (a log line, a plan) as compact JSON with the same conventions as the report. */
    public static String writeValue(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
