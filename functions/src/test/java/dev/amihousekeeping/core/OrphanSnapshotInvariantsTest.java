package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.OrphanFixtures.ami;
import static dev.amihousekeeping.core.OrphanFixtures.createImageDescription;
import static dev.amihousekeeping.core.OrphanFixtures.image;
import static dev.amihousekeeping.core.OrphanFixtures.inventory;
import static dev.amihousekeeping.core.OrphanFixtures.snap;
import static dev.amihousekeeping.core.OrphanFixtures.snapshot;
import static dev.amihousekeeping.core.OrphanFixtures.vol;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.OrphanScope;
import dev.amihousekeeping.config.OrphanSnapshotsConfig;
import dev.amihousekeeping.core.OrphanFixtures.SnapshotSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN §6 invariants 3, 4, 6 and 7 for orphan-snapshots. Each snapshot here would be deleted but for the
 * one guard under test, so removing that guard makes the test fail.
 */
class OrphanSnapshotInvariantsTest {

    private static final String GONE_AMI = ami(1);
    private static final Set<String> NO_VOLUMES = Set.of();

    /** Qualifies in both scopes: its AMI is gone, and (for the unreferenced rule) so is its volume. */
    private static SnapshotSpec orphan(int n) {
        return snapshot(snap(n), createImageDescription(GONE_AMI)).withVolume(vol(n));
    }

    /** Qualifies only by the unreferenced rule: a user's snapshot whose volume is gone. */
    private static SnapshotSpec volumeOrphan(int n) {
        return snapshot(snap(n), "pre-upgrade " + n).withVolume(vol(n));
    }

