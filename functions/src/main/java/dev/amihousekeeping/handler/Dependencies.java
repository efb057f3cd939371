package dev.amihousekeeping.handler;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigException;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.Notifier;
import dev.amihousekeeping.run.RunLog;
import dev.amihousekeeping.run.SweepCursor;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The wiring of a Lambda execution environment, built once in the handler's constructor (the init phase, which
 * SnapStart snapshots) and never per invocation: the policy from {@code HOUSEKEEPING_CONFIG}, the clients, the
 * executor and the SNS notifier. An invalid policy does not fail init (that would crash-loop every invocation
 * with a stack trace): it is kept as {@code configError} and each invocation reports it and changes nothing.
 * {@code clients} (those inside {@code housekeeping}) is what SnapStart priming builds the home region's client
 * in; null in tests that wire their own.
 */
public record Dependencies(Config config, String configError, String homeRegion, Housekeeping housekeeping,
                           Ec2Clients clients) {

    public static final String TOPIC_VARIABLE = "NOTIFY_TOPIC_ARN";
    /**
     * The SDK's endpoint override for every service
     * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html).
     */
    static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";

    /** Wiring without clients to prime (tests that bring their own housekeeping). */
    public Dependencies(Config config, String configError, String homeRegion, Housekeeping housekeeping) {
        this(config, configError, homeRegion, housekeeping, null);
    }

    /** The real thing, from the Lambda environment. */
    public static Dependencies fromEnvironment() {
        return from(System.getenv(), ClientSettings.defaults());
    }

    static Dependencies from(Map<String, String> env, ClientSettings settings) {
        Config config = null;
        String error = null;
        try {
            config = ConfigLoader.fromEnvironment(env.get(ConfigLoader.ENVIRONMENT_VARIABLE));
        } catch (ConfigException e) {
            error = e.getMessage();
        }
        String home = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
        Clock clock = Clock.systemUTC();
        Ec2Clients clients = new Ec2Clients(withEndpointFrom(env, settings));
        String topic = env.get(TOPIC_VARIABLE);
        Notifier notifier = topic == null || topic.isBlank() || home == null
                ? Notifier.none()
                : new SnsNotifier(clients, home, topic);
        Housekeeping housekeeping = Housekeeping.create(clients, clock, RunLog.jsonLines(System.out, clock), notifier)
                .withSweepCursor(SweepCursor.Location.from(env, home));
        return new Dependencies(config, error, home, housekeeping, clients);
    }

    /**
     * The SDK sends its clients to {@code AWS_ENDPOINT_URL} when it is set; the settings carry it too, so that
     * every client is pointed there explicitly and a failure is judged as an emulator's: only an endpoint override
     * may say "not offered" with a bare 5xx (invariant 12). A value that is not a URI is left to the SDK, which
     * reports it on the first call.
     */
    static ClientSettings withEndpointFrom(Map<String, String> env, ClientSettings settings) {
        String endpoint = env.get(ENDPOINT_VARIABLE);
        if (settings.endpoint() != null || endpoint == null || endpoint.isBlank()) {
            return settings;
        }
        try {
            return settings.withEndpoint(URI.create(endpoint.strip()));
        } catch (IllegalArgumentException e) {
            return settings;
        }
    }

    /** The policy's regions, else the function's own region. */
    public List<String> regions() {
        if (config != null && !config.regions().isEmpty()) {
            return config.regions();
        }
        return homeRegion == null ? List.of() : List.of(homeRegion);
    }
}
