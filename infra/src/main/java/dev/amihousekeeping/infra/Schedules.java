package dev.amihousekeeping.infra;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * EventBridge schedule expressions for the four scheduled runs (context {@code schedules}). Times are UTC, as
 * EventBridge rules read them.
 */
public record Schedules(String expiry, String orphanSnapshots, String publicShareSweep, String copyCatchUp) {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\(\\S+( \\S+){5}\\)");

    public static final Schedules DEFAULTS =
            new Schedules("cron(0 3 * * ? *)", "cron(30 3 * * ? *)", "cron(0 4 * * ? *)", "rate(6 hours)");

    public Schedules {
        check("expiry", expiry);
        check("orphanSnapshots", orphanSnapshots);
        check("publicShareSweep", publicShareSweep);
        check("copyCatchUp", copyCatchUp);
    }

    /** The defaults, with the keys that {@code overrides} names replaced; an unknown key is an error. */
    static Schedules withOverrides(Map<String, ?> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(Map.of(
                "expiry", DEFAULTS.expiry, "orphanSnapshots", DEFAULTS.orphanSnapshots,
                "publicShareSweep", DEFAULTS.publicShareSweep, "copyCatchUp", DEFAULTS.copyCatchUp));
        overrides.forEach((key, value) -> {
            if (!merged.containsKey(key)) {
                throw new InvalidSettingsException("context schedules." + key
                        + " is not a schedule; known: expiry, orphanSnapshots, publicShareSweep, copyCatchUp");
            }
            if (!(value instanceof String expression)) {
                throw new InvalidSettingsException("context schedules." + key + " must be a string like \"rate(1 day)\"");
            }
            merged.put(key, expression.trim());
        });
        return new Schedules(merged.get("expiry"), merged.get("orphanSnapshots"),
                merged.get("publicShareSweep"), merged.get("copyCatchUp"));
    }

    /** How often a {@code rate(...)} expression starts a run; empty for a cron expression. */
    static Optional<Duration> rateInterval(String expression) {
        var rate = RATE.matcher(expression);
        if (!rate.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(rate.group(1));
        return Optional.of(switch (rate.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(amount);
            case "hour", "hours" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }

    private static void check(String key, String expression) {
        var rate = expression == null ? null : RATE.matcher(expression);
        boolean valid = rate != null && rate.matches()
                ? Integer.parseInt(rate.group(1)) > 0 && (rate.group(1).equals("1") != rate.group(2).endsWith("s"))
                : expression != null && CRON.matcher(expression).matches();
        if (!valid) {
            throw new InvalidSettingsException("context schedules." + key + " = \"" + expression
                    + "\" is not an EventBridge schedule: use rate(1 day), rate(6 hours) or cron(min hour dom month dow year)");
        }
    }
}
