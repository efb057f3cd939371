package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.ExpiryFixture.trickyPolicy;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The expiry function end to end against the tricky fixture ({@code expiry/tricky-seed.json}, two regions,
 * clock 2026-11-01, keepLatest 1, maxAgeDays 365, unusedDays 30, graceDays 7): every AMI is there for one
 * reason, and the assertions say what a careful engineer would do with each.
 */
class ExpiryRunIntegrationTest {

    /** What the run must do, and nothing else. */
    static final Map<String, String> EXPECTED_ACTIONS = new TreeMap<>(Map.of(
            "us-east-1/import-2026-01-01", "deregister",       // its root snapshot is a partner's: that one stays
            "us-east-1/web-2026-06-01", "deregister",          // expiry tag past, deprecated a month ago
            "us-east-1/web-2026-09-01", "deprecate",           // expiry tag (date-time) past, not yet deprecated
            "us-east-1/api-v3", "deregister",                  // ExpirationDate past; only a terminated instance used it
            "us-east-1/base-7", "deregister",                  // disabled, expired, deprecated past grace
            "us-east-1/db-2026-05-01", "deregister",           // its snapshot shared with db-2026-06-01 stays
            "us-east-1/legacy-2025-01-01", "deregister",       // max-age, no tag
            "eu-west-1/web-2026-09-01", "deregister"));        // a copy, expired on its own tag

    /** Every other AMI of the fixture, with the one reason it is kept. */
    static final Map<String, String> EXPECTED_KEPT = new TreeMap<>(Map.ofEntries(
            entry("us-east-1/web-2026-08-01", "grace: deprecated 2026-10-28, deregister after 2026-11-04"),
            entry("us-east-1/web-2026-10-01", "keep-latest 1 of web"),
            entry("us-east-1/api-v1", "in-use: i-0e000000000000001"),
            entry("us-east-1/api-v2", "invalid-expiry-tag DeleteOn=next-tuesday"),
            entry("us-east-1/api-v4", "in-use: lt-0e000000000000001 $Default"),
            entry("us-east-1/api-v5", "in-use: lt-0e000000000000001 (newest 10 versions)"),
            entry("us-east-1/api-v6", "in-use: ssm:/ami/api/stable"),
            entry("us-east-1/api-v7", "in-use: launch-configuration api-lc"),
            entry("us-east-1/api-v8", "keep-latest 1 of api"),
            entry("us-east-1/base-1", "shared: userId=444455556666"),
            entry("us-east-1/base-2", "shared: group=all"),
            entry("us-east-1/base-3", "deregistration-protection"),
            entry("us-east-1/base-4", "pending"),
            entry("us-east-1/base-5", "exempt-tag Retain"),
            entry("us-east-1/base-6", "min-age 0d < 1d"),
            entry("us-east-1/base-8", "used-recently 2026-10-25"),
            entry("us-east-1/base-9", "not-expired: age 295d <= 365d"),
            entry("us-east-1/db-2026-06-01", "in-use: i-0e000000000000003"),
            entry("us-east-1/db-2026-10-01", "not-expired: age 30d <= 365d"),
            entry("us-east-1/legacy-2026-10-15", "not-expired: age 16d <= 365d"),
            entry("us-east-1/import-2026-10-20", "not-expired: age 11d <= 365d"),
            entry("eu-west-1/web-2026-06-01", "not-expired: DeleteOn=2026-12-01, age 151d <= 365d"),
            entry("eu-west-1/web-2026-10-01", "not-expired: age 29d <= 365d")));

    /**
     * The deregistered AMIs' own snapshots. Not among them: snap-0e0000000000000ff (shared by two db AMIs) and
     * snap-0e00000000000001c (another account's, under import-2026-01-01).
     */
    static final List<String> DELETED_SNAPSHOTS = List.of("snap-0e000000000000001", "snap-0e000000000000007",
            "snap-0e000000000000013", "snap-0e000000000000016", "snap-0e000000000000019", "snap-0e00000000000011c",
            "snap-0f000000000000002");

    @Test
    void dryRun_plansWhatACarefulEngineerWould_andExplainsEveryAmiItKeeps() {
        try (SandboxHarness sandbox = ExpiryFixture.tricky()) {
            Report report = ExpiryFixture.run(sandbox, trickyPolicy(), true);

            assertThat(ExpiryFixture.actions(report)).isEqualTo(EXPECTED_ACTIONS);
            assertThat(ExpiryFixture.kept(report)).isEqualTo(EXPECTED_KEPT);
            assertThat(report.actions()).allMatch(a -> a.outcome() == Outcome.PLANNED);
            assertThat(report.errors()).isEmpty();
            // 8 GiB each for six AMIs, 30 GiB for legacy; neither the shared 20 GiB snapshot nor the partner's
            // 8 GiB one is counted.
            assertThat(report.estimatedMonthlySavingsUsd()).isEqualTo(3.9);
        }
    }

