package dev.amihousekeeping.cli;

import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * {@code ami-housekeeping restore} against the sandbox: AMIs and snapshots a run tagged and deregistered (through the
 * sandbox, so that its Recycle Bin rules put them in the bin) come back snapshots first, untagged, and listed again.
 */
class RestoreCommandTest {

    private static final String WEB = "ami-0000000000000a001";
    private static final String WEB_SNAP = "snap-0000000000000a001";
    private static final String DISABLED_BY_US = "ami-0000000000000a002";
    private static final String DISABLED_SNAP = "snap-0000000000000a002";
    private static final String OTHER_RUN = "ami-0000000000000a003";
    private static final String OTHER_SNAP = "snap-0000000000000a003";
    private static final String DISABLED_BY_PERSON = "ami-0000000000000a004";
    private static final String PERSON_SNAP = "snap-0000000000000a004";
    private static final String PURGED_SNAP_AMI = "ami-0000000000000b001";
    private static final String PURGED_SNAP = "snap-0000000000000b001";

    /**
     * Rules as the stack makes them; three AMIs to deregister, and one of run r3 that a person disabled (no
     * HousekeepingDisabledOn); one AMI in the bin whose snapshot is gone.
     */
    private static final String SEED = """
            {"accountId":"111122223333","now":"2026-11-01T00:00:00Z","regions":{"us-east-1":{
              "recycleBinRules":[
                {"resourceType":"EC2_IMAGE","retentionDays":7,"resourceTags":[{"key":"HousekeepingRecycle","value":"true"}]},
                {"resourceType":"EBS_SNAPSHOT","retentionDays":7,"resourceTags":[{"key":"HousekeepingRecycle","value":"true"}]}],
              "images":[%s,%s,%s,%s],
              "snapshots":[%s,%s,%s,%s],
              "recycleBin":{"images":[{"recycleBinEnterTime":"2026-10-20T00:00:00Z","recycleBinExitTime":"2026-11-03T00:00:00Z",
                "image":{"imageId":"%s","name":"old-1","tags":{"HousekeepingRecycle":"true","HousekeepingRunId":"r0"},
                  "blockDeviceMappings":[{"deviceName":"/dev/xvda","snapshotId":"%s","volumeSize":8}]}}]}
            }}}""".formatted(
            image(WEB, "web-1", "available", WEB_SNAP, "\"HousekeepingNotice\":\"2026-10-20\",\"Team\":\"web\""),
            image(DISABLED_BY_US, "web-2", "disabled", DISABLED_SNAP, "\"HousekeepingDisabledOn\":\"2026-10-25\""),
            image(OTHER_RUN, "web-3", "available", OTHER_SNAP, "\"Team\":\"web\"").replace("\"r1\"", "\"r2\""),
            image(DISABLED_BY_PERSON, "web-4", "disabled", PERSON_SNAP, "\"Team\":\"web\"")
                    .replace("\"r1\"", "\"r3\""),
            snapshot(WEB_SNAP, WEB, "r1"), snapshot(DISABLED_SNAP, DISABLED_BY_US, "r1"),
            snapshot(OTHER_SNAP, OTHER_RUN, "r2"), snapshot(PERSON_SNAP, DISABLED_BY_PERSON, "r3"),
            PURGED_SNAP_AMI, PURGED_SNAP);

    @RegisterExtension
    static final SandboxHarness sandbox = SandboxHarness.start(SEED).freshEachTest();

    private static String image(String id, String name, String state, String snapshotId, String moreTags) {
        return """
                {"imageId":"%s","name":"%s","state":"%s","creationDate":"2026-09-01T00:00:00Z",
                 "tags":{"HousekeepingRecycle":"true","HousekeepingRunId":"r1",%s},
                 "blockDeviceMappings":[{"deviceName":"/dev/xvda","snapshotId":"%s","volumeSize":8}]}"""
                .formatted(id, name, state, moreTags, snapshotId);
    }

    private static String snapshot(String id, String imageId, String runId) {
        return """
                {"snapshotId":"%s","volumeId":"vol-0123456789abcdef0","volumeSize":8,"startTime":"2026-09-01T00:00:00Z",
                 "description":"Created by CreateImage(i-0123456789abcdef0) for %s",
                 "tags":{"HousekeepingRecycle":"true","HousekeepingRunId":"%s"}}""".formatted(id, imageId, runId);
    }

