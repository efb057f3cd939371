package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.ExpiryFixture.action;
import static dev.amihousekeeping.run.ExpiryFixture.trickyPolicy;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedInstance;
import dev.amihousekeeping.sandbox.SeedRegion;
import dev.amihousekeeping.testing.SandboxHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Invariant 6 through the sandbox: the AMIs change after the plan is made and before the executor reaches them
 * (right after the run's first action), and each deregistration re-reads its AMI and evidence and skips it.
 */
class ExpiryRecheckIntegrationTest {

    private static final String API_V3 = "ami-0e000000000000007";
    private static final String DB_2026_05 = "ami-0e000000000000016";
    private static final String LEGACY_2025 = "ami-0e000000000000019";
    private static final String BASE_7 = "ami-0e000000000000013";

    @Test
    void invariant6_skipsEachAmiThatChangedSincePlanning() {
        try (SandboxHarness sandbox = ExpiryFixture.tricky()) {
            Report report = ExpiryFixture.run(sandbox, trickyPolicy(), false, ExpiryFixture.afterPlanning(() -> {
                launchInstance(sandbox, DB_2026_05);
                sandbox.clients().ec2(REGION).deleteTags(r -> r.resources(API_V3)
                        .tags(Tag.builder().key("ExpirationDate").build()));
                sandbox.clients().ec2(REGION).enableImageDeregistrationProtection(r -> r.imageId(LEGACY_2025));
            }));

            assertThat(action(report, API_V3).outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(action(report, API_V3).detail()).isEqualTo("re-check: not-expired: age 183d <= 365d");
            assertThat(action(report, DB_2026_05).outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(action(report, DB_2026_05).detail()).isEqualTo("re-check: in-use: i-0e0000000000000aa");
            assertThat(action(report, LEGACY_2025).outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(action(report, LEGACY_2025).detail()).isEqualTo("re-check: deregistration protection is on");
            assertThat(ExpiryFixture.images(sandbox)).containsKeys("us-east-1/api-v3", "us-east-1/db-2026-05-01",
                    "us-east-1/legacy-2025-01-01");
            // The unchanged one still goes.
            assertThat(action(report, BASE_7).outcome()).isEqualTo(Outcome.DONE);
            assertThat(ExpiryFixture.images(sandbox)).doesNotContainKey("us-east-1/base-7");
        }
    }

    @Test
    void invariant6_seesAChangeMadeDuringTheApply_onceTheReadAheadIsTooOld() {
        try (SandboxHarness sandbox = ExpiryFixture.tricky()) {
            MovingClock clock = new MovingClock(Instant.now());
            AtomicBoolean done = new AtomicBoolean();
            // After the first action: a slow one, so the window read before it is stale for the rest.
            RunLog slowFirstActionThenChanges = new RunLog() {
                @Override
                public void action(RunRequest run, ActionResult result) {
                    if (done.compareAndSet(false, true)) {
                        clock.advance(Executor.RECHECK_MAX_AGE.plusSeconds(1));
                        launchInstance(sandbox, DB_2026_05);
                        sandbox.clients().ec2(REGION).enableImageDeregistrationProtection(r -> r.imageId(LEGACY_2025));
                    }
                }

                @Override
                public void run(RunRequest run, Report report, Duration took) {
                }
            };

            Report report = ExpiryFixture.run(sandbox, trickyPolicy(), false, slowFirstActionThenChanges, clock);

            assertThat(report.actions().get(0).resourceId()).isNotIn(DB_2026_05, LEGACY_2025);
            assertThat(action(report, DB_2026_05).detail()).isEqualTo("re-check: in-use: i-0e0000000000000aa");
            assertThat(action(report, LEGACY_2025).detail()).isEqualTo("re-check: deregistration protection is on");
            assertThat(ExpiryFixture.images(sandbox)).containsKeys("us-east-1/db-2026-05-01", "us-east-1/legacy-2025-01-01");
        }
    }

    @Test
    void failsTheAction_whenTheRecheckCannotReadInUse() {
        try (SandboxHarness sandbox = ExpiryFixture.tricky()) {
            Report report = ExpiryFixture.run(sandbox, trickyPolicy(), false, ExpiryFixture.afterPlanning(() -> sandbox.fault(
                    "{\"action\":\"DescribeImageReferences\",\"error\":\"UnauthorizedOperation\",\"status\":403}")));

            assertThat(action(report, BASE_7).outcome()).isEqualTo(Outcome.FAILED);
            assertThat(action(report, BASE_7).detail()).startsWith("UnauthorizedOperation");
            assertThat(ExpiryFixture.images(sandbox)).containsKey("us-east-1/base-7");
            assertThat(report.hasFailures()).isTrue();
        }
    }

    private static void launchInstance(SandboxHarness sandbox, String imageId) {
        Seed state = sandbox.state();
        SeedRegion region = state.regions().get(REGION);
        List<SeedInstance> instances = new ArrayList<>(region.instances());
        instances.add(SeedInstance.of("i-0e0000000000000aa", imageId, "pending"));
        sandbox.sandbox().load(state.withRegion(REGION, new SeedRegion(region.images(), region.snapshots(), instances,
                region.launchTemplates(), region.ssmParameters(), region.launchConfigurations(),
                region.imageBlockPublicAccess(), region.snapshotBlockPublicAccess())));
    }
}
