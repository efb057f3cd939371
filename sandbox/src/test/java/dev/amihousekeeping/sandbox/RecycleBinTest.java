package dev.amihousekeeping.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageRecycleBinInfo;
import software.amazon.awssdk.services.ec2.model.ListSnapshotsInRecycleBinResponse;
import software.amazon.awssdk.services.ec2.model.RestoreSnapshotFromRecycleBinResponse;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotRecycleBinInfo;
import software.amazon.awssdk.services.ec2.model.TagDescription;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.amihousekeeping.sandbox.SandboxClients.ec2;
import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.TestSeeds.NOW;
import static dev.amihousekeeping.sandbox.TestSeeds.PARTNER;
import static dev.amihousekeeping.sandbox.TestSeeds.image;
import static dev.amihousekeeping.sandbox.TestSeeds.imageId;
import static dev.amihousekeeping.sandbox.TestSeeds.snapshotId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** DeregisterImage and DeleteSnapshot under Recycle Bin rules, and the EC2 actions that list and restore. */
class RecycleBinTest {

    private static final String REGION = "us-east-1";
    private static final Map<String, String> RECYCLE = Map.of("HousekeepingRecycle", "true", "HousekeepingRunId", "r1");
    private static final SeedRecycleBinRule IMAGES_7_DAYS =
            SeedRecycleBinRule.tagged(SeedRecycleBinRule.IMAGE, 7, "HousekeepingRecycle", "true");
    private static final SeedRecycleBinRule SNAPSHOTS_7_DAYS =
            SeedRecycleBinRule.tagged(SeedRecycleBinRule.SNAPSHOT, 7, "HousekeepingRecycle", "true");

    private Sandbox sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Ec2Client start(List<SeedImage> images, List<SnapshotTagging> snapshotTags, SeedRecycleBinRule... rules) {
        Seed seed = TestSeeds.seed(REGION, images);
        SeedRegion region = seed.regions().get(REGION);
        List<SeedSnapshot> snapshots = region.snapshots().stream().map(s -> snapshotTags.stream()
                .filter(t -> t.snapshotId().equals(s.snapshotId())).findFirst()
                .map(t -> s.withTags(t.tags())).orElse(s)).toList();
        SeedRegion withRules = new SeedRegion(region.images(), snapshots, null, null, null, null, null, null, null,
                List.of(rules), null);
        sandbox = Sandbox.start(0, seed.withRegion(REGION, withRules));
        return ec2(sandbox, REGION);
    }

    private record SnapshotTagging(String snapshotId, Map<String, String> tags) {
    }

    private static SeedImage recyclable(int n) {
        return image(n, "app-" + n).withTags(RECYCLE);
    }

    private static List<String> binnedImages(Ec2Client ec2) {
        return ec2.listImagesInRecycleBin(r -> { }).images().stream().map(ImageRecycleBinInfo::imageId).toList();
    }

    private static List<String> binnedSnapshots(Ec2Client ec2) {
        return ec2.listSnapshotsInRecycleBin(r -> { }).snapshots().stream().map(SnapshotRecycleBinInfo::snapshotId)
                .toList();
    }

    private static Map<String, String> tagsByDescribeTags(Ec2Client ec2, String resourceId) {
        return ec2.describeTags(r -> r.filters(Filter.builder().name("resource-id").values(resourceId).build()))
                .tags().stream().collect(java.util.stream.Collectors.toMap(TagDescription::key, TagDescription::value));
    }

    private void setClock(Instant now) {
        sandbox.load(sandbox.state().withNow(now));
    }

