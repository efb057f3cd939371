package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.CopyFixtures.EU;
import static dev.amihousekeeping.core.CopyFixtures.OTHER_ACCOUNT;
import static dev.amihousekeeping.core.CopyFixtures.SOURCE_REGION;
import static dev.amihousekeeping.core.CopyFixtures.WEST;
import static dev.amihousekeeping.core.CopyFixtures.ami;
import static dev.amihousekeeping.core.CopyFixtures.config;
import static dev.amihousekeeping.core.CopyFixtures.destinations;
import static dev.amihousekeeping.core.CopyFixtures.emptyDestinations;
import static dev.amihousekeeping.core.CopyFixtures.source;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.amihousekeeping.config.Selector;
import dev.amihousekeeping.core.CopyFixtures.ConfigSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CrossRegionCopyPolicyTest {

    private static final String SOURCE = ami(1);

    @Test
    void copy_toEachDestinationInThatRegion_skippingTheSourcesOwnRegion() {
        Plan plan = config(SOURCE_REGION, WEST, EU).policy()
                .plan(source(SOURCE).build(), ACCOUNT, emptyDestinations(), NOW);

        assertThat(plan.actions()).extracting(Action::region).containsExactly(WEST, EU);
        assertThat(plan.actions()).allSatisfy(action -> {
            assertThat(action.type()).isEqualTo(ActionType.COPY);
            assertThat(action.resourceType()).isEqualTo(ResourceType.IMAGE);
            assertThat(action.resourceId()).isEqualTo(SOURCE);
        });
        assertThat(plan.kept()).isEmpty();
    }

    @Test
    void copy_carriesWhatCopyImageNeeds() {
        Image image = source(SOURCE).name("web-2026-10-01").tag("DeleteOn", "2027-01-01").build();

        Action action = config(WEST).policy().plan(image, ACCOUNT, emptyDestinations(), NOW).actions().get(0);

        assertThat(action.reason()).isEqualTo("dr-copy to us-west-2 (selector CopyToDR=true)");
        assertThat(action).isEqualTo(new Action.Copy(WEST, SOURCE, "dr-copy to us-west-2 (selector CopyToDR=true)",
                SOURCE_REGION, "web-2026-10-01", "Copy of " + SOURCE + " from us-east-1 by ami-housekeeping", null,
                CrossRegionCopyPolicy.clientToken(SOURCE_REGION, SOURCE, WEST), true,
                Map.of("SourceAmi", SOURCE, "SourceRegion", SOURCE_REGION, "DeleteOn", "2027-01-01"), List.of()));
        assertThat(((Action.Copy) action).encrypted()).isFalse();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("copy off", c -> c.disabled(), s -> s, "copy-disabled"),
                refusal("another account's AMI", c -> c, s -> s.owner(OTHER_ACCOUNT), "not-owned"),
                refusal("a copy by EC2's attribute", c -> c, s -> s.copiedFrom(ami(9), "us-east-2"),
                        "is-a-copy: from " + ami(9) + " us-east-2"),
                refusal("a copy by our tag only", c -> c,
                        s -> s.tag("SourceAmi", ami(9)).tag("SourceRegion", "us-east-2"),
                        "is-a-copy: from " + ami(9) + " us-east-2"),
                refusal("a copy with no region known", c -> c, s -> s.copiedFrom(ami(9), null),
                        "is-a-copy: from " + ami(9)),
                refusal("outside the selector", c -> c, s -> s.untag("CopyToDR"), "not-selected"),
                refusal("selector value differs", c -> c, s -> s.tag("CopyToDR", "false"), "not-selected"),
                refusal("still pending", c -> c, s -> s.state(ImageState.PENDING), "not-available: pending"),
                refusal("failed", c -> c, s -> s.state(ImageState.FAILED), "not-available: failed"),
                refusal("disabled", c -> c, s -> s.state(ImageState.DISABLED), "disabled"),
                refusal("deregistered", c -> c, s -> s.state(ImageState.DEREGISTERED), "deregistered"),
                refusal("expiry tag past", c -> c, s -> s.tag("ExpiryDate", "2026-10-31"),
                        "expired: ExpiryDate=2026-10-31"),
                refusal("only its own region", c -> config(SOURCE_REGION), s -> s,
                        "no-destination: only its own region"));
    }

    private static Arguments refusal(String name, UnaryOperator<ConfigSpec> config, UnaryOperator<TestImage> image,
            String reason) {
        return Arguments.of(name, config, image, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void keepsTheSource_whenItMustNotBeCopied(String name, UnaryOperator<ConfigSpec> config,
            UnaryOperator<TestImage> image, String reason) {
        Plan plan = config.apply(config(WEST, EU)).policy()
                .plan(image.apply(source(SOURCE)).build(), ACCOUNT, emptyDestinations(), NOW);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).containsExactly(new Kept(SOURCE_REGION, ResourceType.IMAGE, SOURCE, reason));
    }

    @Test
    void keepsTheSource_whenTheAccountIsUnknown() {
        Plan plan = config(WEST).policy().plan(source(SOURCE).build(), null, emptyDestinations(), NOW);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).extracting(Kept::reason).containsExactly("not-owned");
    }

    @Test
    void copy_whenTheExpiryTagIsFutureOrUnparseable() {
        for (String value : List.of("2026-11-02", "next-tuesday")) {
            Image image = source(SOURCE).tag("DeleteOn", value).build();

            assertThat(config(WEST).policy().plan(image, ACCOUNT, emptyDestinations(), NOW).actions())
                    .as(value).hasSize(1);
        }
    }

    static Stream<Arguments> destinationsThatHoldACopy() {
        return Stream.of(
                Arguments.of("EC2 attribute, available", copyIn(WEST).copiedFrom(SOURCE, SOURCE_REGION),
                        "copy-exists: " + ami(7) + " (available)"),
                Arguments.of("EC2 attribute, pending", copyIn(WEST).copiedFrom(SOURCE, SOURCE_REGION)
                        .state(ImageState.PENDING), "copy-exists: " + ami(7) + " (pending)"),
                Arguments.of("EC2 attribute without region", copyIn(WEST).copiedFrom(SOURCE, null),
                        "copy-exists: " + ami(7) + " (available)"),
                Arguments.of("our tags", copyIn(WEST).tag("SourceAmi", SOURCE).tag("SourceRegion", SOURCE_REGION),
                        "copy-exists: " + ami(7) + " (available)"),
                Arguments.of("our SourceAmi tag alone", copyIn(WEST).tag("SourceAmi", SOURCE),
                        "copy-exists: " + ami(7) + " (available)"),
                Arguments.of("another image holds the name", copyIn(WEST).name("web-0001"),
                        "name-taken: " + ami(7)));
    }

    private static TestImage copyIn(String region) {
        return source(ami(7)).region(region).name("web-copy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("destinationsThatHoldACopy")
    void keepsThatDestination_whenItHoldsACopyOrTheName(String name, TestImage existing, String reason) {
        Plan plan = config(WEST, EU).policy()
                .plan(source(SOURCE).build(), ACCOUNT, destinations(List.of(WEST, EU), existing.build()), NOW);

        assertThat(plan.kept()).containsExactly(new Kept(WEST, ResourceType.IMAGE, SOURCE, reason));
        assertThat(plan.actions()).extracting(Action::region).containsExactly(EU);
    }

    @Test
    void copy_whenTheDestinationImageComesFromAnotherSourceOrRegion() {
        Image otherSource = copyIn(WEST).copiedFrom(ami(2), SOURCE_REGION).build();
        Image sameIdOtherRegion = source(ami(8)).region(WEST).name("x-8").copiedFrom(SOURCE, "ap-south-1").build();
        Image taggedFromOtherRegion = source(ami(9)).region(WEST).name("x-9")
                .tag("SourceAmi", SOURCE).tag("SourceRegion", "ap-south-1").build();
        Image deregisteredNameHolder = source(ami(10)).region(WEST).name("web-0001")
                .state(ImageState.DEREGISTERED).build();

        Plan plan = config(WEST).policy().plan(source(SOURCE).build(), ACCOUNT,
                destinations(List.of(WEST), otherSource, sameIdOtherRegion, taggedFromOtherRegion,
                        deregisteredNameHolder), NOW);

        assertThat(plan.actions()).extracting(Action::region).containsExactly(WEST);
    }

    @Test
    void keepsThatDestination_whenItsImagesWereNotRead() {
        Plan plan = config(WEST, EU).policy()
                .plan(source(SOURCE).build(), ACCOUNT, destinations(List.of(EU)), NOW);

        assertThat(plan.kept()).containsExactly(
                new Kept(WEST, ResourceType.IMAGE, SOURCE, "destination-unknown: images not read"));
        assertThat(plan.actions()).extracting(Action::region).containsExactly(EU);
    }

    @Test
    void encrypted_withTheKeyOfEachDestination_andNoKeyWhereNoneIsConfigured() {
        Plan plan = config(WEST, EU).kmsKeyIds(Map.of(WEST, "alias/ami-dr")).policy()
                .plan(source(SOURCE).build(), ACCOUNT, emptyDestinations(), NOW);

        Map<String, Action.Copy> byRegion = new HashMap<>();
        plan.actions().forEach(action -> byRegion.put(action.region(), (Action.Copy) action));
        assertThat(byRegion.get(WEST).encrypted()).isTrue();
        assertThat(byRegion.get(WEST).kmsKeyId()).isEqualTo("alias/ami-dr");
        assertThat(byRegion.get(EU).encrypted()).isFalse();
        assertThat(byRegion.get(EU).kmsKeyId()).isNull();
    }

    @Test
    void clientToken_isDeterministicPerSourceAndDestination_andFitsEc2() {
        String token = CrossRegionCopyPolicy.clientToken(SOURCE_REGION, SOURCE, WEST);

        assertThat(CrossRegionCopyPolicy.clientToken(SOURCE_REGION, SOURCE, WEST)).isEqualTo(token);
        assertThat(List.of(
                CrossRegionCopyPolicy.clientToken(SOURCE_REGION, SOURCE, EU),
                CrossRegionCopyPolicy.clientToken(SOURCE_REGION, ami(2), WEST),
                CrossRegionCopyPolicy.clientToken("us-east-2", SOURCE, WEST)))
                .doesNotContain(token)
                .doesNotHaveDuplicates();
        assertThat(token).hasSizeLessThanOrEqualTo(64).matches("amihk-[0-9a-f]+");
    }

    static Stream<Arguments> copyTagSettings() {
        return Stream.of(
                Arguments.of(true, true, "true", Map.of("SourceAmi", SOURCE, "SourceRegion", SOURCE_REGION,
                        "DeleteOn", "2027-01-01", "ExpirationDate", "2027-02-01")),
                // CopyImageTags would carry the expiry dates too: the other tags are given one by one instead.
                Arguments.of(true, false, "false", Map.of("SourceAmi", SOURCE, "SourceRegion", SOURCE_REGION,
                        "Team", "web", "CopyToDR", "true")),
                Arguments.of(false, true, "false", Map.of("SourceAmi", SOURCE, "SourceRegion", SOURCE_REGION,
                        "DeleteOn", "2027-01-01", "ExpirationDate", "2027-02-01")));
    }

    @ParameterizedTest(name = "copyTags={0}, retainCopies={1}")
    @MethodSource("copyTagSettings")
    void tagsTheCopy_withItsSource_andWithRetainCopiesTheSourcesExpiryTags(boolean copyTags, boolean retainCopies,
            String copyImageTags, Map<String, String> tags) {
        Image image = source(SOURCE).tag("DeleteOn", "2027-01-01").tag("ExpirationDate", "2027-02-01")
                .tag("Team", "web").build();

        Action action = config(WEST).copyTags(copyTags).retainCopies(retainCopies).policy()
                .plan(image, ACCOUNT, emptyDestinations(), NOW).actions().get(0);

        assertThat(((Action.Copy) action).copyImageTags()).isEqualTo(Boolean.parseBoolean(copyImageTags));
        assertThat(TestActions.tags(action)).isEqualTo(tags);
    }

    @Test
    void copiesTheTagsWithCopyImageTags_withoutRetainCopies_whenTheSourceHasNoExpiryTag() {
        Image image = source(SOURCE).tag("Team", "web").build();

        Action action = config(WEST).retainCopies(false).policy()
                .plan(image, ACCOUNT, emptyDestinations(), NOW).actions().get(0);

        assertThat(((Action.Copy) action).copyImageTags()).isTrue();
        assertThat(TestActions.tags(action))
                .isEqualTo(Map.of("SourceAmi", SOURCE, "SourceRegion", SOURCE_REGION));
    }

    @Test
    void selector_byTagsAndNamePattern_isNamedInTheReason() {
        ConfigSpec config = config(WEST).selector(new Selector(Map.of("Tier", "prod", "CopyToDR", "yes"), "web-*"));

        Plan selected = config.policy().plan(source(SOURCE).name("web-7").tag("Tier", "prod").tag("CopyToDR", "yes")
                .build(), ACCOUNT, emptyDestinations(), NOW);
        Plan otherName = config.policy().plan(source(SOURCE).name("db-7").tag("Tier", "prod").tag("CopyToDR", "yes")
                .build(), ACCOUNT, emptyDestinations(), NOW);

        assertThat(selected.actions()).extracting(Action::reason)
                .containsExactly("dr-copy to us-west-2 (selector CopyToDR=yes, Tier=prod, name=web-*)");
        assertThat(otherName.kept()).extracting(Kept::reason).containsExactly("not-selected");
    }

    @Test
    void selector_emptyCopiesEveryAmi() {
        Plan plan = config(WEST).selector(Selector.all()).policy()
                .plan(source(SOURCE).untag("CopyToDR").build(), ACCOUNT, emptyDestinations(), NOW);

        assertThat(plan.actions()).extracting(Action::reason).containsExactly("dr-copy to us-west-2 (selector all)");
    }

    @Test
    void planAll_coversEverySelectedImage_andLeavesUnselectedOnesOut() {
        Image toCopy = source(ami(1)).build();
        Image copied = source(ami(2)).build();
        Image pending = source(ami(3)).state(ImageState.PENDING).build();
        Image unselected = source(ami(4)).untag("CopyToDR").build();
        Image aCopy = source(ami(5)).copiedFrom(ami(50), WEST).build();
        Image existingCopy = copyIn(WEST).copiedFrom(ami(2), SOURCE_REGION).build();
        Inventory inventory = new Inventory(SOURCE_REGION, ACCOUNT, NOW,
                List.of(toCopy, copied, pending, unselected, aCopy), List.of());

        Plan plan = config(WEST).policy().planAll(inventory, destinations(List.of(WEST), existingCopy), NOW);

        assertThat(plan.actions()).extracting(Action::resourceId).containsExactly(ami(1));
        assertThat(plan.kept()).extracting(Kept::resourceId, Kept::reason).containsExactly(
                tuple(ami(2), "copy-exists: " + ami(7) + " (available)"),
                tuple(ami(3), "not-available: pending"),
                tuple(ami(5), "is-a-copy: from " + ami(50) + " us-west-2"));
    }

    @Test
    void planAll_atScale_copiesExactlyTheImagesWithoutACopy() {
        int sources = 10_000;
        List<Image> images = new ArrayList<>();
        List<Image> westCopies = new ArrayList<>();
        for (int i = 1; i <= sources; i++) {
            images.add(source(ami(i)).name("web-" + i).build());
            if (i % 2 == 0) {
                westCopies.add(source(ami(1_000_000 + i)).region(WEST).name("web-" + i)
                        .copiedFrom(ami(i), SOURCE_REGION).state(ImageState.PENDING).build());
            }
        }
        Map<String, List<Image>> destinations = Map.of(WEST, westCopies, EU, List.of());
        Inventory inventory = new Inventory(SOURCE_REGION, ACCOUNT, NOW, images, List.of());

        Plan plan = config(WEST, EU).policy().planAll(inventory, destinations, NOW);

        assertThat(plan.actions().stream().filter(a -> a.region().equals(WEST)).count()).isEqualTo(sources / 2);
        assertThat(plan.actions().stream().filter(a -> a.region().equals(EU)).count()).isEqualTo(sources);
        assertThat(plan.kept()).hasSize(sources / 2);
        assertThat(plan.kept().stream().filter(kept -> kept.reason().endsWith("(pending)")).count())
                .isEqualTo(sources / 2);
    }
}