    /** What expiry does to each tagged AMI: deregister with its snapshots, which the rules move to the bin. */
    private static void deregisterAll() {
        Ec2Client ec2 = sandbox.ec2(REGION);
        for (String id : List.of(WEB, DISABLED_BY_US, OTHER_RUN)) {
            ec2.deregisterImage(r -> r.imageId(id).deleteAssociatedSnapshots(true));
        }
        assertThat(inBin()).contains(WEB, WEB_SNAP, DISABLED_BY_US, DISABLED_SNAP, OTHER_RUN, OTHER_SNAP);
    }

    private static CliRun restore(String... args) {
        List<String> all = new ArrayList<>(List.of("restore", "--endpoint", sandbox.endpoint().toString(),
                "--regions", REGION, "--json"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static List<String> inBin() {
        Ec2Client ec2 = sandbox.ec2(REGION);
        List<String> ids = new ArrayList<>();
        ec2.listImagesInRecycleBinPaginator(r -> { }).images().forEach(i -> ids.add(i.imageId()));
        ec2.listSnapshotsInRecycleBinPaginator(r -> { }).snapshots().forEach(s -> ids.add(s.snapshotId()));
        return ids;
    }

    private static Map<String, String> tags(String resourceId) {
        Map<String, String> tags = new TreeMap<>();
        sandbox.ec2(REGION).describeTagsPaginator(r -> r.filters(Filter.builder().name("resource-id")
                .values(resourceId).build())).tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    private static Image described(String imageId) {
        return sandbox.ec2(REGION).describeImages(r -> r.imageIds(imageId).includeDisabled(true)).images().get(0);
    }

    @Test
    void dryRun_listsTheRunsSnapshotsThenItsAmis_andChangesNothing() {
        deregisterAll();

        CliRun run = restore("--run", "r1");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_OK);
        Report report = ReportJson.read(run.out().strip());
        assertThat(report.function()).isEqualTo("restore");
        assertThat(report.dryRun()).isTrue();
        assertThat(report.actions()).extracting(ActionResult::resourceType, ActionResult::resourceId,
                ActionResult::action, ActionResult::outcome).containsExactly(
                tuple(ResourceType.SNAPSHOT, WEB_SNAP, ActionType.RESTORE, Outcome.PLANNED),
                tuple(ResourceType.SNAPSHOT, DISABLED_SNAP, ActionType.RESTORE, Outcome.PLANNED),
                tuple(ResourceType.IMAGE, WEB, ActionType.RESTORE, Outcome.PLANNED),
                tuple(ResourceType.IMAGE, DISABLED_BY_US, ActionType.RESTORE, Outcome.PLANNED));
        assertThat(report.actions().get(0).detail()).isEqualTo("in the Recycle Bin until 2026-11-08T00:00:00Z");
        assertThat(inBin()).contains(WEB, WEB_SNAP, DISABLED_BY_US, DISABLED_SNAP);
    }

    @Test
    void apply_restoresSnapshotsThenAmis_removesTheStageTags_andASecondApplyFindsNothingLeft() {
        deregisterAll();

        CliRun run = restore("--run", "r1", "--apply");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.EXIT_OK);
        Report report = ReportJson.read(run.out().strip());
        assertThat(report.actions()).extracting(ActionResult::resourceId, ActionResult::outcome).containsExactly(
                tuple(WEB_SNAP, Outcome.DONE), tuple(DISABLED_SNAP, Outcome.DONE),
                tuple(WEB, Outcome.DONE), tuple(DISABLED_BY_US, Outcome.DONE));
        assertThat(inBin()).containsExactlyInAnyOrder(OTHER_RUN, OTHER_SNAP, PURGED_SNAP_AMI);
        assertThat(described(WEB).stateAsString()).isEqualTo("available");
        assertThat(tags(WEB)).containsExactly(Map.entry("Team", "web"));
        assertThat(tags(WEB_SNAP)).isEmpty();
        assertThat(tags(DISABLED_BY_US)).isEmpty();
        // The sandbox restores a disabled AMI disabled; the disable stage's tag says it was ours to enable.
        assertThat(described(DISABLED_BY_US).stateAsString()).isEqualTo("available");
        assertThat(report.actions().get(3).detail()).contains("enabled (the disable stage disabled it)");
        assertThat(sandbox.ec2(REGION).describeImages(r -> r.owners("self")).images()).extracting(Image::imageId)
                .contains(WEB, DISABLED_BY_US);

        CliRun again = restore("--run", "r1", "--apply");
        assertThat(again.exitCode()).isEqualTo(Main.EXIT_OK);
        assertThat(ReportJson.read(again.out().strip()).actions()).isEmpty();
        CliRun table = CliRun.of("restore", "--endpoint", sandbox.endpoint().toString(), "--regions", REGION,
                "--run", "r1", "--apply");
        assertThat(table.out()).contains("Nothing selected is in the Recycle Bin of us-east-1: already restored");
    }

    @Test
    void apply_namedIdsAlreadyRestored_areSkipped_exit0() {
        deregisterAll();
        restore("--image", WEB, "--apply");

        CliRun again = restore("--image", WEB, "--snapshot", WEB_SNAP, "--apply");

        assertThat(again.exitCode()).isEqualTo(Main.EXIT_OK);
        assertThat(ReportJson.read(again.out().strip()).actions()).extracting(ActionResult::resourceId,
                ActionResult::outcome, ActionResult::detail).containsExactly(
                tuple(WEB, Outcome.SKIPPED, "already restored: not in the Recycle Bin, and EC2 lists it"),
                tuple(WEB_SNAP, Outcome.SKIPPED, "already restored: not in the Recycle Bin, and EC2 lists it"));
    }

    @Test
    void apply_namedIdPurgedFromTheBin_isSkipped_exit0() {
        CliRun run = restore("--snapshot", PURGED_SNAP, "--apply");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(ReportJson.read(run.out().strip()).actions()).extracting(ActionResult::resourceId,
                ActionResult::outcome, ActionResult::detail).containsExactly(tuple(PURGED_SNAP, Outcome.SKIPPED,
                "not in the Recycle Bin: purged when its retention ended, or never deleted"));
    }

    @Test
    void apply_anAmiSomeoneElseDisabled_comesBackDisabled() {
        sandbox.ec2(REGION).deregisterImage(r -> r.imageId(DISABLED_BY_PERSON).deleteAssociatedSnapshots(true));

        CliRun run = restore("--run", "r3", "--apply");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(ReportJson.read(run.out().strip()).actions()).extracting(ActionResult::resourceId,
                ActionResult::outcome).containsExactly(tuple(PERSON_SNAP, Outcome.DONE),
                tuple(DISABLED_BY_PERSON, Outcome.DONE));
        assertThat(described(DISABLED_BY_PERSON).stateAsString()).isEqualTo("disabled");
        assertThat(tags(DISABLED_BY_PERSON)).containsExactly(Map.entry("Team", "web"));
    }

    @Test
    void apply_namedImage_bringsItsSnapshotFirst() {
        deregisterAll();

        CliRun run = restore("--image", OTHER_RUN, "--apply");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(Main.EXIT_OK);
        assertThat(ReportJson.read(run.out().strip()).actions()).extracting(ActionResult::resourceId,
                ActionResult::reason, ActionResult::outcome).containsExactly(
                tuple(OTHER_SNAP, "snapshot of " + OTHER_RUN, Outcome.DONE), tuple(OTHER_RUN, "named", Outcome.DONE));
        assertThat(inBin()).doesNotContain(OTHER_RUN, OTHER_SNAP).contains(WEB, WEB_SNAP);
    }

    @Test
    void apply_anAmiWhoseSnapshotWasPurged_fails_exit3_andStaysInTheBin() {
        CliRun run = restore("--run", "r0", "--apply");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURES);
        ActionResult result = ReportJson.read(run.out().strip()).actions().get(0);
        assertThat(result.resourceId()).isEqualTo(PURGED_SNAP_AMI);
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.detail()).contains(PURGED_SNAP, "a snapshot purged from the bin cannot come back");
        assertThat(inBin()).contains(PURGED_SNAP_AMI);
    }

    @Test
    void badSelectors_areBadUsage_exit2_andChangeNothing() {
        deregisterAll();
        for (String[] args : List.of(new String[] {}, new String[] {"--image", "ami-12", "--apply"},
                new String[] {"--snapshot", "vol-0123456789abcdef0", "--apply"}, new String[] {"--run", " "})) {
            CliRun run = restore(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(Main.EXIT_BAD_INPUT);
            assertThat(run.err().strip()).startsWith("error: ").doesNotContain("\n");
        }
        assertThat(inBin()).contains(WEB, WEB_SNAP, DISABLED_BY_US, DISABLED_SNAP, OTHER_RUN, OTHER_SNAP);
    }
}