    @Test
    void movesImageToBin_whenItCarriesTheRuleTag() {
        Ec2Client ec2 = start(List.of(recyclable(1)), List.of(), IMAGES_7_DAYS);

        ec2.deregisterImage(r -> r.imageId(imageId(1)));

        errorOf(() -> ec2.describeImages(r -> r.imageIds(imageId(1))), "InvalidAMIID.NotFound", 400);
        assertThat(ec2.describeImages(r -> r.owners("self").includeDisabled(true)).images()).isEmpty();
        ImageRecycleBinInfo binned = ec2.listImagesInRecycleBin(r -> r.imageIds(imageId(1))).images().get(0);
        assertThat(binned.name()).isEqualTo("app-1");
        assertThat(binned.recycleBinEnterTime()).isEqualTo(NOW);
        assertThat(binned.recycleBinExitTime()).isEqualTo(NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void deletesImageForGood_whenItLacksTheRuleTag() {
        SeedImage otherValue = image(2, "two").withTags(Map.of("HousekeepingRecycle", "false"));
        Ec2Client ec2 = start(List.of(image(1, "one"), otherValue), List.of(), IMAGES_7_DAYS);

        ec2.deregisterImage(r -> r.imageId(imageId(1)));
        ec2.deregisterImage(r -> r.imageId(imageId(2)));

        assertThat(binnedImages(ec2)).isEmpty();
        errorOf(() -> ec2.restoreImageFromRecycleBin(r -> r.imageId(imageId(1))), "InvalidAMIID.NotFound", 400);
    }

    @Test
    void binsEveryImage_whenTheRuleHasNoTags() {
        Ec2Client ec2 = start(List.of(image(1, "one")), List.of(),
                SeedRecycleBinRule.everything(SeedRecycleBinRule.IMAGE, 3));

        ec2.deregisterImage(r -> r.imageId(imageId(1)));

        assertThat(binnedImages(ec2)).containsExactly(imageId(1));
    }

    @Test
    void keepsImageForTheLongestRetention_whenSeveralRulesMatch() {
        Ec2Client ec2 = start(List.of(recyclable(1)), List.of(), IMAGES_7_DAYS,
                SeedRecycleBinRule.tagged(SeedRecycleBinRule.IMAGE, 30, "HousekeepingRunId", null),
                SeedRecycleBinRule.everything(SeedRecycleBinRule.IMAGE, 2));

        ec2.deregisterImage(r -> r.imageId(imageId(1)));

        assertThat(ec2.listImagesInRecycleBin(r -> { }).images().get(0).recycleBinExitTime())
                .isEqualTo(NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void purgesImageAndSnapshot_whenRetentionEndsBySandboxClock() {
        Ec2Client ec2 = start(List.of(recyclable(1)), List.of(new SnapshotTagging(snapshotId(1), RECYCLE)),
                IMAGES_7_DAYS, SNAPSHOTS_7_DAYS);
        ec2.deregisterImage(r -> r.imageId(imageId(1)).deleteAssociatedSnapshots(true));

        setClock(NOW.plus(Duration.ofDays(7)).minusSeconds(1));
        assertThat(binnedImages(ec2)).containsExactly(imageId(1));
        assertThat(binnedSnapshots(ec2)).containsExactly(snapshotId(1));

        setClock(NOW.plus(Duration.ofDays(7)));
        assertThat(binnedImages(ec2)).isEmpty();
        assertThat(binnedSnapshots(ec2)).isEmpty();
        errorOf(() -> ec2.restoreImageFromRecycleBin(r -> r.imageId(imageId(1))), "InvalidAMIID.NotFound", 400);
        assertThat(sandbox.state().regions().get(REGION).recycleBin()).isNull();
    }

    @Test
    void addsTheSystemTagInTheBin_andRemovesItOnRestore() {
        Ec2Client ec2 = start(List.of(recyclable(1)), List.of(), IMAGES_7_DAYS);
        ec2.deregisterImage(r -> r.imageId(imageId(1)));

        assertThat(tagsByDescribeTags(ec2, imageId(1))).containsOnly(entry("HousekeepingRecycle", "true"),
                entry("HousekeepingRunId", "r1"), entry("aws:recycle-bin:resource-in-bin", "true"));
        errorOf(() -> ec2.deleteTags(r -> r.resources(imageId(1)).tags(t -> t.key("aws:recycle-bin:resource-in-bin"))),
                "InvalidParameterValue", 400);
        ec2.deleteTags(r -> r.resources(imageId(1)));
        ec2.createTags(r -> r.resources(imageId(1)).tags(t -> t.key("Restored").value("yes")));
        assertThat(tagsByDescribeTags(ec2, imageId(1))).containsOnly(entry("Restored", "yes"),
                entry("aws:recycle-bin:resource-in-bin", "true"));

        assertThat(ec2.restoreImageFromRecycleBin(r -> r.imageId(imageId(1))).returnValue()).isTrue();

        Image restored = ec2.describeImages(r -> r.imageIds(imageId(1))).images().get(0);
        assertThat(restored.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("Restored=yes");
        assertThat(binnedImages(ec2)).isEmpty();
    }

    @Test
    void hidesBinnedTags_fromDescribeTagsWithoutAResourceId() {
        Ec2Client ec2 = start(List.of(recyclable(1), recyclable(2)), List.of(), IMAGES_7_DAYS);
        ec2.deregisterImage(r -> r.imageId(imageId(1)));

        assertThat(ec2.describeTags(r -> { }).tags()).extracting(TagDescription::resourceId).containsOnly(imageId(2));
    }

    @Test
    void refusesImageRestore_untilItsSnapshotsAreRestored() {
        Ec2Client ec2 = start(List.of(recyclable(1)), List.of(new SnapshotTagging(snapshotId(1), RECYCLE)),
                IMAGES_7_DAYS, SNAPSHOTS_7_DAYS);
        ec2.deregisterImage(r -> r.imageId(imageId(1)).deleteAssociatedSnapshots(true));
        assertThat(binnedSnapshots(ec2)).containsExactly(snapshotId(1));
        assertThat(ec2.describeSnapshots(r -> r.ownerIds("self")).snapshots()).isEmpty();

        String message = errorOf(() -> ec2.restoreImageFromRecycleBin(r -> r.imageId(imageId(1))),
                "IncorrectState", 400);
        assertThat(message).contains(snapshotId(1));
        assertThat(binnedImages(ec2)).containsExactly(imageId(1));

        RestoreSnapshotFromRecycleBinResponse snapshot =
                ec2.restoreSnapshotFromRecycleBin(r -> r.snapshotId(snapshotId(1)));
        assertThat(snapshot.snapshotId()).isEqualTo(snapshotId(1));
        assertThat(snapshot.stateAsString()).isEqualTo("completed");
        assertThat(snapshot.volumeSize()).isEqualTo(8);
        assertThat(snapshot.ownerId()).isEqualTo(TestSeeds.ACCOUNT);
        assertThat(ec2.restoreImageFromRecycleBin(r -> r.imageId(imageId(1))).returnValue()).isTrue();
        assertThat(ec2.describeImages(r -> r.imageIds(imageId(1))).images()).hasSize(1);
        Snapshot restored = ec2.describeSnapshots(r -> r.snapshotIds(snapshotId(1))).snapshots().get(0);
        assertThat(restored.tags()).extracting(t -> t.key()).containsExactlyInAnyOrder("HousekeepingRecycle",
                "HousekeepingRunId");
    }

    @Test
    void refusesImageRestore_whenItsSnapshotWasDeletedForGood() {
        Ec2Client ec2 = start(List.of(recyclable(1)), List.of(), IMAGES_7_DAYS, SNAPSHOTS_7_DAYS);

        ec2.deregisterImage(r -> r.imageId(imageId(1)).deleteAssociatedSnapshots(true));

        assertThat(binnedSnapshots(ec2)).isEmpty();
        errorOf(() -> ec2.restoreImageFromRecycleBin(r -> r.imageId(imageId(1))), "IncorrectState", 400);
    }

    @Test
    void movesDisabledImageToBin_whenItCarriesTheRuleTag() {
        Ec2Client ec2 = start(List.of(recyclable(1)), List.of(), IMAGES_7_DAYS);
        ec2.disableImage(r -> r.imageId(imageId(1)));
        assertThat(ec2.describeImages(r -> r.owners("self")).images()).isEmpty();
        assertThat(ec2.describeImages(r -> r.owners("self").includeDisabled(true)).images())
                .extracting(Image::stateAsString).containsExactly("disabled");

        ec2.deregisterImage(r -> r.imageId(imageId(1)));

        assertThat(ec2.describeImages(r -> r.owners("self").includeDisabled(true)).images()).isEmpty();
        assertThat(binnedImages(ec2)).containsExactly(imageId(1));
    }

    @Test
    void restoresImageAsItWas_withLaunchPermissionsAndDisabledState() {
        SeedImage shared = recyclable(1).withSharing(false, List.of(SeedLaunchPermission.user(PARTNER)));
        Ec2Client ec2 = start(List.of(shared, recyclable(2)), List.of(), IMAGES_7_DAYS);
        ec2.disableImage(r -> r.imageId(imageId(2)));
        assertThat(ec2.describeImages(r -> r.owners("self")).images()).extracting(Image::imageId)
                .containsExactly(imageId(1));
        assertThat(ec2.describeImages(r -> r.owners("self").includeDisabled(true)).images().get(1).stateAsString())
                .isEqualTo("disabled");

        ec2.deregisterImage(r -> r.imageId(imageId(1)));
        ec2.deregisterImage(r -> r.imageId(imageId(2)));
        assertThat(binnedImages(ec2)).containsExactly(imageId(1), imageId(2));
        ec2.restoreImageFromRecycleBin(r -> r.imageId(imageId(1)));
        ec2.restoreImageFromRecycleBin(r -> r.imageId(imageId(2)));

        assertThat(ec2.describeImageAttribute(r -> r.imageId(imageId(1)).attribute("launchPermission"))
                .launchPermissions()).extracting(p -> p.userId()).containsExactly(PARTNER);
        assertThat(ec2.describeImages(r -> r.imageIds(imageId(2)).includeDisabled(true)).images().get(0)
                .stateAsString()).isEqualTo("disabled");
    }

    @Test
    void movesDeletedSnapshotToBin_andListsItInPages() {
        Ec2Client ec2 = start(List.of(), List.of());
        sandbox.load(sandbox.state().withRegion(REGION, SeedRegion.of(List.of(),
                List.of(TestSeeds.snapshot(1).withTags(RECYCLE), TestSeeds.snapshot(2).withTags(RECYCLE),
                        TestSeeds.snapshot(3))).withRecycleBinRules(List.of(SNAPSHOTS_7_DAYS))));

        for (int n = 1; n <= 3; n++) {
            int id = n;
            ec2.deleteSnapshot(r -> r.snapshotId(snapshotId(id)));
        }

        ListSnapshotsInRecycleBinResponse first = ec2.listSnapshotsInRecycleBin(r -> r.maxResults(1));
        assertThat(first.snapshots()).extracting(SnapshotRecycleBinInfo::snapshotId).containsExactly(snapshotId(1));
        assertThat(first.snapshots().get(0).volumeId()).isEqualTo(String.format("vol-%017x", 1));
        assertThat(first.snapshots().get(0).description()).startsWith("Created by CreateImage");
        ListSnapshotsInRecycleBinResponse second =
                ec2.listSnapshotsInRecycleBin(r -> r.maxResults(1).nextToken(first.nextToken()));
        assertThat(second.snapshots()).extracting(SnapshotRecycleBinInfo::snapshotId).containsExactly(snapshotId(2));
        assertThat(second.nextToken()).isNull();
        assertThat(ec2.listSnapshotsInRecycleBinPaginator(r -> r.maxResults(1)).snapshots())
                .extracting(SnapshotRecycleBinInfo::snapshotId).containsExactly(snapshotId(1), snapshotId(2));
        errorOf(() -> ec2.listSnapshotsInRecycleBin(r -> r.maxResults(1001)), "InvalidParameterValue", 400);
        errorOf(() -> ec2.restoreSnapshotFromRecycleBin(r -> r.snapshotId(snapshotId(3))),
                "InvalidSnapshot.NotFound", 400);
    }
}