    @ParameterizedTest
    @EnumSource(ImageState.class)
    void invariant3_neverDeleteSnapshotThatAnyImageReferences_whateverItsState(ImageState state) {
        // The referencing image is not the AMI the description names (a RegisterImage from this snapshot),
        // so only the reference check can keep it.
        Image registeredFromSnapshot = image(ami(5), state, snap(1), snap(2));
        Inventory inventory = inventory(List.of(registeredFromSnapshot),
                List.of(orphan(1).build(), volumeOrphan(2).build()));

        for (OrphanScope scope : OrphanScope.values()) {
            Plan plan = policy(scope, 7).plan(inventory, NO_VOLUMES, NOW);

            assertThat(plan.actions()).as("scope %s, image %s", scope, state).isEmpty();
            assertThat(plan.kept()).extracting(Kept::reason).containsOnly("referenced-by: " + ami(5));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws:backup:source-resource", "aws:backup:recovery-point-arn", "aws:backup:source-resource-arn"})
    void invariant4_neverDeleteSnapshotWithAwsBackupTag(String tagKey) {
        assertNeverDeleted(Map.of(tagKey, "arn:aws:ec2:us-east-1:111122223333:volume/vol-0123456789abcdef0"), null,
                "aws-backup");
    }

    @Test
    void invariant4_neverDeleteSnapshotWithAwsBackupDescription() {
        assertNeverDeleted(Map.of(), "This snapshot is created by the AWS Backup service.", "aws-backup");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws:dlm:lifecycle-policy-id", "aws:dlm:lifecycle-schedule-name", "aws:dlm:expirationTime",
            "dlm:managed"})
    void invariant4_neverDeleteSnapshotWithDlmTag(String tagKey) {
        assertNeverDeleted(Map.of(tagKey, "policy-0123456789abcdef0"), null, "dlm");
    }

    @Test
    void invariant4_neverDeleteSnapshotWithDlmDescription() {
        assertNeverDeleted(Map.of(), "Created for policy: policy-0123456789abcdef0 schedule: Default Schedule", "dlm");
    }

    @ParameterizedTest
    @ValueSource(strings = {"retain", "RETAIN", " Retain", "Retain ", "donotdelete"})
    void neverDeleteSnapshot_whenExemptTagDiffersInCaseOrSpaces(String tagKey) {
        Plan plan = policy(OrphanScope.UNREFERENCED, 7)
                .plan(inventory(List.of(), List.of(orphan(1).withTags(Map.of(tagKey, "")).build())), NO_VOLUMES, NOW);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).extracting(Kept::reason).singleElement().asString().startsWith("exempt-tag ");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 30})
    void invariant4_neverDeleteSnapshotYoungerThanMinAgeDays(int minAgeDays) {
        Duration justYounger = Duration.ofDays(minAgeDays).minusSeconds(1);
        Snapshot young = orphan(1).withStartTime(NOW.minus(justYounger)).build();
        Snapshot ofAge = orphan(2).withStartTime(NOW.minus(Duration.ofDays(minAgeDays))).build();

        Plan plan = policy(OrphanScope.UNREFERENCED, minAgeDays)
                .plan(inventory(List.of(), List.of(young, ofAge)), NO_VOLUMES, NOW);

        assertThat(plan.actions()).extracting(Action::resourceId).containsExactly(snap(2));
        if (minAgeDays > 0) {
            assertThat(plan.kept()).extracting(Kept::resourceId, Kept::reason)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(snap(1), "min-age"));
        }
    }

    @Test
    void invariant6_recheckSkipsDeletion_whenAnImageReferencesTheSnapshotSincePlanning() {
        OrphanSnapshotPolicy policy = policy(OrphanScope.AMI_CREATED, 7);
        Snapshot orphan = orphan(1).build();
        assertThat(policy.plan(inventory(List.of(), List.of(orphan)), NOW).actions()).hasSize(1);

        Inventory fresh = inventory(List.of(image(ami(9), ImageState.PENDING, snap(1))), List.of());

        assertThat(policy.recheck(orphan, fresh, NOW)).contains("referenced-by: " + ami(9));
        assertThat(policy.recheck(orphan, inventory(List.of(), List.of()), NOW)).isEmpty();
    }

    @Test
    void invariant6_recheckSkipsDeletion_whenManagedOrExemptSincePlanning() {
        OrphanSnapshotPolicy policy = policy(OrphanScope.AMI_CREATED, 7);
        Inventory fresh = inventory(List.of(), List.of());

        assertThat(policy.recheck(orphan(1).withTags(Map.of("aws:dlm:lifecycle-policy-id", "p")).build(), fresh, NOW))
                .contains("dlm");
        assertThat(policy.recheck(orphan(1).withTags(Map.of("Retain", "")).build(), fresh, NOW))
                .contains("exempt-tag Retain");
        assertThat(policy.recheck(null, fresh, NOW)).contains("gone");
    }

    @Test
    void invariant7_planOnPostApplyStateYieldsNothingNew() {
        List<Snapshot> snapshots = List.of(
                orphan(1).build(),
                volumeOrphan(2).build(),
                orphan(3).withTags(Map.of("Retain", "yes")).build(),
                snapshot(snap(4), createImageDescription(ami(4))).build(),
                volumeOrphan(5).withStartTime(NOW.minus(Duration.ofDays(1))).build(),
                volumeOrphan(6).build());
        Inventory before = inventory(List.of(image(ami(4), ImageState.AVAILABLE, snap(4))), snapshots);
        Set<String> volumes = Set.of(vol(6));
        OrphanSnapshotPolicy policy = policy(OrphanScope.UNREFERENCED, 7);

        Plan first = policy.plan(before, volumes, NOW);
        Set<String> deleted = first.actions().stream().map(Action::resourceId).collect(Collectors.toSet());
        assertThat(deleted).containsExactlyInAnyOrder(snap(1), snap(2));

        Inventory after = inventory(before.images(),
                snapshots.stream().filter(s -> !deleted.contains(s.snapshotId())).toList());
        Plan second = policy.plan(after, volumes, NOW);

        assertThat(second.actions()).isEmpty();
        assertThat(second.kept()).containsExactlyElementsOf(first.kept());
        assertThat(policy.plan(before, volumes, NOW)).isEqualTo(first);
        for (Action action : first.actions()) {
            assertThat(policy.recheck(null, after, NOW)).as(action.resourceId()).contains("gone");
        }
    }

    private static void assertNeverDeleted(Map<String, String> tags, String description, String reason) {
        for (OrphanScope scope : OrphanScope.values()) {
            for (SnapshotSpec base : List.of(orphan(1), volumeOrphan(1))) {
                SnapshotSpec spec = base.withTags(tags);
                if (description != null) {
                    spec = snapshot(snap(1), description).withVolume(vol(1)).withTags(tags);
                }
                Plan plan = policy(scope, 0).plan(inventory(List.of(), List.of(spec.build())), NO_VOLUMES, NOW);

                assertThat(plan.actions()).as("scope %s, %s", scope, spec).isEmpty();
                assertThat(plan.kept()).extracting(Kept::reason).containsExactly(reason);
            }
        }
    }

    private static OrphanSnapshotPolicy policy(OrphanScope scope, int minAgeDays) {
        return new OrphanSnapshotPolicy(new OrphanSnapshotsConfig(true, minAgeDays, scope, List.of("DoNotDelete", "Retain")));
    }
}
