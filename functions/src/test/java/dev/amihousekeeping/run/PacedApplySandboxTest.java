package dev.amihousekeeping.run;

import static dev.amihousekeeping.testing.Fixtures.NOW;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.ec2.Ec2ActionApplier;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.ec2.Recheck;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.testing.SandboxHarness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The paced executor against the sandbox with EC2's request limits on ({@code /_sandbox/limits}): latency on every
 * call, token buckets per action (200 mutating calls, then 5 a second).
 */
class PacedApplySandboxTest {

    /** The same images and snapshots again, in a second region. */
    private static final String WEST = "eu-west-1";
    private static final Config POLICY = ConfigLoader.parse("""
            {"regions": ["us-east-1"], "dryRun": false, "maxActionsPerRun": 1000,
             "expiry": {"minAgeDays": 1, "graceDays": 7}}""");
    private static final Config ORPHANS_POLICY = ConfigLoader.parse("""
            {"regions": ["us-east-1"], "dryRun": false, "maxActionsPerRun": 1000,
             "orphanSnapshots": {"minAgeDays": 1, "scope": "ami-created"}}""");

    /**
     * {@code count} deprecated AMIs past their DeleteOn, each with a snapshot of its own; AMIs {@code 2k} and
     * {@code 2k+1} below {@code sharedPairs * 2} also share a second snapshot.
     */
    private static Seed seed(int count, int sharedPairs) {
        List<String> images = new ArrayList<>();
        List<String> snapshots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String devices = "{\"deviceName\": \"/dev/xvda\", \"snapshotId\": \"" + own(i) + "\", \"volumeSize\": 8}";
            if (i < sharedPairs * 2) {
                devices += ", {\"deviceName\": \"/dev/xvdb\", \"snapshotId\": \"" + shared(i / 2)
                        + "\", \"volumeSize\": 8}";
            }
            images.add("{\"imageId\": \"" + image(i) + "\", \"name\": \"app-" + i + "\", \"state\": \"available\","
                    + " \"creationDate\": \"2026-01-01T00:00:00Z\", \"ownerId\": \"111122223333\","
                    + " \"tags\": {\"DeleteOn\": \"2026-06-01\"}, \"deprecationTime\": \"2026-07-01T00:00:00Z\","
                    + " \"blockDeviceMappings\": [" + devices + "]}");
            snapshots.add(snapshot(own(i), i));
        }
        for (int k = 0; k < sharedPairs; k++) {
            snapshots.add(snapshot(shared(k), 2 * k));
        }
        String region = "{\"images\": [" + String.join(",", images) + "], \"snapshots\": ["
                + String.join(",", snapshots) + "]}";
        return Seed.parse("{\"accountId\": \"111122223333\", \"now\": \"" + NOW + "\", \"regions\": {\"" + REGION
                + "\": " + region + ", \"" + WEST + "\": " + region + "}}");
    }

    private static String snapshot(String id, int imageIndex) {
        return "{\"snapshotId\": \"" + id + "\", \"volumeId\": \"vol-" + id.substring(5) + "\", \"volumeSize\": 8,"
                + " \"startTime\": \"2026-01-01T00:00:00Z\", \"ownerId\": \"111122223333\","
                + " \"description\": \"Created by CreateImage(i-0123456789abcdef0) for " + image(imageIndex) + "\"}";
    }

    private static String image(int i) {
        return String.format("ami-0%016x", i + 1);
    }

    private static String own(int i) {
        return String.format("snap-0%016x", i + 1);
    }

    private static String shared(int k) {
        return String.format("snap-0f%015x", k + 1);
    }

    /** Up to {@code count} deregistrations as expiry plans them (own snapshot with it), straight to the executor. */
    private static Plan deregistrations(int count) {
        return new Plan(deregistrations(REGION, count), List.of());
    }

    private static List<Action> deregistrations(String region, int count) {
        return IntStream.range(0, count).<Action>mapToObj(i -> new Action.Deregister(region, image(i),
                "expiry-tag DeleteOn=2026-06-01", true, List.of(own(i)), List.of(), 8, List.of())).toList();
    }

    @Test
    void appliesSeveralActionsAtOnce_underLatency_andEveryOneIsDone() {
        try (SandboxHarness sandbox = SandboxHarness.start(seed(200, 0)).at(NOW)) {
            sandbox.limits(20, false);
            Ec2Gateway gateway = sandbox.gateway();
            AtomicInteger inFlight = new AtomicInteger();
            AtomicInteger mostInFlight = new AtomicInteger();
            Ec2ActionApplier ec2 = new Ec2ActionApplier(gateway, sandbox.clock());
            ActionApplier counting = action -> {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    return ec2.apply(action);
                } finally {
                    inFlight.decrementAndGet();
                }
            };

            Report report = Executor.paced(RunLog.silent(), Clock.systemUTC()).execute(run(), deregistrations(200),
                    List.of(), Recheck.stillPresent(gateway), counting);

            assertThat(mostInFlight.get()).isGreaterThan(1).isLessThanOrEqualTo(PacedApply.IN_FLIGHT);
            assertThat(report.count(Outcome.DONE)).isEqualTo(200);
            assertThat(report.actions()).extracting(ActionResult::resourceId)
                    .containsExactlyElementsOf(IntStream.range(0, 200).mapToObj(PacedApplySandboxTest::image).toList());
            assertThat(sandbox.images(REGION)).isEmpty();
            assertThat(sandbox.snapshots(REGION)).isEmpty();
        }
    }

    @Test
    void aBurstAboveEc2sMutatingBucket_isAbsorbedByTheAdaptiveRetries_andNothingFails_invariant10() {
        try (SandboxHarness sandbox = SandboxHarness.start(seed(230, 0)).at(NOW);
             Ec2Clients clients = new Ec2Clients(sandbox.settings().withRetries(ClientSettings.defaults().retryMode(), 12)
                     .withBaseDelay(Duration.ofMillis(250)))) {
            sandbox.limits(0, true);
            Ec2Gateway gateway = new Ec2Gateway(clients, sandbox.clock());

            Report report = Executor.paced(RunLog.silent(), Clock.systemUTC()).execute(run(), deregistrations(230),
                    List.of(), Recheck.stillPresent(gateway), new Ec2ActionApplier(gateway, sandbox.clock()));

            assertThat(report.actions()).filteredOn(a -> a.outcome() == Outcome.FAILED)
                    .extracting(ActionResult::detail).isEmpty();
            assertThat(report.count(Outcome.DONE)).isEqualTo(230);
            assertThat(sandbox.calls(List.of("DeregisterImage"))).as("retries included").isGreaterThan(230);
            assertThat(sandbox.images(REGION)).isEmpty();
        }
    }

    @Test
    void throttlingThatOutlastsTheRetries_failsOnlyThoseActions_theOthersInFlightGoOn_andARerunFinishesThem_invariant10() {
        try (SandboxHarness sandbox = SandboxHarness.start(seed(40, 0)).at(NOW)) {
            // Every DeregisterImage in eu-west-1 is throttled, however often it is retried; us-east-1 answers.
            sandbox.fault("DeregisterImage", WEST, "RequestLimitExceeded");
            Ec2Gateway gateway = sandbox.gateway();
            List<Action> bothRegions = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                bothRegions.add(deregistrations(REGION, 20).get(i));
                bothRegions.add(deregistrations(WEST, 20).get(i));
            }
            Plan plan = new Plan(bothRegions, List.of());
            RunRequest run = RunRequest.of("run-1", "expiry", List.of(REGION, WEST), false, 1000, NOW);

            Report throttled = Executor.paced(RunLog.silent(), Clock.systemUTC()).execute(run, plan, List.of(),
                    Recheck.stillPresent(gateway), new Ec2ActionApplier(gateway, sandbox.clock()));

            assertThat(throttled.actions()).filteredOn(a -> a.outcome() == Outcome.FAILED)
                    .hasSize(20).allSatisfy(a -> {
                        assertThat(a.region()).isEqualTo(WEST);
                        assertThat(a.detail()).contains("RequestLimitExceeded");
                    });
            assertThat(throttled.actions()).filteredOn(a -> a.region().equals(REGION))
                    .allSatisfy(a -> assertThat(a.outcome()).isEqualTo(Outcome.DONE));
            assertThat(throttled.hasFailures()).isTrue();
            assertThat(sandbox.images(REGION).stream().map(i -> i.imageId()).toList())
                    .doesNotContainAnyElementsOf(IntStream.range(0, 20).mapToObj(PacedApplySandboxTest::image).toList());
            assertThat(sandbox.snapshotIds(WEST)).as("no snapshot of a throttled deregistration went")
                    .containsAll(IntStream.range(0, 20).mapToObj(PacedApplySandboxTest::own).toList());

            sandbox.clearFaults();
            Report rerun = Executor.paced(RunLog.silent(), Clock.systemUTC()).execute(run, plan, List.of(),
                    Recheck.stillPresent(gateway), new Ec2ActionApplier(gateway, sandbox.clock()));

            assertThat(rerun.actions()).filteredOn(a -> a.outcome() == Outcome.DONE)
                    .extracting(ActionResult::region).containsOnly(WEST).hasSize(20);
            assertThat(rerun.hasFailures()).isFalse();
        }
    }

    @Test
    void deadlineAlreadyPast_defersEveryAction_andChangesNothing_invariant15() {
        try (SandboxHarness sandbox = SandboxHarness.start(seed(20, 3)).at(NOW)) {
            Seed before = sandbox.state();

            Report report = new ExpiryRun(sandbox.housekeeping(Clock.systemUTC(), RunLog.silent()))
                    .run(sandbox.request(POLICY, false).withDeadline(Instant.now().minusSeconds(1)));

            assertThat(report.actions()).hasSize(23)
                    .allSatisfy(a -> assertThat(a.outcome()).isEqualTo(Outcome.DEFERRED));
            assertThat(report.hasFailures()).isFalse();
            assertThat(sandbox.state().toJson()).isEqualTo(before.toJson());
            assertThat(sandbox.calls(List.of("DeregisterImage", "DeleteSnapshot"))).isZero();
        }
    }

    @Test
    void deadlineMidRun_doesSomeDefersTheRest_leavesNoDeregistrationHalfDone_andTheNextRunDoesTheRest_invariant15() {
        try (SandboxHarness sandbox = SandboxHarness.start(seed(40, 5)).at(NOW)) {
            sandbox.limits(5, false);
            MovingClock clock = new MovingClock(NOW);
            RunLog armsTheClock = new RunLog() {
                @Override
                public void applying(RunRequest run, List<Action> actions) {
                    clock.tickOnEachRead(Duration.ofSeconds(1));
                }

                @Override
                public void action(RunRequest run, ActionResult result) {
                }

                @Override
                public void run(RunRequest run, Report report, Duration took) {
                }
            };

            Report report = new ExpiryRun(sandbox.housekeeping(clock, armsTheClock))
                    .run(sandbox.request(POLICY, false).withDeadline(NOW.plusSeconds(90)));

            assertThat(report.count(Outcome.DONE)).isPositive();
            assertThat(report.count(Outcome.DEFERRED)).isPositive();
            assertThat(report.hasFailures()).isFalse();
            Set<String> snapshotsLeft = sandbox.snapshotIds(REGION);
            for (int i = 0; i < 40; i++) {
                ActionResult deregister = ExpiryFixture.action(report, image(i));
                boolean imageLeft = sandbox.image(REGION, image(i)).isPresent();
                if (deregister.outcome() == Outcome.DONE) {
                    assertThat(imageLeft).as(image(i)).isFalse();
                    assertThat(snapshotsLeft).as("own snapshot of " + image(i)).doesNotContain(own(i));
                } else {
                    assertThat(deregister.outcome()).isEqualTo(Outcome.DEFERRED);
                    assertThat(imageLeft).as(image(i)).isTrue();
                    assertThat(snapshotsLeft).contains(own(i));
                }
            }
            for (int k = 0; k < 5; k++) {
                boolean bothGone = sandbox.image(REGION, image(2 * k)).isEmpty()
                        && sandbox.image(REGION, image(2 * k + 1)).isEmpty();
                if (bothGone && snapshotsLeft.contains(shared(k))) {
                    assertThat(ExpiryFixture.action(report, image(2 * k + 1)).detail())
                            .contains("snapshot " + shared(k) + " remains");
                }
            }
            List<String> deferred = report.actions().stream().filter(a -> a.outcome() == Outcome.DEFERRED)
                    .map(a -> a.action().json() + " " + a.resourceId()).toList();
            assertThat(report.actions()).filteredOn(a -> a.outcome() == Outcome.DEFERRED)
                    .allSatisfy(a -> assertThat(a.detail()).isNotBlank());

            // The next runs, with time enough, do exactly what was deferred. expiry plans the deferred deregistrations
            // again, with the shared snapshots of which an image is left; a shared snapshot whose images were all
            // deregistered before its delete was deferred names a gone AMI: orphan-snapshots deletes it.
            Report next = new ExpiryRun(sandbox.housekeeping(RunLog.silent()))
                    .run(sandbox.request(POLICY, false).withDeadline(NOW.plusSeconds(3600)));
            Report orphans = new OrphanSnapshotsRun(sandbox.housekeeping(RunLog.silent()))
                    .run(sandbox.request(ORPHANS_POLICY, false).withDeadline(NOW.plusSeconds(3600)));

            List<String> doneNext = Stream.of(next, orphans).flatMap(r -> r.actions().stream())
                    .filter(a -> a.outcome() == Outcome.DONE).map(a -> a.action().json() + " " + a.resourceId())
                    .toList();
            // A deferred shared snapshot of which one image is left goes with that image's deregistration.
            assertThat(deferred).as("deferred, then done by the next runs")
                    .containsAll(doneNext)
                    .filteredOn(key -> key.startsWith("deregister ")).allSatisfy(key -> assertThat(doneNext)
                            .contains(key));
            assertThat(orphans.actions()).extracting(ActionResult::resourceId)
                    .allSatisfy(id -> assertThat(id).startsWith("snap-0f"));
            assertThat(next.count(Outcome.DEFERRED) + orphans.count(Outcome.DEFERRED)).isZero();
            assertThat(next.hasFailures() || orphans.hasFailures()).isFalse();
            assertThat(sandbox.images(REGION)).isEmpty();
            assertThat(sandbox.snapshots(REGION)).isEmpty();
        }
    }

    private static RunRequest run() {
        return RunRequest.of("run-1", "expiry", List.of(REGION), false, 1000, NOW);
    }
}