    @Test
    void invariant1_dryRunChangesNothing() {
        try (SandboxHarness sandbox = ExpiryFixture.tricky()) {
            JsonNode before = sandbox.stateJson();

            ExpiryFixture.run(sandbox, trickyPolicy(), true);

            assertThat(sandbox.stateJson()).isEqualTo(before);
            assertThat(sandbox.calls("us-east-1", "DeregisterImage")
                    + sandbox.calls("us-east-1", "EnableImageDeprecation")
                    + sandbox.calls("eu-west-1", "DeregisterImage")).isZero();
        }
    }

    @Test
    void apply_deregistersExactlyTheExpiredUnusedAmis_andDeletesOnlyTheirUnsharedSnapshots() {
        try (SandboxHarness sandbox = ExpiryFixture.tricky()) {
            Map<String, String> imagesBefore = ExpiryFixture.images(sandbox);
            List<String> snapshotsBefore = ExpiryFixture.snapshots(sandbox);

            Report report = ExpiryFixture.run(sandbox, trickyPolicy(), false);

            assertThat(report.actions()).allSatisfy(a -> assertThat(a.outcome()).as(a.toString()).isEqualTo(Outcome.DONE));
            assertThat(report.hasFailures()).isFalse();
            Map<String, String> imagesAfter = ExpiryFixture.images(sandbox);
            assertThat(imagesBefore.keySet()).containsAll(imagesAfter.keySet());
            assertThat(imagesBefore.keySet().stream().filter(name -> !imagesAfter.containsKey(name)).sorted())
                    .containsExactlyElementsOf(EXPECTED_ACTIONS.entrySet().stream()
                            .filter(e -> e.getValue().equals("deregister")).map(Map.Entry::getKey).toList());
            assertThat(imagesAfter.get("us-east-1/web-2026-09-01")).isEqualTo("2026-11-01T00:01:00Z");
            assertThat(imagesAfter).containsKey("us-east-1/vendor-os-2025");
            assertThat(snapshotsBefore.stream().filter(id -> !ExpiryFixture.snapshots(sandbox).contains(id)).toList())
                    .containsExactlyInAnyOrderElementsOf(DELETED_SNAPSHOTS);
            assertThat(ExpiryFixture.snapshots(sandbox)).contains("snap-0e0000000000000ff", "snap-0e00000000000001c");
        }
    }

    @Test
    void invariant2_neverDeregisters_anAmiThatAnyKeepRuleHolds() {
        try (SandboxHarness sandbox = ExpiryFixture.tricky()) {
            ExpiryFixture.run(sandbox, trickyPolicy(), false);

            assertThat(ExpiryFixture.images(sandbox)).containsKeys(EXPECTED_KEPT.keySet().toArray(String[]::new));
        }
    }

    @Test
    void invariant7_aSecondRunChangesNothing() {
        try (SandboxHarness sandbox = ExpiryFixture.tricky()) {
            ExpiryFixture.run(sandbox, trickyPolicy(), false);
            JsonNode afterFirst = sandbox.stateJson();

            Report second = ExpiryFixture.run(sandbox, trickyPolicy(), false);

            assertThat(sandbox.stateJson()).isEqualTo(afterFirst);
            assertThat(second.actions()).isEmpty();
            assertThat(ExpiryFixture.kept(second)).containsEntry("us-east-1/web-2026-09-01",
                    "grace: deprecated 2026-11-01T00:01:00Z, deregister after 2026-11-08T00:01:00Z");
        }
    }

    @Test
    void invariant5_aPlanOverTheCapAppliesNothing_andSaysWhy() {
        try (SandboxHarness sandbox = ExpiryFixture.tricky()) {
            JsonNode before = sandbox.stateJson();

            Report report = ExpiryFixture.run(sandbox, trickyPolicy(7), false);

            assertThat(sandbox.stateJson()).isEqualTo(before);
            assertThat(report.actions()).hasSize(8).allMatch(a -> a.outcome() == Outcome.SKIPPED);
            assertThat(report.errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(Executor.MAX_ACTIONS_EXCEEDED);
                assertThat(e.message()).contains("8 actions, more than maxActionsPerRun 7");
            });
            assertThat(report.hasFailures()).isTrue();
        }
    }

    @Test
    void applies_whenThePlanIsExactlyAtTheCap() {
        try (SandboxHarness sandbox = ExpiryFixture.tricky()) {
            Report atTheCap = ExpiryFixture.run(sandbox, trickyPolicy(8), false);

            assertThat(atTheCap.errors()).isEmpty();
            assertThat(atTheCap.actions()).hasSize(8).allMatch(a -> a.outcome() == Outcome.DONE);
        }
    }
}
