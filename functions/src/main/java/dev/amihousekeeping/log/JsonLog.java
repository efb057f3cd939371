package dev.amihousekeeping.log;

import dev.amihousekeeping.json.ReportJson;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one structured log of the functions and the CLI: each record is one JSON object on one line, starting with
 * {@code timestamp} (RFC 3339, UTC), {@code level} and {@code message}, then its fields (run id, function, region,
 * resource id, reason...) as keys of their own, written with the report's Jackson mapper so that a log query and a
 * report read the same values. Fields carry ids and reasons only: no event bodies, no credentials.
 *
 * <p>Why this shape: with the function's log format set to JSON, Lambda reads {@code level} from a JSON object that
 * the code writes to stdout and filters on it against the application log level, and uses {@code timestamp} when it
 * is valid RFC 3339; a line without a valid timestamp is taken as INFO whatever its level says
 * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html). So every record carries
 * both, and WARN stays WARN.
 *
 * <p>Why not Powertools logging ({@code powertools-logging-log4j} 2.9.0, DESIGN §3): measured on this project's build
 * machine, its first log line costs 0.9 to 1.3 s more than this one once Jackson is loaded (log4j2's configuration
 * and plugin start-up; this writer adds about 2 ms on top of the Jackson the handler loads anyway), and it brings
 * about 4 MB of jars (log4j-core, log4j-api, the JSON template layout, slf4j, jmespath, joda-time) into the shaded
 * function jar (44 MB without them). The functions need none of its extras (sampling, Lambda context keys: the run id is ours), so a
 * thirty-line writer over the mapper already in the jar is the cheaper cold start.
 */
public final class JsonLog {

    /** The levels Lambda's log-level filtering knows, of those this code uses. */
    public enum Level {
        DEBUG, INFO, WARN, ERROR
    }

    private final Supplier<PrintStream> out;
    private final Clock clock;

    public JsonLog(PrintStream out, Clock clock) {
        this(() -> out, clock);
    }

    private JsonLog(Supplier<PrintStream> out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /**
     * Records on stdout, where Lambda collects them. {@code System.out} is looked up at each write, as a plain
     * {@code System.out.println} would, so that a host that redirects it after start-up still gets the lines.
     */
    public static JsonLog standardOut(Clock clock) {
        return new JsonLog(() -> System.out, clock);
    }

    public Entry info(String message) {
        return entry(Level.INFO, message);
    }

    public Entry warn(String message) {
        return entry(Level.WARN, message);
    }

    public Entry entry(Level level, String message) {
        return new Entry(level, message);
    }

    /** One record being built: add fields in the order they should read, then {@link #write()} it. */
    public final class Entry {

        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Entry(Level level, String message) {
            fields.put("timestamp", clock.instant());
            fields.put("level", level.name());
            fields.put("message", message);
        }

        /** Adds a field; one whose value is null is left out, as in the report. */
        public Entry with(String key, Object value) {
            fields.put(key, value);
            return this;
        }

        public void write() {
            // One println per record so that concurrent writers never interleave within a line.
            out.get().println(ReportJson.writeValue(fields));
        }
    }
}
