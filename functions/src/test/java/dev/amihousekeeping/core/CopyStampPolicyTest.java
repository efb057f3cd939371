package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.CopyFixtures.EU;
import static dev.amihousekeeping.core.CopyFixtures.SOURCE_REGION;
import static dev.amihousekeeping.core.CopyFixtures.WEST;
import static dev.amihousekeeping.core.CopyFixtures.ami;
import static dev.amihousekeeping.core.CopyFixtures.config;
import static dev.amihousekeeping.core.CopyFixtures.destinations;
import static dev.amihousekeeping.core.CopyFixtures.emptyDestinations;
import static dev.amihousekeeping.core.CopyFixtures.snap;
import static dev.amihousekeeping.core.CopyFixtures.source;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.groups.Tuple.tuple;

import dev.amihousekeeping.config.TagOnCreateConfig;
import dev.amihousekeeping.core.CopyFixtures.ConfigSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CopyStampPolicyTest {

    private static final String SOURCE = ami(1);
    private static final String ARN = "arn:aws:sts::111122223333:assumed-role/ImageBuilderRole/build-pipeline";
    private static final Instant EVENT = Instant.parse("2026-11-01T09:30:00Z");
    private static final String RETENTION = "2027-01-30";
    private static final ConfigSpec BOTH = config(WEST, EU);

    /** The source as its event finds it: selected, named, not stamped yet, one snapshot. */
    private static Image unstamped() {
        return source(SOURCE).tag("Name", "web").snapshots(snap(1)).build();
    }

    /** Tag-on-create's plan for {@code source}: creator and a 90-day retention, where they are missing. */
    private static Plan stampOf(Image source) {
        return new TagOnCreatePolicy(new TagOnCreateConfig(true, "CreatedBy", 90), CopyFixtures.EXPIRY_KEYS)
                .plan(source, List.of(new Snapshot(SOURCE_REGION, snap(1), "vol-0123456789abcdef0", 8, EVENT, null,
                        ACCOUNT, "completed", Map.of(), null)), ARN, source.creationDate(), EVENT);
    }

    /** A copy this tool made of {@code source} in {@code region} before it was stamped, as CopyImageTags made it. */
    private static TestImage copyIn(String region, int n, Image source) {
        TestImage copy = source(ami(n)).region(region).name(source.name())
                .copiedFrom(source.imageId(), source.region())
                .tag(CrossRegionCopyPolicy.SOURCE_AMI_TAG, source.imageId())
                .tag(CrossRegionCopyPolicy.SOURCE_REGION_TAG, source.region());
        source.tags().forEach(copy::tag);
        return copy;
    }

    @Test
    void tagsEachCopy_inItsRegion_withTheStampItLacks_whenTheRunStampsTheSource() {
        Image source = unstamped();
        Image west = copyIn(WEST, 0xa1, source).build();
        Image eu = copyIn(EU, 0xe1, source).state(ImageState.PENDING).build();

        Plan plan = BOTH.stampPolicy().plan(source, stampOf(source), destinations(List.of(WEST, EU), west, eu));

        assertThat(plan.actions()).extracting(Action::region, Action::resourceType, Action::resourceId,
                Action::type, Action::reason).containsExactlyInAnyOrder(
                tuple(WEST, ResourceType.IMAGE, ami(0xa1), ActionType.TAG,
                        "copy-stamp CreatedBy, DeleteOn=" + RETENTION + " (as on its source " + SOURCE + " in "
                                + SOURCE_REGION + ")"),
                tuple(EU, ResourceType.IMAGE, ami(0xe1), ActionType.TAG,
                        "copy-stamp CreatedBy, DeleteOn=" + RETENTION + " (as on its source " + SOURCE + " in "
                                + SOURCE_REGION + ")"));
        assertThat(plan.actions()).allSatisfy(action -> assertThat(TestActions.tags(action))
                .containsOnly(entry("CreatedBy", ARN), entry("DeleteOn", RETENTION)));
        assertThat(plan.kept()).isEmpty();
    }

    /**
     * The property the fix is for: a copy made before the stamp, once tagged, holds what a copy made after it
     * holds, whatever {@code copyTags} and {@code retainCopies} say. Without {@code retainCopies} no copy carries
     * the source's expiry tag, CopyImageTags or not.
     */
    @ParameterizedTest(name = "copyTags={0}, retainCopies={1}")
    @CsvSource({"true, true, 'CreatedBy,DeleteOn'", "true, false, CreatedBy", "false, true, DeleteOn",
            "false, false, ''"})
    void copyMadeBeforeTheStamp_endsWithTheTagsOfACopyMadeAfterIt(boolean copyTags, boolean retainCopies,
            String added) {
        ConfigSpec config = config(WEST).copyTags(copyTags).retainCopies(retainCopies);
        Image source = unstamped();
        Plan stamp = stampOf(source);
        Image stamped = withTags(source, TestActions.tags(stamp.actions().get(0)));
        CopyFixtures.Ec2 before = new CopyFixtures.Ec2(emptyDestinations());
        before.apply(config.policy().plan(source, ACCOUNT, emptyDestinations(), NOW), source);
        CopyFixtures.Ec2 after = new CopyFixtures.Ec2(emptyDestinations());
        after.apply(config.policy().plan(stamped, ACCOUNT, emptyDestinations(), NOW), stamped);
        Image early = before.destinationImages.get(WEST).get(0);

        Plan plan = config.stampPolicy().plan(source, stamp, before.destinationImages);

        Map<String, String> tagged = new HashMap<>(early.tags());
        plan.actions().forEach(action -> TestActions.tags(action).forEach(tagged::putIfAbsent));
        assertThat(tagged).isEqualTo(after.destinationImages.get(WEST).get(0).tags());
        assertThat(plan.actions()).flatExtracting(action -> TestActions.tags(action).keySet())
                .containsExactlyElementsOf(added.isEmpty() ? List.of() : List.of(added.split(",")));
    }

    @Test
    void neverOverwrites_aTagTheCopyHas() {
        Image source = unstamped();
        Image ownCreator = copyIn(WEST, 0xa1, source).tag("CreatedBy", "someone-else").build();
        Image ownDate = copyIn(EU, 0xe1, source).tag("DeleteOn", "2030-01-01").build();

        Plan plan = BOTH.stampPolicy().plan(source, stampOf(source),
                destinations(List.of(WEST, EU), ownCreator, ownDate));

        assertThat(plan.actions()).extracting(Action::resourceId, action -> TestActions.tags(action))
                .containsExactlyInAnyOrder(
                        tuple(ami(0xa1), Map.of("DeleteOn", RETENTION)),
                        tuple(ami(0xe1), Map.of("CreatedBy", ARN)));
    }

    @Test
    void keepsTheCopy_whenItHasEveryTagOfTheStamp_orAnotherExpiryKeyAndTheCreator() {
        Image source = unstamped();
        Image complete = copyIn(WEST, 0xa1, source).tag("CreatedBy", "jdoe").tag("DeleteOn", "2030-01-01").build();
        // A person gave this copy its own date under another expiry key: ours would take precedence over it.
        Image ownExpiry = copyIn(EU, 0xe1, source).tag("CreatedBy", "jdoe").tag("ExpirationDate", "2031-01-01")
                .build();

        Plan plan = BOTH.stampPolicy().plan(source, stampOf(source),
                destinations(List.of(WEST, EU), complete, ownExpiry));

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).extracting(Kept::region, Kept::resourceId, Kept::reason).containsExactlyInAnyOrder(
                tuple(WEST, ami(0xa1), "tags-present"), tuple(EU, ami(0xe1), "tags-present"));
    }

    /** Once the source has the stamp, a tag missing on a copy is a person's choice: it is not added back. */
    @Test
    void leavesCopiesAlone_whenTheSourceIsAlreadyStamped() {
        Image source = unstamped();
        Image stamped = withTags(source, Map.of("CreatedBy", ARN, "DeleteOn", RETENTION));
        Image untagged = copyIn(WEST, 0xa1, source).build();

        Plan stampNow = stampOf(stamped);

        assertThat(stampNow.actions()).extracting(Action::resourceType).containsExactly(ResourceType.SNAPSHOT);
        assertThat(BOTH.stampPolicy().plan(stamped, stampNow, destinations(List.of(WEST, EU), untagged)))
                .isEqualTo(Plan.empty());
    }

    @ParameterizedTest
    @CsvSource({"FAILED, not-stamped: copy failed", "DEREGISTERED, not-stamped: copy deregistered"})
    void leavesAFailedOrDeregisteredCopyAlone(ImageState state, String reason) {
        Image source = unstamped();
        Image broken = copyIn(WEST, 0xa1, source).state(state).build();

        Plan plan = BOTH.stampPolicy().plan(source, stampOf(source), destinations(List.of(WEST, EU), broken));

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).extracting(Kept::region, Kept::resourceId, Kept::reason)
                .containsExactly(tuple(WEST, ami(0xa1), reason));
    }

    @Test
    void tagsOnlyCopiesThisToolMadeOfThisSource() {
        Image source = unstamped();
        Image personsCopy = source(ami(0xa1)).region(WEST).copiedFrom(SOURCE, SOURCE_REGION).build();
        Image otherSource = copyIn(WEST, 0xa2, source(ami(2)).build()).build();
        Image otherRegion = copyIn(WEST, 0xa3, source).tag(CrossRegionCopyPolicy.SOURCE_REGION_TAG, "us-east-2")
                .build();
        Image ours = copyIn(WEST, 0xa4, source).build();

        Plan plan = BOTH.stampPolicy().plan(source, stampOf(source),
                Map.of(WEST, List.of(personsCopy, otherSource, otherRegion, ours)));

        assertThat(plan.actions()).extracting(Action::resourceId).containsExactly(ami(0xa4));
    }

    private static Image withTags(Image image, Map<String, String> added) {
        Map<String, String> tags = new HashMap<>(image.tags());
        tags.putAll(added);
        return new Image(image.region(), image.imageId(), image.name(), image.ownerId(), image.state(),
                image.creationDate(), tags, image.isPublic(), image.deprecationTime(), image.lastLaunchedTime(),
                image.deregistrationProtection(), image.sourceImageId(), image.sourceRegion(), image.blockDevices());
    }
}
