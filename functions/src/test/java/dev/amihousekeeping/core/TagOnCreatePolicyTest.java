package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.CopyFixtures.EXPIRY_KEYS;
import static dev.amihousekeeping.core.CopyFixtures.SOURCE_REGION;
import static dev.amihousekeeping.core.CopyFixtures.ami;
import static dev.amihousekeeping.core.CopyFixtures.snap;
import static dev.amihousekeeping.core.CopyFixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.groups.Tuple.tuple;

import dev.amihousekeeping.config.TagOnCreateConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TagOnCreatePolicyTest {

    static final String IMAGE = ami(1);
    static final String ARN = "arn:aws:sts::111122223333:assumed-role/ci-builder/run-8812";
    static final Instant EVENT = Instant.parse("2026-11-01T09:30:00Z");

    static TagOnCreatePolicy policy(Integer defaultRetentionDays) {
        return new TagOnCreatePolicy(new TagOnCreateConfig(true, "CreatedBy", defaultRetentionDays), EXPIRY_KEYS);
    }

    /** A new image, as CreateImage left it: pending, created at the event. */
    static Image image(String... tags) {
        return image(EVENT, tags);
    }

    static Image image(Instant created, String... tags) {
        CopyFixtures.ImageSpec spec = source(IMAGE).untag("CopyToDR").state(ImageState.PENDING).created(created)
                .snapshots(snap(1), snap(2));
        for (int i = 0; i < tags.length; i += 2) {
            spec.tag(tags[i], tags[i + 1]);
        }
        return spec.build();
    }

    static Snapshot snapshot(String id, Map<String, String> tags) {
        return new Snapshot(SOURCE_REGION, id, "vol-0123456789abcdef0", 8, EVENT,
                "Created by CreateImage(i-0123456789abcdef0) for " + IMAGE, "111122223333", "pending", tags, null);
    }

    static List<Snapshot> bareSnapshots() {
        return List.of(snapshot(snap(1), Map.of()), snapshot(snap(2), Map.of()));
    }

    @Test
    void tags_theImageAndEachSnapshot_withCreatorAndRetention() {
        Plan plan = policy(90).plan(image(), bareSnapshots(), ARN, EVENT, EVENT);

        assertThat(plan.kept()).isEmpty();
        assertThat(plan.actions()).extracting(Action::resourceType, Action::resourceId, Action::reason).containsExactly(
                tuple(ResourceType.IMAGE, IMAGE, "tag-on-create CreatedBy, DeleteOn=2027-01-30"),
                tuple(ResourceType.SNAPSHOT, snap(1), "tag-on-create CreatedBy, DeleteOn=2027-01-30 (snapshot of "
                        + IMAGE + ")"),
                tuple(ResourceType.SNAPSHOT, snap(2), "tag-on-create CreatedBy, DeleteOn=2027-01-30 (snapshot of "
                        + IMAGE + ")"));
        assertThat(plan.actions()).allSatisfy(action -> {
            assertThat(action.type()).isEqualTo(ActionType.TAG);
            assertThat(action.region()).isEqualTo(SOURCE_REGION);
            assertThat(TestActions.tags(action)).containsOnly(entry("CreatedBy", ARN), entry("DeleteOn", "2027-01-30"));
        });
    }

    @Test
    void tags_onlyTheCreator_whenNoDefaultRetention() {
        Plan plan = policy(null).plan(image(), List.of(), ARN, EVENT, EVENT);

        assertThat(plan.actions()).singleElement().satisfies(action -> {
            assertThat(action.reason()).isEqualTo("tag-on-create CreatedBy");
            assertThat(TestActions.tags(action)).containsOnly(entry("CreatedBy", ARN));
        });
    }

    static Stream<Arguments> retentionDates() {
        return Stream.of(
                Arguments.of("2026-11-01T09:30:00Z", 90, "2027-01-30"),
                Arguments.of("2026-11-01T23:59:59Z", 1, "2026-11-02"),
                // The date is the UTC one: 00:30 at +02:00 is still the previous day in UTC.
                Arguments.of("2026-10-31T22:30:00Z", 1, "2026-11-01"),
                Arguments.of("2028-02-28T12:00:00Z", 1, "2028-02-29"),
                Arguments.of("2027-02-28T12:00:00Z", 1, "2027-03-01"),
                Arguments.of("2026-12-31T00:00:00Z", 365, "2027-12-31"));
    }

    @ParameterizedTest(name = "{0} + {1}d = {2}")
    @MethodSource("retentionDates")
    void retention_isTheUtcDateOfTheEventPlusTheDays(String eventTime, int days, String expected) {
        Plan plan = policy(days).plan(image(Instant.parse(eventTime)), List.of(), null, Instant.parse(eventTime),
                Instant.parse(eventTime));

        assertThat(plan.actions()).singleElement()
                .satisfies(action -> assertThat(TestActions.tags(action)).containsOnly(entry("DeleteOn", expected)));
    }

    @Test
    void retention_countsFromTheImageCreation_whenTheEventHasNoTime() {
        // Created 2026-11-01T09:30:00Z; the run's clock is behind it (a --now in the past).
        Plan plan = policy(30).plan(image(), List.of(), null, null, Instant.parse("2026-10-20T00:00:00Z"));

        assertThat(plan.actions()).singleElement()
                .satisfies(action -> assertThat(TestActions.tags(action)).containsEntry("DeleteOn", "2026-12-01"));
    }

    @Test
    void retention_isNeverEarlierThanNowPlusTheDays_whenTheEventIsLate() {
        // A CreateImage event delivered (or replayed through `handle`) two days late: the AMI is new, and its
        // retention counts from the run, not from a date already two days gone.
        Instant event = Instant.parse("2026-10-30T09:30:00Z");

        Plan plan = policy(1).plan(image(event), List.of(), ARN, event, EVENT);

        assertThat(plan.actions()).singleElement()
                .satisfies(action -> assertThat(TestActions.tags(action)).containsEntry("DeleteOn", "2026-11-02"));
    }

    @Test
    void noRetention_forAnImageCreatedMoreThanADayBeforeItsAvailableEvent() {
        // An AMI from January 2025 made available again (EnableImage, a Recycle Bin restore): counted from its
        // creation it would be stamped DeleteOn=2025-01-31, and the next expiry run would deregister it.
        Image old = image(Instant.parse("2025-01-01T08:00:00Z"));

        Plan plan = policy(30).plan(old, bareSnapshots(), null, EVENT, EVENT);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).extracting(Kept::resourceId, Kept::reason).containsExactly(
                tuple(IMAGE, "not-new: created 2025-01-01T08:00:00Z, more than 1d before the event"),
                tuple(snap(1), "creator-unknown"),
                tuple(snap(2), "creator-unknown"));
    }

    @Test
    void creatorIsStillStamped_whenTheImageIsNotNew() {
        Image old = image(Instant.parse("2025-01-01T08:00:00Z"));

        Plan plan = policy(30).plan(old, List.of(), ARN, EVENT, EVENT);

        assertThat(plan.actions()).singleElement()
                .satisfies(action -> assertThat(TestActions.tags(action)).containsOnly(entry("CreatedBy", ARN)));
    }

    static Stream<Arguments> tagsAPersonSet() {
        return Stream.of(
                Arguments.of("CreatedBy set", new String[] {"CreatedBy", "alice"}, Map.of("DeleteOn", "2027-01-30")),
                Arguments.of("empty CreatedBy set", new String[] {"CreatedBy", ""}, Map.of("DeleteOn", "2027-01-30")),
                Arguments.of("DeleteOn set", new String[] {"DeleteOn", "2030-01-01"}, Map.of("CreatedBy", ARN)),
                Arguments.of("another expiry key set", new String[] {"ExpiryDate", "2030-01-01"},
                        Map.of("CreatedBy", ARN)),
                Arguments.of("an unparseable expiry tag set", new String[] {"ExpirationDate", "someday"},
                        Map.of("CreatedBy", ARN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tagsAPersonSet")
    void neverOverwrites_aTagAPersonSetOnTheImage(String name, String[] tags, Map<String, String> added) {
        Plan plan = policy(90).plan(image(tags), List.of(), ARN, EVENT, EVENT);

        assertThat(plan.actions()).singleElement()
                .satisfies(action -> assertThat(TestActions.tags(action)).isEqualTo(added));
    }

    @Test
    void neverOverwrites_aTagAPersonSetOnASnapshot() {
        List<Snapshot> snapshots = List.of(
                snapshot(snap(1), Map.of("CreatedBy", "bob")),
                snapshot(snap(2), Map.of("ExpiryDate", "2031-01-01")));

        Plan plan = policy(90).plan(image(), snapshots, ARN, EVENT, EVENT);

        assertThat(plan.actions()).extracting(Action::resourceId, TestActions::tags).containsExactly(
                tuple(IMAGE, Map.of("CreatedBy", ARN, "DeleteOn", "2027-01-30")),
                tuple(snap(1), Map.of("DeleteOn", "2027-01-30")),
                tuple(snap(2), Map.of("CreatedBy", ARN)));
    }

    @Test
    void snapshots_getTheImagesTags_whenTheEventNamesNoCreator() {
        // The AMI State Change event has no userIdentity; the image was stamped at CreateImage, before its
        // snapshots were listed.
        Image stamped = image("CreatedBy", ARN, "DeleteOn", "2027-01-30");

        Plan plan = policy(90).plan(stamped, bareSnapshots(), null, EVENT.plusSeconds(600),
                EVENT.plusSeconds(600));

        assertThat(plan.kept()).containsExactly(new Kept(SOURCE_REGION, ResourceType.IMAGE, IMAGE, "tags-present"));
        assertThat(plan.actions()).extracting(Action::resourceId, TestActions::tags).containsExactly(
                tuple(snap(1), Map.of("CreatedBy", ARN, "DeleteOn", "2027-01-30")),
                tuple(snap(2), Map.of("CreatedBy", ARN, "DeleteOn", "2027-01-30")));
    }

    @Test
    void snapshots_getNoExpiryTag_whenNoDefaultRetentionIsConfigured() {
        Plan plan = policy(null).plan(image("DeleteOn", "2027-01-30"), bareSnapshots(), ARN, EVENT, EVENT);

        assertThat(plan.actions()).extracting(TestActions::tags).containsOnly(Map.of("CreatedBy", ARN));
    }

    @Test
    void keeps_withTheReason_whenNothingIsToBeAdded() {
        Plan present = policy(90).plan(image("CreatedBy", "alice", "DeleteOn", "2027-01-30"), List.of(), ARN, EVENT,
                EVENT);
        Plan creatorUnknown = policy(null).plan(image(), List.of(), null, EVENT, EVENT);
        Plan blankCreator = policy(null).plan(image(), List.of(), "  ", EVENT, EVENT);

        assertThat(present.actions()).isEmpty();
        assertThat(present.kept()).extracting(Kept::reason).containsExactly("tags-present");
        assertThat(creatorUnknown.actions()).isEmpty();
        assertThat(creatorUnknown.kept()).extracting(Kept::reason).containsExactly("creator-unknown");
        assertThat(blankCreator.kept()).extracting(Kept::reason).containsExactly("creator-unknown");
    }

    @Test
    void keeps_whenTagOnCreateIsDisabled() {
        TagOnCreatePolicy disabled = new TagOnCreatePolicy(new TagOnCreateConfig(false, "CreatedBy", 90), EXPIRY_KEYS);

        Plan plan = disabled.plan(image(), bareSnapshots(), ARN, EVENT, EVENT);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).containsExactly(
                new Kept(SOURCE_REGION, ResourceType.IMAGE, IMAGE, "tag-on-create-disabled"));
    }

    @Test
    void writes_theConfiguredCreatorKey_andTheFirstExpiryKey() {
        TagOnCreatePolicy custom = new TagOnCreatePolicy(new TagOnCreateConfig(true, "Owner", 7),
                List.of("ExpiresOn", "DeleteOn"));

        Plan plan = custom.plan(image(), List.of(), ARN, EVENT, EVENT);
        Plan hasSecondKey = custom.plan(image("DeleteOn", "2030-01-01"), List.of(), ARN, EVENT, EVENT);

        assertThat(plan.actions()).singleElement().satisfies(action -> {
            assertThat(TestActions.tags(action)).containsOnly(entry("Owner", ARN), entry("ExpiresOn", "2026-11-08"));
            assertThat(action.reason()).isEqualTo("tag-on-create Owner, ExpiresOn=2026-11-08");
        });
        assertThat(hasSecondKey.actions()).singleElement()
                .satisfies(action -> assertThat(TestActions.tags(action)).containsOnly(entry("Owner", ARN)));
    }

    @Test
    void creatorTag_isCutToTheLongestValueEc2Accepts() {
        String longArn = "arn:aws:iam::111122223333:user/" + "p/".repeat(150) + "alice";

        Plan plan = policy(null).plan(image(), List.of(), longArn, EVENT, EVENT);

        assertThat(TestActions.tags(plan.actions().get(0)).get("CreatedBy")).hasSize(256).isEqualTo(longArn.substring(0, 256));
    }

    @Test
    void invariant7_taggingTwice_addsNothingTheSecondTime() {
        TagOnCreatePolicy policy = policy(90);
        Image image = image();
        List<Snapshot> snapshots = bareSnapshots();

        Plan first = policy.plan(image, snapshots, ARN, EVENT, EVENT);
        Image tagged = withTags(image, first);
        List<Snapshot> taggedSnapshots = snapshots.stream().map(s -> withTags(s, first)).toList();

        // The same CloudTrail event redelivered, the AMI State Change event (no creator), and a day later.
        for (Plan again : List.of(
                policy.plan(tagged, taggedSnapshots, ARN, EVENT, EVENT),
                policy.plan(tagged, taggedSnapshots, null, EVENT.plusSeconds(600), EVENT.plusSeconds(600)),
                policy.plan(tagged, taggedSnapshots, "arn:aws:iam::111122223333:user/other",
                        EVENT.plusSeconds(86_400), EVENT.plusSeconds(86_400)))) {
            assertThat(again.actions()).isEmpty();
            assertThat(again.kept()).extracting(Kept::reason).containsOnly("tags-present");
        }
        assertThat(tagged.tags()).containsEntry("DeleteOn", "2027-01-30").containsEntry("CreatedBy", ARN);
    }

    private static Image withTags(Image image, Plan plan) {
        Map<String, String> tags = new HashMap<>(image.tags());
        plan.actions().stream().filter(a -> a.resourceId().equals(image.imageId()))
                .forEach(a -> tags.putAll(TestActions.tags(a)));
        return new Image(image.region(), image.imageId(), image.name(), image.ownerId(), image.state(),
                image.creationDate(), tags, image.isPublic(), image.deprecationTime(), image.lastLaunchedTime(),
                image.deregistrationProtection(), image.sourceImageId(), image.sourceRegion(),
                new ArrayList<>(image.blockDevices()));
    }

    private static Snapshot withTags(Snapshot snapshot, Plan plan) {
        Map<String, String> tags = new HashMap<>(snapshot.tags());
        plan.actions().stream().filter(a -> a.resourceId().equals(snapshot.snapshotId()))
                .forEach(a -> tags.putAll(TestActions.tags(a)));
        return new Snapshot(snapshot.region(), snapshot.snapshotId(), snapshot.volumeId(), snapshot.volumeSize(),
                snapshot.startTime(), snapshot.description(), snapshot.ownerId(), snapshot.state(), tags,
                snapshot.fullSnapshotSizeInBytes());
    }
}
