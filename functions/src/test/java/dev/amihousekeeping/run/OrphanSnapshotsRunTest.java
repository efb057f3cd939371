package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.OrphanFixture.EAST;
import static dev.amihousekeeping.run.OrphanFixture.WEST;
import static dev.amihousekeeping.run.OrphanFixture.ami;
import static dev.amihousekeeping.run.OrphanFixture.snap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedVolume;
import dev.amihousekeeping.testing.SandboxHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * orphan-snapshots end to end: the real SDK against a sandbox seeded with {@code orphans/tricky-seed.json}.
 * That fixture holds, in us-east-1: snapshots of available, pending (a CopyImage in progress, one of whose
 * snapshots its mapping does not list yet), disabled, deprecated and failed AMIs; snapshots whose named AMI still
 * exists but no longer lists them; an AMI registered from an old CreateImage snapshot; AWS Backup and DLM
 * snapshots, some with CreateImage wording for a gone AMI (Backup and DLM make AMIs too); exempt, young and
 * pending ones; CopySnapshot copies and user snapshots; another account's snapshot. In eu-west-1: a live and a
 * gone CopyImage copy. Exactly six are orphans.
 */
class OrphanSnapshotsRunTest {

    private static final String POLICY = "{\"orphanSnapshots\":{\"minAgeDays\":7,\"scope\":\"ami-created\"}}";

    /** region/snapshot of every orphan in the fixture. */
    private static final Set<String> ORPHANS = Set.of(EAST + "/" + snap(41), EAST + "/" + snap(42),
            EAST + "/" + snap(43), EAST + "/" + snap(44), EAST + "/" + snap(91), WEST + "/" + snap(202));

    private static final Map<String, String> KEPT = keptReasons();

    private final SandboxHarness env = OrphanFixture.sandbox();

    @AfterEach
    void close() {
        env.close();
    }

    private static Map<String, String> keptReasons() {
        Map<String, String> kept = new TreeMap<>();
        kept.put(snap(1), "referenced-by: " + ami(101));
        kept.put(snap(2), "referenced-by: " + ami(101));
        kept.put(snap(11), "ami-exists: " + ami(102));
        kept.put(snap(12), "referenced-by: " + ami(102));
        kept.put(snap(21), "referenced-by: " + ami(103));    // pending copy
        kept.put(snap(22), "ami-exists: " + ami(104));       // pending copy that does not list it yet
        kept.put(snap(23), "referenced-by: " + ami(104));
        kept.put(snap(31), "referenced-by: " + ami(105));    // disabled
        kept.put(snap(32), "referenced-by: " + ami(106));    // deprecated
        kept.put(snap(33), "referenced-by: " + ami(107));    // failed
        kept.put(snap(34), "referenced-by: " + ami(108));
        kept.put(snap(35), "referenced-by: " + ami(108));    // named AMI gone, registered again from it
        kept.put(snap(51), "aws-backup");
        kept.put(snap(52), "aws-backup");
        kept.put(snap(53), "dlm");
        kept.put(snap(54), "dlm");
        kept.put(snap(61), "exempt-tag DoNotDelete");
        kept.put(snap(62), "exempt-tag Retain");
        kept.put(snap(63), "min-age");
        kept.put(snap(64), "pending");
        kept.put(snap(71), "out-of-scope");
        kept.put(snap(72), "out-of-scope");                  // CopySnapshot repeating a CreateImage wording
        kept.put(snap(73), "out-of-scope");
        kept.put(snap(74), "out-of-scope");
        kept.put(snap(201), "referenced-by: " + ami(201));
        kept.put(snap(203), "out-of-scope");
        return kept;
    }

    private static Set<String> ids(Report report, Outcome outcome) {
        return report.actions().stream().filter(a -> a.outcome() == outcome)
                .map(a -> a.region() + "/" + a.resourceId()).collect(Collectors.toSet());
    }

    private static Map<String, String> kept(Report report) {
        return report.kept().stream().filter(k -> k.resourceType() == ResourceType.SNAPSHOT)
                .collect(Collectors.toMap(Kept::resourceId, Kept::reason, (a, b) -> a + " | " + b, TreeMap::new));
    }

