package dev.amihousekeeping.run;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.ec2.SandboxControl;
import dev.amihousekeeping.sandbox.Sandbox;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The expiry function against a sandbox on a free port, over real HTTP with the real SDK, seeded with the tricky
 * fixture ({@code src/test/resources/expiry/tricky-seed.json}) unless told otherwise. Images are named
 * {@code region/name} in assertions: the fixture's names say what each AMI is for.
 */
final class ExpirySandbox implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");

    final Sandbox sandbox;
    final Ec2Clients clients;
    final SandboxControl control;

    ExpirySandbox(Seed seed) {
        sandbox = Sandbox.start(0, seed);
        clients = new Ec2Clients(ClientSettings.defaults().withEndpoint(sandbox.endpoint())
                .withStaticCredentials("x", "x").withBaseDelay(Duration.ofMillis(5)).withRetries(
                        software.amazon.awssdk.core.retry.RetryMode.STANDARD, 2));
        control = new SandboxControl(sandbox);
    }

    static ExpirySandbox tricky() {
        return new ExpirySandbox(Seed.parse(resource("expiry/tricky-seed.json")));
    }

    static Config trickyPolicy() {
        return ConfigLoader.parse(resource("expiry/tricky-policy.json"));
    }

    static Config policy(String json) {
        return ConfigLoader.parse(json);
    }

    static Config trickyPolicy(int maxActionsPerRun) {
        return ConfigLoader.parse(resource("expiry/tricky-policy.json")
                .replace("\"maxActionsPerRun\": 50", "\"maxActionsPerRun\": " + maxActionsPerRun));
    }

    Report run(Config config, boolean dryRun) {
        return run(config, dryRun, RunLog.silent());
    }

    Report run(Config config, boolean dryRun, RunLog log) {
        return run(config, dryRun, log, Clock.systemUTC());
    }

    /** The run with {@code clock} for its executor and applier: a test can make the apply phase take long. */
    Report run(Config config, boolean dryRun, RunLog log, Clock clock) {
        Housekeeping housekeeping = new Housekeeping(new Ec2Gateway(clients, clock), new Executor(log, clock),
                Notifier.none(), clock);
        return new ExpiryRun(housekeeping).run(new RunRequest(config, REGIONS, dryRun, NOW, null));
    }

    /** The run, with {@code change} made once: after the plan is made, before the first action is applied. */
    Report runChanging(Config config, Runnable change) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        RunLog afterPlanning = new RunLog() {
            @Override
            public void applying(RunRequest run, List<dev.amihousekeeping.core.Action> actions) {
                if (done.compareAndSet(false, true)) {
                    change.run();
                }
            }

            @Override
            public void action(RunRequest run, ActionResult result) {
            }

            @Override
            public void run(RunRequest run, Report report, Duration took) {
            }
        };
        return run(config, false, afterPlanning);
    }

    /** {@code region/name} of every image the sandbox holds, with its deprecation time (or "-"). */
    Map<String, String> images() {
        Map<String, String> images = new TreeMap<>();
        sandbox.state().regions().forEach((region, state) -> state.images().forEach(image ->
                images.put(region + "/" + image.name(), String.valueOf(image.deprecationTime()))));
        return images;
    }

    /** Every snapshot id the sandbox holds. */
    List<String> snapshots() {
        return sandbox.state().regions().values().stream()
                .flatMap(state -> state.snapshots().stream().map(s -> s.snapshotId())).sorted().toList();
    }

    /** {@code region/name} of an image id, from the state as it is now or as the fixture had it. */
    String name(String region, String imageId) {
        return region + "/" + Seed.parse(resource("expiry/tricky-seed.json")).regions().get(region).images().stream()
                .filter(i -> i.imageId().equals(imageId)).map(SeedImage::name).findFirst().orElse(imageId);
    }

    /** {@code region/name -> action} of the report's actions. */
    Map<String, String> actions(Report report) {
        return report.actions().stream().collect(Collectors.toMap(a -> name(a.region(), a.resourceId()),
                a -> a.action().json(), (a, b) -> a + "," + b, TreeMap::new));
    }

    /** {@code region/name -> outcome} of the report's actions. */
    Map<String, String> outcomes(Report report) {
        return report.actions().stream().collect(Collectors.toMap(a -> name(a.region(), a.resourceId()),
                a -> a.outcome().json() + (a.detail() == null ? "" : ": " + a.detail()), (a, b) -> a + "," + b,
                TreeMap::new));
    }

    /** {@code region/name -> reason} of the report's kept images. */
    Map<String, String> kept(Report report) {
        return report.kept().stream().filter(k -> k.resourceId().startsWith("ami-"))
                .collect(Collectors.toMap(k -> name(k.region(), k.resourceId()), Kept::reason, (a, b) -> a + "," + b,
                        TreeMap::new));
    }

    static ActionResult action(Report report, String imageId) {
        return report.actions().stream().filter(a -> a.resourceId().equals(imageId)).findFirst().orElseThrow();
    }

    static String resource(String name) {
        try (InputStream in = ExpirySandbox.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        clients.close();
        sandbox.close();
    }
}
