package dev.amihousekeeping.cli;

import dev.amihousekeeping.config.AwsRegions;
import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The options every function command shares (DESIGN §7). */
final class CommonOptions {

    /** A whole number of seconds, minutes or hours: {@code 90s}, {@code 14m}, {@code 1h}. */
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smh])");

    @Option(names = "--config", paramLabel = "FILE", description = "Policy file (JSON). Default: the built-in defaults.")
    Path config;

    @Option(names = "--regions", split = ",", paramLabel = "a,b",
            description = "Regions to run over. Default: the policy's regions, else AWS_REGION.")
    List<String> regions;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "EC2-compatible endpoint for every AWS client (the sandbox, moto, LocalStack).")
    URI endpoint;

    @Option(names = "--apply", description = "Make the changes. Without it nothing is changed (dry-run).")
    boolean apply;

    @Option(names = "--json", description = "Print the Report as one JSON document instead of a table.")
    boolean json;

    @Option(names = "--now", paramLabel = "ISO", description = "The clock, e.g. 2026-11-01T00:00:00Z (tests, what-ifs).")
    String now;

    @Option(names = "--deadline", paramLabel = "ISO|DURATION",
            description = "Start no action after this point: an ISO instant, or a time from now such as 14m, 90s, 1h"
                    + " (the wall clock, not --now). What is not started is reported deferred.")
    String deadline;

    Config loadConfig() {
        return config == null ? Config.defaults() : ConfigLoader.read(config);
    }

    /** {@code --deadline} as an instant on the wall clock (a duration counts from {@code wallNow}); null: none. */
    Instant deadline(Instant wallNow) {
        if (deadline == null) {
            return null;
        }
        Duration duration = duration(deadline);
        if (duration != null) {
            return wallNow.plus(duration);
        }
        try {
            return Instant.parse(deadline.trim());
        } catch (DateTimeParseException e) {
            throw new BadInputException("--deadline: not an ISO instant (2026-11-01T03:14:00Z) or a duration (14m, 90s,"
                    + " 1h): " + deadline);
        }
    }

    /** {@code 90s}, {@code 14m}, {@code 1h} as a duration; null when {@code text} is not one. */
    static Duration duration(String text) {
        Matcher duration = DURATION.matcher(text.trim());
        if (!duration.matches()) {
            return null;
        }
        long amount = Long.parseLong(duration.group(1));
        return switch (duration.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    Instant clock() {
        if (now == null) {
            return Instant.now();
        }
        try {
            return Instant.parse(now);
        } catch (DateTimeParseException e) {
            throw new BadInputException("--now: not an ISO instant (e.g. 2026-11-01T00:00:00Z): " + now);
        }
    }

    /**
     * --regions, else the policy's regions, else the SDK's default region from the environment. A region given
     * on the command line is checked as the policy's are: an empty or unknown name would otherwise reach the SDK
     * (a crash) or an endpoint that answers anything (a run that silently covers nothing).
     */
    List<String> regions(Config cfg) {
        if (regions != null && !regions.isEmpty()) {
            if (String.join("", regions).isBlank()) {
                throw new BadInputException("--regions: no region named");
            }
            for (String region : regions) {
                if (region.isBlank()) {
                    throw new BadInputException("--regions: an empty region name in '" + String.join(",", regions)
                            + "'");
                }
                if (!AwsRegions.isKnown(region)) {
                    throw new BadInputException("--regions: unknown region '" + region + "'");
                }
            }
            return List.copyOf(regions);
        }
        if (!cfg.regions().isEmpty()) {
            return cfg.regions();
        }
        String env = System.getenv("AWS_REGION");
        if (env == null || env.isBlank()) {
            env = System.getenv("AWS_DEFAULT_REGION");
        }
        if (env == null || env.isBlank()) {
            throw new BadInputException("no region: pass --regions, set \"regions\" in the policy, or set AWS_REGION");
        }
        return List.of(env);
    }
}