    @Test
    void apply_deletesExactlyTheOrphans_andKeepsEverySnapshotSomethingStillNeeds() {
        Set<String> eastBefore = env.snapshotIds(EAST);
        Set<String> westBefore = env.snapshotIds(WEST);

        Report report = OrphanFixture.run(env, POLICY, true);

        assertThat(report.errors()).isEmpty();
        assertThat(ids(report, Outcome.DONE)).containsExactlyInAnyOrderElementsOf(ORPHANS);
        assertThat(report.actions()).hasSize(ORPHANS.size());
        assertThat(kept(report)).isEqualTo(KEPT);
        eastBefore.removeAll(env.snapshotIds(EAST));
        westBefore.removeAll(env.snapshotIds(WEST));
        assertThat(eastBefore).as("deleted in us-east-1")
                .containsExactlyInAnyOrder(snap(41), snap(42), snap(43), snap(44), snap(91));
        assertThat(westBefore).as("deleted in eu-west-1").containsExactly(snap(202));
        assertThat(env.snapshotIds(EAST)).as("another account's snapshot is never ours to judge").contains(snap(81));
        assertThat(report.hasFailures()).isFalse();
        assertThat(env.callLog().toString()).as("volume ids are read only in scope unreferenced").doesNotContain("DescribeVolumes");
    }

    @Test
    void invariant7_secondApplyChangesNothing() {
        OrphanFixture.run(env, POLICY, true);
        var after = env.state();

        Report second = OrphanFixture.run(env, POLICY, true);

        assertThat(second.actions()).isEmpty();
        assertThat(kept(second)).isEqualTo(KEPT);
        assertThat(env.state()).isEqualTo(after);
    }

    @Test
    void invariant1_dryRunPlansTheSameDeletionsWithSizesAndSaving_andChangesNothing() {
        var before = env.state();

        Report report = OrphanFixture.run(env, POLICY, false);

        assertThat(env.state()).isEqualTo(before);
        assertThat(report.dryRun()).isTrue();
        assertThat(ids(report, Outcome.PLANNED)).containsExactlyInAnyOrderElementsOf(ORPHANS);
        assertThat(report.actions()).extracting(ActionResult::resourceId, ActionResult::reason, ActionResult::detail)
                .contains(tuple(snap(41), "orphan: " + ami(191) + " deregistered", "8 GiB volume, 2.00 GiB full snapshot"),
                        tuple(snap(42), "orphan: " + ami(192) + " deregistered", "50 GiB volume"),
                        tuple(snap(43), "orphan: ami-1a2b3c4d deregistered", "20 GiB volume"),
                        tuple(snap(202), "orphan: " + ami(291) + " deregistered", "30 GiB volume, 10.00 GiB full snapshot"));
        // 8 + 50 + 20 + 8 + 16 + 30 GiB at $0.05 per GiB-month
        assertThat(report.estimatedMonthlySavingsUsd()).isEqualTo(6.6);
        assertThat(kept(report)).isEqualTo(KEPT);
    }

    @Test
    void deleteSnapshot_inUseAndNotFound_areReportedOutcomes_andTheOtherDeletionsGoOn() {
        // The first DeleteSnapshot (snap 41, plan order) answers InUse, the second (snap 42) NotFound.
        env.fault("{\"action\":\"DeleteSnapshot\",\"error\":\"InvalidSnapshot.InUse\",\"times\":1}");
        env.fault("{\"action\":\"DeleteSnapshot\",\"error\":\"InvalidSnapshot.NotFound\",\"times\":1}");

        Report report = OrphanFixture.run(env, POLICY, true);

        assertThat(report.actions()).filteredOn(a -> a.outcome() == Outcome.SKIPPED)
                .extracting(ActionResult::resourceId, a -> a.detail().replaceAll(";.*", ""))
                .containsExactlyInAnyOrder(tuple(snap(41), "8 GiB volume, 2.00 GiB full snapshot"),
                        tuple(snap(42), "50 GiB volume"));
        assertThat(report.actions()).filteredOn(a -> a.resourceId().equals(snap(41))).singleElement()
                .satisfies(a -> assertThat(a.detail()).contains("InvalidSnapshot.InUse"));
        assertThat(report.actions()).filteredOn(a -> a.resourceId().equals(snap(42))).singleElement()
                .satisfies(a -> assertThat(a.detail()).contains("snapshot already deleted (InvalidSnapshot.NotFound)"));
        assertThat(ids(report, Outcome.DONE)).hasSize(ORPHANS.size() - 2);
        assertThat(report.hasFailures()).isFalse();
        assertThat(env.snapshotIds(EAST)).contains(snap(41), snap(42));
    }

