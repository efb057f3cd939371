package dev.amihousekeeping.ec2;

import static dev.amihousekeeping.ec2.Ec2GatewaySandboxTest.OWN_SNAPSHOT;
import static dev.amihousekeeping.ec2.Ec2GatewaySandboxTest.PUBLIC_SNAPSHOT;
import static dev.amihousekeeping.ec2.Ec2GatewaySandboxTest.REGION;
import static dev.amihousekeeping.ec2.Ec2GatewaySandboxTest.SHARED_SNAPSHOT;
import static dev.amihousekeeping.ec2.Ec2GatewaySandboxTest.WEB_1;
import static dev.amihousekeeping.ec2.Ec2GatewaySandboxTest.WEB_2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.run.Executor;
import dev.amihousekeeping.run.RunLog;
import dev.amihousekeeping.run.RunRequest;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.testing.SandboxHarness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The executor, the re-check and the applier together against the sandbox: what a real run changes. */
class ExecutorSandboxTest {

    /** Deregister web-1 with its own snapshot, keep the shared one; deprecate web-2; unshare and delete a snapshot. */
    private static Plan plan() {
        return new Plan(List.of(
                new Action.Deregister(REGION, WEB_1, "expiry-tag DeleteOn=2026-10-01", true, List.of(OWN_SNAPSHOT),
                        List.of(SHARED_SNAPSHOT + " (used by " + WEB_2 + ")"), 8, List.of()),
                new Action.Deprecate(REGION, WEB_2, "max-age 30d", Instant.parse("2026-11-01T00:00:00Z"), List.of()),
                new Action.RemoveGrants(REGION, ResourceType.SNAPSHOT, PUBLIC_SNAPSHOT, "public", List.of(LaunchPermission.publicGroup())),
                new Action.DeleteSnapshot(REGION, PUBLIC_SNAPSHOT, "orphan", 50, null, null, List.of(), null)),
                List.of());
    }

    private static Report run(SandboxHarness fixture, boolean dryRun, Plan plan) {
        Ec2Gateway gateway = fixture.gateway();
        return new Executor(RunLog.silent(), fixture.clock()).execute(
                RunRequest.of("run-1", "expiry", List.of(REGION), dryRun, 100, fixture.clock().instant()), plan,
                List.of(), Recheck.stillPresent(gateway), new Ec2ActionApplier(gateway, fixture.clock()));
    }

    private static List<String> actionsCalled(JsonNode calls) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = calls.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void changesNothingAtAll_whenDryRun() {
        try (SandboxHarness fixture = SandboxHarness.start(Seed.parse(Ec2GatewaySandboxTest.SEED))) {
            Seed before = fixture.state();

            Report report = run(fixture, true, plan());

            assertThat(report.actions()).extracting(ActionResult::outcome).containsOnly(Outcome.PLANNED);
            assertThat(fixture.state()).isEqualTo(before);
            assertThat(actionsCalled(fixture.callsIn(REGION))).isEmpty();
            assertThat(report.estimatedMonthlySavingsUsd()).isEqualTo(2.9);
        }
    }

    @Test
    void appliesThePlan_andASecondRunChangesNothingMore() {
        try (SandboxHarness fixture = SandboxHarness.start(Seed.parse(Ec2GatewaySandboxTest.SEED))) {
            Ec2Gateway gateway = fixture.gateway();

            Report first = run(fixture, false, plan());

            assertThat(first.actions()).extracting(ActionResult::outcome).containsOnly(Outcome.DONE);
            assertThat(gateway.describeImage(REGION, WEB_1)).isEmpty();
            assertThat(gateway.describeSnapshot(REGION, OWN_SNAPSHOT)).isEmpty();
            assertThat(gateway.describeSnapshot(REGION, SHARED_SNAPSHOT)).isPresent();
            assertThat(gateway.describeImage(REGION, WEB_2).orElseThrow().deprecationTime()).isNotNull();
            assertThat(gateway.describeSnapshot(REGION, PUBLIC_SNAPSHOT)).isEmpty();
            assertThat(first.estimatedMonthlySavingsUsd()).isEqualTo(2.9);

            Seed afterFirst = fixture.state();
            Report second = run(fixture, false, plan());

            assertThat(second.actions()).extracting(ActionResult::outcome)
                    .containsExactly(Outcome.SKIPPED, Outcome.DONE, Outcome.SKIPPED, Outcome.SKIPPED);
            assertThat(fixture.state().regions()).isEqualTo(afterFirst.regions());
            assertThat(second.hasFailures()).isFalse();
        }
    }

    @Test
    void everyActionCompletes_whenEc2ThrottlesThirtyPercentOfDeletes() {
        String snapshots = IntStream.range(0, 40).mapToObj(n -> String.format(
                "{\"snapshotId\":\"snap-%017x\",\"volumeId\":\"vol-%017x\",\"volumeSize\":1,"
                        + "\"startTime\":\"2026-01-01T00:00:00Z\"}", n + 0x100, n)).collect(Collectors.joining(","));
        Seed seed = Seed.parse("{\"now\":\"2026-11-01T00:00:00Z\",\"regions\":{\"" + REGION + "\":{\"snapshots\":["
                + snapshots + "]}}}");
        Plan plan = new Plan(IntStream.range(0, 40).mapToObj(n -> (Action) new Action.DeleteSnapshot(REGION,
                String.format("snap-%017x", n + 0x100), "orphan", 1, null, null, List.of(), null)).toList(),
                List.of());
        try (SandboxHarness fixture = SandboxHarness.start(seed).retrying(8)) {
            fixture.fault("{\"action\":\"DeleteSnapshot\",\"error\":\"RequestLimitExceeded\",\"rate\":0.3,\"seed\":7}");

            Report report = run(fixture, false, plan);

            assertThat(report.actions()).extracting(ActionResult::outcome).containsOnly(Outcome.DONE);
            assertThat(fixture.gateway().readSnapshots(REGION)).isEmpty();
            assertThat(fixture.calls(REGION, "DeleteSnapshot")).isGreaterThan(40);
        }
    }
}
