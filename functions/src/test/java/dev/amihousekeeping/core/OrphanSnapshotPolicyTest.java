package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.OrphanFixtures.OTHER_ACCOUNT;
import static dev.amihousekeeping.core.OrphanFixtures.ami;
import static dev.amihousekeeping.core.OrphanFixtures.copyImageDescription;
import static dev.amihousekeeping.core.OrphanFixtures.createImageDescription;
import static dev.amihousekeeping.core.OrphanFixtures.image;
import static dev.amihousekeeping.core.OrphanFixtures.inventory;
import static dev.amihousekeeping.core.OrphanFixtures.snap;
import static dev.amihousekeeping.core.OrphanFixtures.snapshot;
import static dev.amihousekeeping.core.OrphanFixtures.vol;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.OrphanScope;
import dev.amihousekeeping.config.OrphanSnapshotsConfig;
import dev.amihousekeeping.core.OrphanFixtures.SnapshotSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OrphanSnapshotPolicyTest {

    private static final OrphanScope AMI_CREATED = OrphanScope.AMI_CREATED;
    private static final OrphanScope UNREFERENCED = OrphanScope.UNREFERENCED;
    private static final String GONE_AMI = ami(1);
    private static final String SNAP = snap(1);
    private static final SnapshotSpec ORPHAN = snapshot(SNAP, createImageDescription(GONE_AMI));
    private static final SnapshotSpec USER_MADE = snapshot(SNAP, "before upgrade").withVolume(vol(7));
    private static final Set<String> NO_VOLUMES = Set.of();

    /** One row: a snapshot in a setting, and the single reason the plan must give for it. */
    record Case(String name, OrphanScope scope, SnapshotSpec snapshot, List<Image> images, Set<String> volumes,
                boolean delete, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("delete_whenCreateImageAmiIsGone", AMI_CREATED, ORPHAN, List.of(), null,
                        true, "orphan: " + GONE_AMI + " deregistered"),
                new Case("delete_whenCopyImageDestinationAmiIsGone", AMI_CREATED,
                        snapshot(SNAP, copyImageDescription(ami(2))), List.of(), null,
                        true, "orphan: " + ami(2) + " deregistered"),
                new Case("delete_whenAmiGoneInUnreferencedScopeEvenIfVolumeExists", UNREFERENCED, ORPHAN, List.of(),
                        Set.of(OrphanFixtures.vol(9)), true, "orphan: " + GONE_AMI + " deregistered"),
                new Case("delete_whenUnreferencedAndVolumeGone", UNREFERENCED, USER_MADE, List.of(), NO_VOLUMES,
                        true, "orphan: unreferenced, volume " + vol(7) + " gone"),
                new Case("keeps_whenAnyImageReferencesIt", AMI_CREATED, ORPHAN,
                        List.of(image(ami(3), ImageState.AVAILABLE, SNAP), image(ami(4), ImageState.DISABLED, SNAP)),
                        null, false, "referenced-by: " + ami(3) + "," + ami(4)),
                new Case("keeps_whenNamedAmiExistsButNoLongerListsIt", AMI_CREATED, ORPHAN,
                        List.of(image(GONE_AMI, ImageState.AVAILABLE, snap(2))), null, false, "ami-exists: " + GONE_AMI),
                new Case("keeps_whenNamedAmiExistsInUnreferencedScope", UNREFERENCED, ORPHAN,
                        List.of(image(GONE_AMI, ImageState.FAILED)), NO_VOLUMES, false, "ami-exists: " + GONE_AMI),
                new Case("keeps_whenOwnedByAnotherAccount", AMI_CREATED, ORPHAN.withOwner(OTHER_ACCOUNT), List.of(), null,
                        false, "not-owned"),
                new Case("keeps_whenOwnerUnknown", AMI_CREATED, ORPHAN.withOwner(null), List.of(), null,
                        false, "not-owned"),
                new Case("keeps_whenYoungerThanMinAgeDays", AMI_CREATED,
                        ORPHAN.withStartTime(NOW.minus(Duration.ofDays(6))), List.of(), null, false, "min-age"),
                new Case("keeps_whenStartTimeUnknown", AMI_CREATED, ORPHAN.withStartTime(null), List.of(), null,
                        false, "min-age"),
                new Case("keeps_whenExemptTagRetainHasAnyValue", AMI_CREATED, ORPHAN.withTags(Map.of("Retain", "")),
                        List.of(), null, false, "exempt-tag Retain"),
                new Case("keeps_whenExemptTagDoNotDelete", AMI_CREATED, ORPHAN.withTags(Map.of("DoNotDelete", "no")),
                        List.of(), null, false, "exempt-tag DoNotDelete"),
                new Case("keeps_whenAwsBackupTag", AMI_CREATED,
                        ORPHAN.withTags(Map.of("aws:backup:source-resource", "vol-0123456789abcdef0")), List.of(), null,
                        false, "aws-backup"),
                new Case("keeps_whenAwsBackupDescription", UNREFERENCED,
                        snapshot(SNAP, "This snapshot is created by the AWS Backup service."), List.of(), NO_VOLUMES,
                        false, "aws-backup"),
                new Case("keeps_whenDlmTag", AMI_CREATED,
                        ORPHAN.withTags(Map.of("aws:dlm:lifecycle-policy-id", "policy-0123456789abcdef0")), List.of(),
                        null, false, "dlm"),
                new Case("keeps_whenDlmManagedTag", AMI_CREATED, ORPHAN.withTags(Map.of("dlm:managed", "true")),
                        List.of(), null, false, "dlm"),
                new Case("keeps_whenDlmDescription", UNREFERENCED,
                        snapshot(SNAP, "Created for policy: policy-0123456789abcdef0 schedule: Default Schedule"),
                        List.of(), NO_VOLUMES, false, "dlm"),
                new Case("keeps_whenPending", AMI_CREATED, ORPHAN.withState("pending"), List.of(), null,
                        false, "pending"),
                new Case("keeps_whenRecovering", AMI_CREATED, ORPHAN.withState("recovering"), List.of(), null,
                        false, "state: recovering"),
                new Case("keeps_whenDescriptionNamesNoAmiInAmiCreatedScope", AMI_CREATED, USER_MADE, List.of(),
                        NO_VOLUMES, false, "out-of-scope"),
                new Case("keeps_whenCopiedSnapshotRepeatsAnotherRegionsAmi", AMI_CREATED,
                        snapshot(SNAP, "[Copied snap-0123456789abcdef0 from us-west-2] " + createImageDescription(GONE_AMI)),
                        List.of(), null, false, "out-of-scope"),
                new Case("keeps_whenVolumeStillExists", UNREFERENCED, USER_MADE, List.of(), Set.of(vol(7)),
                        false, "volume-exists: " + vol(7)),
                new Case("keeps_whenVolumesUnknown", UNREFERENCED, USER_MADE, List.of(), null, false, "volume-unknown"),
                new Case("keeps_whenVolumeIsCopyPlaceholder", UNREFERENCED,
                        snapshot(SNAP, "[Copied snap-0123456789abcdef0 from us-west-2] data").withVolume("vol-ffffffff"),
                        List.of(), NO_VOLUMES, false, "volume-unknown: vol-ffffffff"),
                new Case("keeps_whenVolumeIdMissing", UNREFERENCED, USER_MADE.withVolume(null), List.of(), NO_VOLUMES,
                        false, "volume-unknown"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plan_givesExactlyOneDecisionWithItsReason(Case c) {
        Plan plan = policy(c.scope()).plan(inventory(c.images(), List.of(c.snapshot().build())), c.volumes(), NOW);

        if (c.delete()) {
            assertThat(plan.kept()).isEmpty();
            assertThat(plan.actions()).singleElement().satisfies(a -> {
                assertThat(a.type()).isEqualTo(ActionType.DELETE_SNAPSHOT);
                assertThat(a.resourceType()).isEqualTo(ResourceType.SNAPSHOT);
                assertThat(a.resourceId()).isEqualTo(SNAP);
                assertThat(a.region()).isEqualTo(REGION);
                assertThat(a.reason()).isEqualTo(c.reason());
            });
        } else {
            assertThat(plan.actions()).isEmpty();
            assertThat(plan.kept()).containsExactly(new Kept(REGION, ResourceType.SNAPSHOT, SNAP, c.reason()));
        }
    }

    @Test
    void keeps_everySnapshot_whenDisabled() {
        OrphanSnapshotPolicy policy = new OrphanSnapshotPolicy(
                new OrphanSnapshotsConfig(false, 7, AMI_CREATED, List.of()));

        Plan plan = policy.plan(inventory(List.of(), List.of(ORPHAN.build())), NOW);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).extracting(Kept::reason).containsExactly("disabled");
    }

    @Test
    void keeps_whenConfiguredExemptTagPresent_andIgnoresDefaultKeysNotConfigured() {
        OrphanSnapshotPolicy policy = new OrphanSnapshotPolicy(
                new OrphanSnapshotsConfig(true, 7, AMI_CREATED, List.of("Keep")));
        Snapshot kept = ORPHAN.withTags(Map.of("Keep", "forever")).build();
        Snapshot deleted = snapshot(snap(2), createImageDescription(GONE_AMI)).withTags(Map.of("Retain", "x")).build();

        Plan plan = policy.plan(inventory(List.of(), List.of(kept, deleted)), NOW);

        assertThat(plan.kept()).extracting(Kept::reason).containsExactly("exempt-tag Keep");
        assertThat(plan.actions()).extracting(Action::resourceId).containsExactly(snap(2));
    }

    @Test
    void delete_whenExactlyMinAgeDaysOld_andKeepsOneSecondYounger() {
        Snapshot exactly = snapshot(snap(1), createImageDescription(GONE_AMI))
                .withStartTime(NOW.minus(Duration.ofDays(7))).build();
        Snapshot younger = snapshot(snap(2), createImageDescription(GONE_AMI))
                .withStartTime(NOW.minus(Duration.ofDays(7)).plusSeconds(1)).build();

        Plan plan = policy(AMI_CREATED).plan(inventory(List.of(), List.of(exactly, younger)), NOW);

        assertThat(plan.actions()).extracting(Action::resourceId).containsExactly(snap(1));
        assertThat(plan.kept()).extracting(Kept::resourceId, Kept::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(snap(2), "min-age"));
    }

    @Test
    void delete_carriesSizesAndNamedAmi_forSavingsAndRecheck() {
        Snapshot orphan = ORPHAN.withSizes(100, 5_368_709_120L).build();

        Action action = policy(AMI_CREATED).plan(inventory(List.of(), List.of(orphan)), NOW).actions().get(0);

        assertThat(action).isInstanceOfSatisfying(Action.DeleteSnapshot.class, delete -> {
            assertThat(delete.volumeSizeGiB()).isEqualTo(100);
            assertThat(delete.fullSizeBytes()).isEqualTo(5_368_709_120L);
            assertThat(delete.namedImageId()).isEqualTo(GONE_AMI);
            // What the report's detail leads with (was rewritten into the report after the run).
            assertThat(delete.detailLead()).isEqualTo("100 GiB volume, 5.00 GiB full snapshot");
            assertThat(delete.freedGiB()).isEqualTo(100);
        });
    }

    @Test
    void delete_omitsUnknownSizes() {
        Snapshot orphan = USER_MADE.withSizes(0, null).build();

        Action action = policy(UNREFERENCED).plan(inventory(List.of(), List.of(orphan)), NO_VOLUMES, NOW)
                .actions().get(0);

        assertThat(action).isInstanceOfSatisfying(Action.DeleteSnapshot.class, delete -> {
            assertThat(delete.volumeSizeGiB()).isZero();
            assertThat(delete.fullSizeBytes()).isNull();
            assertThat(delete.namedImageId()).isNull();
            assertThat(delete.detailLead()).isNull();
        });
    }

    @Test
    void plan_accountsForEverySnapshotOnce_inInventoryOrder() {
        List<Snapshot> snapshots = List.of(
                snapshot(snap(1), createImageDescription(ami(1))).build(),
                snapshot(snap(2), createImageDescription(ami(2))).build(),
                snapshot(snap(3), "mine").build(),
                snapshot(snap(4), createImageDescription(ami(4))).withOwner(OTHER_ACCOUNT).build());
        Inventory inventory = inventory(List.of(image(ami(2), ImageState.AVAILABLE, snap(2))), snapshots);

        Plan plan = policy(AMI_CREATED).plan(inventory, NOW);

        assertThat(plan.actions()).extracting(Action::resourceId).containsExactly(snap(1));
        assertThat(plan.kept()).extracting(Kept::resourceId).containsExactly(snap(2), snap(3), snap(4));
    }

    @Test
    void recheck_isEmpty_whenSnapshotStillQualifies() {
        Snapshot current = ORPHAN.build();

        assertThat(policy(AMI_CREATED).recheck(current, inventory(List.of(), List.of()), NOW)).isEmpty();
    }

    @Test
    void recheck_isEmpty_forVolumeOrphanEvenWithoutVolumeSet() {
        assertThat(policy(UNREFERENCED).recheck(USER_MADE.build(), inventory(List.of(), List.of()), NOW)).isEmpty();
    }

    static Stream<Object[]> recheckSkips() {
        return Stream.of(
                new Object[] {"gone", null, List.of(), "gone"},
                new Object[] {"now referenced", ORPHAN.build(),
                        List.of(image(ami(5), ImageState.PENDING, SNAP)), "referenced-by: " + ami(5)},
                new Object[] {"named AMI restored from Recycle Bin", ORPHAN.build(),
                        List.of(image(GONE_AMI, ImageState.AVAILABLE)), "ami-exists: " + GONE_AMI},
                new Object[] {"exempt tag added", ORPHAN.withTags(Map.of("DoNotDelete", "true")).build(), List.of(),
                        "exempt-tag DoNotDelete"},
                new Object[] {"backup took it over", ORPHAN.withTags(Map.of("aws:backup:recovery-point-arn", "arn")).build(),
                        List.of(), "aws-backup"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recheckSkips")
    void recheck_givesSkipReason_whenNoLongerAnOrphan(String name, Snapshot current, List<Image> fresh, String reason) {
        assertThat(policy(AMI_CREATED).recheck(current, inventory(fresh, List.of()), NOW)).isEqualTo(Optional.of(reason));
    }

    @Test
    void recheck_skips_whenFreshImagesAreOfAnotherRegion() {
        Inventory otherRegion = new Inventory("eu-west-1", ACCOUNT, NOW, List.of(), List.of());

        assertThat(policy(AMI_CREATED).recheck(ORPHAN.build(), otherRegion, NOW))
                .isEqualTo(Optional.of("region-mismatch: eu-west-1"));
    }

    static OrphanSnapshotPolicy policy(OrphanScope scope) {
        return new OrphanSnapshotPolicy(new OrphanSnapshotsConfig(true, 7, scope, List.of("DoNotDelete", "Retain")));
    }
}