    @Test
    void invariant6_recheckKeepsSnapshot_thatADisabledImageStartedUsingAfterPlanning() {
        String[] raced = new String[1];
        // Between planning and applying, someone registers an AMI from snap 91 and disables it.
        RunLog userActsMeanwhile = new RunLog() {
            @Override
            public void applying(RunRequest run, List<Action> actions) {
                raced[0] = registerDisabledImageFrom(snap(91));
            }

            @Override
            public void action(RunRequest run, ActionResult result) {
            }

            @Override
            public void run(RunRequest run, Report report, Duration took) {
            }
        };

        Report report = OrphanFixture.run(env, userActsMeanwhile).run(OrphanFixture.request(env, POLICY, true));

        assertThat(report.actions()).filteredOn(a -> a.resourceId().equals(snap(91))).singleElement()
                .satisfies(a -> {
                    assertThat(a.outcome()).isEqualTo(Outcome.SKIPPED);
                    assertThat(a.detail()).isEqualTo("16 GiB volume; re-check: referenced-by: " + raced[0]);
                });
        assertThat(env.snapshotIds(EAST)).contains(snap(91));
        assertThat(ids(report, Outcome.DONE)).hasSize(ORPHANS.size() - 1);
    }

    @Test
    void aSnapshotAnAmiStartedUsingAfterTheReadAhead_isStillKept_byEc2sOwnRefusal() {
        String[] raced = new String[1];
        // After the first deletion: the window's read-ahead was before it, so only EC2's InUse refusal is left.
        RunLog userActsMeanwhile = new RunLog() {
            @Override
            public void action(RunRequest run, ActionResult result) {
                if (raced[0] == null) {
                    raced[0] = registerDisabledImageFrom(snap(91));
                }
            }

            @Override
            public void run(RunRequest run, Report report, Duration took) {
            }
        };

        Report report = OrphanFixture.run(env, userActsMeanwhile).run(OrphanFixture.request(env, POLICY, true));

        assertThat(report.actions()).filteredOn(a -> a.resourceId().equals(snap(91))).singleElement()
                .satisfies(a -> {
                    assertThat(a.outcome()).isEqualTo(Outcome.SKIPPED);
                    assertThat(a.detail()).contains("InvalidSnapshot.InUse").contains(raced[0]);
                });
        assertThat(env.snapshotIds(EAST)).contains(snap(91));
        assertThat(report.hasFailures()).isFalse();
    }

    private String registerDisabledImageFrom(String snapshotId) {
        var ec2 = env.clients().ec2(EAST);
        String imageId = ec2.registerImage(r -> r.name("restored-from-" + snapshotId).rootDeviceName("/dev/xvda")
                .blockDeviceMappings(b -> b.deviceName("/dev/xvda").ebs(e -> e.snapshotId(snapshotId))))
                .imageId();
        ec2.disableImage(r -> r.imageId(imageId));
        return imageId;
    }

