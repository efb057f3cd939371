package dev.amihousekeeping.run;

import static dev.amihousekeeping.testing.Fixtures.NOW;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.testing.SandboxHarness;
import dev.amihousekeeping.testing.TestResources;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The expiry function's integration fixture: the tricky seed and policy ({@code src/test/resources/expiry/}), the
 * expiry run on a {@link SandboxHarness}, and views of a report and of the sandbox by {@code region/name}: the
 * fixture's names say what each AMI is for.
 */
final class ExpiryFixture {

    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
    private static final String TRICKY_SEED = TestResources.text("expiry/tricky-seed.json");
    private static final String TRICKY_POLICY = TestResources.text("expiry/tricky-policy.json");

    private ExpiryFixture() {
    }

    /** A sandbox with {@code seed}, runs at {@link #NOW}, clients that try a call twice. */
    static SandboxHarness sandbox(Seed seed) {
        return SandboxHarness.start(seed).retrying(2).at(NOW);
    }

    static SandboxHarness tricky() {
        return sandbox(Seed.parse(TRICKY_SEED));
    }

    static Config trickyPolicy() {
        return ConfigLoader.parse(TRICKY_POLICY);
    }

    static Config policy(String json) {
        return ConfigLoader.parse(json);
    }

    static Config trickyPolicy(int maxActionsPerRun) {
        return ConfigLoader.parse(TRICKY_POLICY
                .replace("\"maxActionsPerRun\": 50", "\"maxActionsPerRun\": " + maxActionsPerRun));
    }

    static Report run(SandboxHarness sandbox, Config config, boolean dryRun) {
        return run(sandbox, config, dryRun, RunLog.silent());
    }

    static Report run(SandboxHarness sandbox, Config config, boolean dryRun, RunLog log) {
        return run(sandbox, config, dryRun, log, Clock.systemUTC());
    }

    /** The run with {@code clock} for its executor and applier: a test can make the apply phase take long. */
    static Report run(SandboxHarness sandbox, Config config, boolean dryRun, RunLog log, Clock clock) {
        return new ExpiryRun(sandbox.housekeeping(clock, log)).run(sandbox.request(config, REGIONS, dryRun));
    }

    /** The run, with {@code change} made once: after the plan is made, before the first action is applied. */
    static Report runChanging(SandboxHarness sandbox, Config config, Runnable change) {
        return run(sandbox, config, false, afterPlanning(change));
    }

    /** A log that runs {@code change} once, between planning and applying. */
    static RunLog afterPlanning(Runnable change) {
        AtomicBoolean done = new AtomicBoolean();
        return new RunLog() {
            @Override
            public void applying(RunRequest run, List<Action> actions) {
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
    }

    /** {@code region/name} of every image the sandbox holds, with its deprecation time (or "-"). */
    static Map<String, String> images(SandboxHarness sandbox) {
        Map<String, String> images = new TreeMap<>();
        sandbox.state().regions().forEach((region, state) -> state.images().forEach(image ->
                images.put(region + "/" + image.name(), String.valueOf(image.deprecationTime()))));
        return images;
    }

    /** Every snapshot id the sandbox holds. */
    static List<String> snapshots(SandboxHarness sandbox) {
        return sandbox.state().regions().values().stream()
                .flatMap(state -> state.snapshots().stream().map(s -> s.snapshotId())).sorted().toList();
    }

    /** {@code region/name} of an image id, as the fixture had it. */
    static String name(String region, String imageId) {
        return region + "/" + Seed.parse(TRICKY_SEED).regions().get(region).images().stream()
                .filter(i -> i.imageId().equals(imageId)).map(SeedImage::name).findFirst().orElse(imageId);
    }

    /** {@code region/name -> action} of the report's actions. */
    static Map<String, String> actions(Report report) {
        return report.actions().stream().collect(Collectors.toMap(a -> name(a.region(), a.resourceId()),
                a -> a.action().json(), (a, b) -> a + "," + b, TreeMap::new));
    }

    /** {@code region/name -> outcome} of the report's actions. */
    static Map<String, String> outcomes(Report report) {
        return report.actions().stream().collect(Collectors.toMap(a -> name(a.region(), a.resourceId()),
                a -> a.outcome().json() + (a.detail() == null ? "" : ": " + a.detail()), (a, b) -> a + "," + b,
                TreeMap::new));
    }

    /** {@code region/name -> reason} of the report's kept images. */
    static Map<String, String> kept(Report report) {
        return report.kept().stream().filter(k -> k.resourceId().startsWith("ami-"))
                .collect(Collectors.toMap(k -> name(k.region(), k.resourceId()), Kept::reason, (a, b) -> a + "," + b,
                        TreeMap::new));
    }

    static ActionResult action(Report report, String imageId) {
        return report.actions().stream().filter(a -> a.resourceId().equals(imageId)).findFirst().orElseThrow();
    }
}
