package dev.amihousekeeping.ec2;

import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.TestActions;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedGenerator;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.sandbox.SeedSnapshot;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The re-check's batched reads against the sandbox: the calls they cost, that an id the batch does not show is
 * asked for on its own (so "gone" is always EC2's answer to that id), and that a resource changed by one action is
 * read again for the next.
 */
class RecheckReadAheadSandboxTest {

    @RegisterExtension
    static final SandboxHarness fixture = SandboxHarness.start(seed()).freshEachTest();

    private final Recheck recheck = Recheck.stillPresent(fixture.gateway());

    private static Seed seed() {
        return Seed.parse(Ec2GatewaySandboxTest.SEED);
    }

    /** The calls of each read the test made in {@code REGION}. */
    private static void assertReads(int describeImages, int describeSnapshots) {
        assertThat(fixture.calls(REGION, "DescribeImages")).as("DescribeImages").isEqualTo(describeImages);
        assertThat(fixture.calls(REGION, "DescribeSnapshots")).as("DescribeSnapshots").isEqualTo(describeSnapshots);
    }

    private static Action on(ResourceType type, String id, ActionType action) {
        return TestActions.of(REGION, type, id, action, "test");
    }

    @Test
    void batchedReads_answerForEveryIdAsked_acrossBatchesOfAHundred() {
        Seed seed = SeedGenerator.generate("images=400,snapshots=450,seed=5");
        fixture.load(seed);
        List<String> imageIds = seed.regions().get(REGION).images().stream().map(SeedImage::imageId).toList();
        List<String> snapshotIds = seed.regions().get(REGION).snapshots().stream()
                .filter(s -> s.ownerId() == null || s.ownerId().equals(seed.accountId()))
                .map(SeedSnapshot::snapshotId).toList();
        List<String> asked = new ArrayList<>(imageIds);
        asked.add("ami-0fffffffffffffff0");

        Map<String, Image> images = fixture.gateway().describeImages(REGION, asked);
        var snapshots = fixture.gateway().describeSnapshots(REGION, snapshotIds);

        assertThat(images.keySet()).containsExactlyInAnyOrderElementsOf(imageIds);
        assertThat(snapshots.keySet()).containsExactlyInAnyOrderElementsOf(snapshotIds);
        assertReads((asked.size() + 99) / 100, (snapshotIds.size() + 99) / 100);
    }

    @Test
    void imagesUsingSnapshots_mapsEachSnapshotToItsUsers_withEveryAskedIdAKey() {
        Map<String, List<Image>> users = fixture.gateway().imagesUsingSnapshots(REGION,
                List.of("snap-00000000000000001", "snap-0000000000000000a", "snap-0000000000000000b"));

        assertThat(users.get("snap-00000000000000001")).extracting(Image::imageId)
                .containsExactly("ami-00000000000000001");
        assertThat(users.get("snap-0000000000000000a")).extracting(Image::imageId)
                .containsExactlyInAnyOrder("ami-00000000000000001", "ami-00000000000000002");
        assertThat(users.get("snap-0000000000000000b")).isEmpty();
        assertThat(fixture.calls(REGION, "DescribeImages")).isEqualTo(1);
    }

    @Test
    void aWindowOfImagesAndSnapshots_isReadInOneCallEach_andEachActionUsesIt() {
        List<Action> window = List.of(
                on(ResourceType.IMAGE, "ami-00000000000000001", ActionType.DEPRECATE),
                on(ResourceType.IMAGE, "ami-00000000000000003", ActionType.DEREGISTER),
                on(ResourceType.SNAPSHOT, "snap-00000000000000001", ActionType.DELETE_SNAPSHOT),
                on(ResourceType.SNAPSHOT, "snap-0000000000000000b", ActionType.DELETE_SNAPSHOT));

        recheck.prepare(window);
        List<Optional<String>> reasons = new ArrayList<>();
        for (Action action : window) {
            reasons.add(recheck.skipReason(action));
        }

        assertThat(reasons).containsExactly(Optional.empty(),
                Optional.of("re-check: deregistration protection is on"), Optional.empty(), Optional.empty());
        assertReads(1, 1);
    }

    @Test
    void anIdTheWindowDidNotShow_isAskedForOnItsOwn_beforeItIsCalledGone() {
        Action gone = on(ResourceType.SNAPSHOT, "snap-0ffffffffffffff00", ActionType.DELETE_SNAPSHOT);
        Action notInWindow = on(ResourceType.IMAGE, "ami-00000000000000002", ActionType.DEPRECATE);

        recheck.prepare(List.of(gone));
        Optional<String> goneReason = recheck.skipReason(gone);
        Optional<String> notInWindowReason = recheck.skipReason(notInWindow);

        assertThat(goneReason).contains("re-check: snapshot snap-0ffffffffffffff00 no longer exists");
        assertThat(notInWindowReason).isEmpty();
        // The batch, then the single read that confirmed the snapshot is gone; the image was read on its own.
        assertReads(1, 2);
    }

    @Test
    void aResourceChangedByOneAction_isReadAgainForTheNext() {
        Action tag = on(ResourceType.IMAGE, "ami-00000000000000002", ActionType.TAG);
        Action deregister = on(ResourceType.IMAGE, "ami-00000000000000002", ActionType.DEREGISTER);
        recheck.prepare(List.of(tag, deregister));

        assertThat(recheck.skipReason(tag)).isEmpty();
        // What the tag action's apply would have been is beside the point: someone protects the image now.
        fixture.clients().ec2(REGION).enableImageDeregistrationProtection(r -> r.imageId("ami-00000000000000002"));
        Optional<String> second = recheck.skipReason(deregister);

        assertThat(second).contains("re-check: deregistration protection is on");
        assertThat(fixture.calls(REGION, "DescribeImages")).isEqualTo(2);
    }

    @Test
    void copiesOfOneSource_shareOneRead_sinceACopyDoesNotChangeItsSource() {
        List<Action> copies = Stream.of("eu-west-1", "ap-southeast-2")
                .map(destination -> (Action) new Action.Copy(destination, "ami-00000000000000002", "dr", REGION,
                        "web-2", null, null, null, true, Map.of(), List.of()))
                .toList();

        recheck.prepare(copies);
        for (Action copy : copies) {
            assertThat(recheck.skipReason(copy)).isEmpty();
        }

        assertThat(fixture.calls(REGION, "DescribeImages")).isEqualTo(1);
    }
}