    @Test
    void invariant5_planOverTheCap_deletesNothing_andReportsWhy() {
        var before = env.state();

        Report report = OrphanFixture.run(env, "{\"maxActionsPerRun\":5}", true);

        assertThat(env.state()).isEqualTo(before);
        assertThat(report.actions()).hasSize(6).allMatch(a -> a.outcome() == Outcome.SKIPPED);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(Executor.MAX_ACTIONS_EXCEEDED);
            assertThat(e.message()).endsWith("more than maxActionsPerRun 5: nothing was applied");
        });
    }

    @Test
    void regionThatCannotBeRead_isReported_andTheOtherRegionGoesOn() {
        env.fault("{\"action\":\"DescribeImages\",\"region\":\"eu-west-1\",\"error\":\"UnauthorizedOperation\"}");

        Report report = OrphanFixture.run(env, POLICY, true);

        assertThat(report.errors()).extracting(e -> e.region(), e -> e.code())
                .containsExactly(tuple(WEST, "UnauthorizedOperation"));
        assertThat(report.errors().get(0).message()).startsWith("DescribeImages: ")
                .endsWith("nothing was planned in this region");
        assertThat(ids(report, Outcome.DONE)).allMatch(id -> id.startsWith(EAST)).hasSize(5);
        assertThat(env.snapshotIds(WEST)).contains(snap(202));
        assertThat(report.hasFailures()).isTrue();
    }

    @Test
    void unreferencedScope_deletesASnapshotWhoseVolumeIsGone_andKeepsOneWhoseVolumeStillExists() {
        Seed seed = OrphanFixture.trickySeed();
        env.sandbox().load(seed.withRegion(EAST, seed.regions().get(EAST).withVolumes(
                List.of(SeedVolume.of("vol-0e1d2c3b4a5f60071", null, "in-use")))));

        Report report = OrphanFixture.run(env, "{\"orphanSnapshots\":{\"scope\":\"unreferenced\"}}", true);

        assertThat(report.actions()).filteredOn(a -> a.outcome() == Outcome.DONE)
                .extracting(a -> a.region() + "/" + a.resourceId(), ActionResult::reason)
                .contains(tuple(EAST + "/" + snap(74), "orphan: unreferenced, volume vol-0e1d2c3b4a5f60074 gone"),
                        tuple(WEST + "/" + snap(203), "orphan: unreferenced, volume vol-0e1d2c3b4a5f60203 gone"));
        assertThat(kept(report)).containsEntry(snap(71), "volume-exists: vol-0e1d2c3b4a5f60071")
                .containsEntry(snap(72), "volume-unknown: vol-ffffffff");
        assertThat(env.snapshotIds(EAST)).contains(snap(71)).doesNotContain(snap(74));
        assertThat(env.snapshotIds(WEST)).doesNotContain(snap(203));
        assertThat(report.kept()).noneMatch(k -> k.resourceType() == ResourceType.ACCOUNT);
        assertThat(report.hasFailures()).isFalse();
    }

    @Test
    void unreferencedScope_withoutDescribeVolumes_keepsSnapshotsThatNameNoAmi_andSaysWhy() {
        // An endpoint that lacks DescribeVolumes (an older emulator) answers as EC2 does for any unknown action.
        Report report = unreferencedWithVolumesUnread(
                "{\"action\":\"DescribeVolumes\",\"error\":\"InvalidAction\",\"status\":400}");

        List<Kept> notes = report.kept().stream().filter(k -> k.resourceType() == ResourceType.ACCOUNT).toList();
        assertThat(notes).extracting(Kept::region).containsExactly(EAST, WEST);
        assertThat(notes).extracting(Kept::reason).allSatisfy(reason -> assertThat(reason)
                .startsWith("volume-unknown: the endpoint does not offer DescribeVolumes")
                .endsWith("snapshots whose description names no AMI are kept"));
        assertThat(report.hasFailures()).isFalse();
        assertThat(env.callLog().toString()).contains("DescribeVolumes");
    }

    @Test
    void unreferencedScope_whenVolumesCannotBeRead_reportsIt_andStillDeletesTheAmiNamedOrphans() {
        env.fault("{\"action\":\"DescribeVolumes\",\"error\":\"UnauthorizedOperation\"}");

        Report report = OrphanFixture.run(env, "{\"orphanSnapshots\":{\"scope\":\"unreferenced\"}}", true);

        assertThat(ids(report, Outcome.DONE)).containsExactlyInAnyOrderElementsOf(ORPHANS);
        assertThat(kept(report)).containsEntry(snap(71), "volume-unknown");
        assertThat(report.errors()).extracting(e -> e.region(), e -> e.code()).containsExactly(
                tuple(EAST, OrphanSnapshotsRun.VOLUMES_UNREADABLE), tuple(WEST, OrphanSnapshotsRun.VOLUMES_UNREADABLE));
        assertThat(report.errors().get(0).message()).isEqualTo("DescribeVolumes: UnauthorizedOperation: You are not "
                + "authorized to perform this operation.; snapshots whose description names no AMI are kept");
        assertThat(report.hasFailures()).isTrue();
    }

    /** Invariant 12: volumes that cannot be read, however the endpoint says so, are never taken as gone. */
    @Test
    void unreferencedScope_keepsSnapshotsThatNameNoAmi_whenDescribeVolumesAnswersABare500() {
        unreferencedWithVolumesUnread("{\"action\":\"DescribeVolumes\",\"error\":null,\"status\":500}");

        assertThat(env.snapshotIds(EAST)).contains(snap(71), snap(72), snap(74));
    }

    /**
     * The unreferenced scope, applied, with DescribeVolumes answering {@code fault}: the AMI-named orphans go, and
     * every snapshot that names no AMI is kept as {@code volume-unknown}.
     */
    private Report unreferencedWithVolumesUnread(String fault) {
        env.fault(fault);

        Report report = OrphanFixture.run(env, "{\"orphanSnapshots\":{\"scope\":\"unreferenced\"}}", true);

        assertThat(ids(report, Outcome.DONE)).containsExactlyInAnyOrderElementsOf(ORPHANS);
        assertThat(kept(report)).containsEntry(snap(71), "volume-unknown").containsEntry(snap(74), "volume-unknown")
                .containsEntry(snap(203), "volume-unknown")
                .containsEntry(snap(72), "volume-unknown: vol-ffffffff");
        return report;
    }

    @Test
    void disabledFunction_readsNothing_andSaysSo() {
        Report report = OrphanFixture.run(env, "{\"orphanSnapshots\":{\"enabled\":false}}", true);

        assertThat(report.actions()).isEmpty();
        assertThat(report.kept()).extracting(Kept::reason)
                .containsExactly("ignored: orphanSnapshots.enabled is false");
        assertThat(env.callLog().toString().replaceAll("\\s", "")).contains("\"total\":0");
    }
}
