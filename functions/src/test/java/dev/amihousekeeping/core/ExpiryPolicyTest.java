package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.ExpiryTestConfig.config;
import static dev.amihousekeeping.core.ExpiryTestImage.cleanEvidence;
import static dev.amihousekeeping.core.ExpiryTestImage.expired;
import static dev.amihousekeeping.core.ExpiryTestImage.inventory;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.Selector;
import dev.amihousekeeping.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule and every reason to keep, one image at a time; {@code now} is 2026-11-01T00:00Z throughout. */
class ExpiryPolicyTest {

    private static final String ID = "ami-0001";

    static Stream<Arguments> keeps() {
        return Stream.of(
                keep("not owned", config(), expired(ID).owner("999988887777"), "not-owned: owner 999988887777"),
                keep("pending", config(), expired(ID).state(ImageState.PENDING), "pending"),
                keep("transient", config(), expired(ID).state(ImageState.TRANSIENT), "state: transient"),
                keep("already deregistered", config(), expired(ID).state(ImageState.DEREGISTERED), "state: deregistered"),
                keep("exempt tag, empty value", config(), expired(ID).tag("Retain", ""), "exempt-tag Retain"),
                keep("exempt tag, any value", config(), expired(ID).tag("DoNotDelete", "false"), "exempt-tag DoNotDelete"),
                keep("deregistration protection", config(), expired(ID).protectedFromDeregistration(),
                        "deregistration-protection"),
                keep("younger than default min age", config(), expired(ID).created("2026-10-31T12:00:00Z"),
                        "min-age 0d < 1d"),
                keep("younger than configured min age", config().minAgeDays(30), expired(ID).created("2026-10-22T00:00:00Z"),
                        "min-age 10d < 30d"),
                keep("creation date unknown", config(), expired(ID).created((Instant) null), "min-age: creation date unknown"),
                keep("created after now", config().minAgeDays(0), expired(ID).created("2026-11-02T00:00:00Z"),
                        "min-age: created 2026-11-02, after now"),
                keep("invalid expiry tag", config(), expired(ID).tag("DeleteOn", "next-tuesday"),
                        "invalid-expiry-tag DeleteOn=next-tuesday"),
                keep("invalid tag beside a past one", config(), expired(ID).tag("ExpiryDate", "soon"),
                        "invalid-expiry-tag ExpiryDate=soon"),
                keep("invalid tag beside max age", config().maxAgeDays(90), expired(ID).tag("DeleteOn", "31/01/2026"),
                        "invalid-expiry-tag DeleteOn=31/01/2026"),
                keep("expiry tag in the future", config(), expired(ID).tag("DeleteOn", "2027-01-01"),
                        "not-expired: DeleteOn=2027-01-01"),
                keep("expiry date is tomorrow", config(), expired(ID).tag("DeleteOn", "2026-11-02"),
                        "not-expired: DeleteOn=2026-11-02"),
                keep("no rule at all", config(), expired(ID).untag("DeleteOn"), "not-expired: no expiry tag, no max-age"),
                keep("younger than max age", config().maxAgeDays(400), expired(ID).untag("DeleteOn"),
                        "not-expired: age 304d <= 400d"),
                keep("tag key not configured", config().expiryTagKeys("ExpiryDate"), expired(ID),
                        "not-expired: no expiry tag, no max-age"),
                keep("newest of its lineage", config().keepLatest(1), expired(ID).name("web-v9"), "keep-latest 1 of web"),
                keep("launched recently", config().unusedDays(30), expired(ID).launched("2026-10-20T08:30:00Z"),
                        "used-recently 2026-10-20T08:30:00Z"),
                keep("public", config(), expired(ID).makePublic(), "shared: group=all"),
                keep("in use", config(), expired(ID),
                        inUse("i-0abc (running)", "lt-0abc $Default"), "in-use: i-0abc (running), lt-0abc $Default"),
                keep("in use many times", config(), expired(ID),
                        inUse("i-1 (running)", "i-2 (stopped)", "i-3 (running)", "i-4 (pending)", "i-5 (running)",
                                "lt-0abc v7", "ssm:/ami/web/latest"),
                        "in-use: i-1 (running), i-2 (stopped), i-3 (running), i-4 (pending), i-5 (running) (+2 more)"),
                keep("in-use source unreadable", config(), expired(ID),
                        inv -> new ExpiryEvidence(InUseIndex.checkingAll()
                                .failed("DescribeLaunchConfigurations: UnauthorizedOperation").build(), grants(inv), true),
                        "in-use-unknown: DescribeLaunchConfigurations: UnauthorizedOperation"),
                keep("in-use unreadable, deprecate first", config().deprecateFirst(7), expired(ID),
                        inv -> new ExpiryEvidence(InUseIndex.checkingAll()
                                .failed("DescribeInstances: RequestLimitExceeded").build(), grants(inv), true),
                        "in-use-unknown: DescribeInstances: RequestLimitExceeded"),
                keep("not asked about", config(), expired(ID),
                        inv -> new ExpiryEvidence(InUseIndex.checking(List.of("ami-other")).build(), grants(inv), true),
                        "in-use-unknown: not checked"),
                keep("shared with an account", config(), expired(ID),
                        sharedWith(LaunchPermission.user("111122223333"), LaunchPermission.user("444455556666")),
                        "shared: userId=444455556666"),
                keep("shared with an organization", config(), expired(ID),
                        sharedWith(LaunchPermission.organization("arn:aws:organizations::111122223333:organization/o-1")),
                        "shared: organizationArn=arn:aws:organizations::111122223333:organization/o-1"),
                keep("launch permissions not read", config(), expired(ID),
                        inv -> new ExpiryEvidence(InUseIndex.checkingAll().build(), Map.of(), true),
                        "shared-unknown: launch permissions not read"),
                keep("shared, allowed, a consumer account uses it", config().includeShared(), expired(ID),
                        consumers(Map.of(ID, "in-use: 444455556666 i-0abc"), LaunchPermission.user("444455556666")),
                        "in-use: 444455556666 i-0abc"),
                keep("shared, allowed, a consumer account unreadable", config().includeShared(), expired(ID),
                        consumers(Map.of(ID, "consumer-unreadable: 444455556666"),
                                LaunchPermission.user("444455556666")),
                        "consumer-unreadable: 444455556666"),
                keep("shared, allowed, consumers checked but grants not read", config().includeShared(), expired(ID),
                        inv -> new ExpiryEvidence(InUseIndex.checkingAll().build(), Map.of(), true)
                                .withConsumers(Map.of()),
                        "shared-unknown: launch permissions not read"),
                keep("public, allowed, consumers checked", config().includeShared(), expired(ID).makePublic(),
                        consumers(Map.of(), LaunchPermission.publicGroup()), "consumer-unreadable: group=all"),
                keep("endpoint without deprecation", config().deprecateFirst(7), expired(ID),
                        inv -> new ExpiryEvidence(InUseIndex.checkingAll().build(), grants(inv), false),
                        "deprecation-unsupported"),
                keep("within grace", config().deprecateFirst(7), expired(ID).deprecated("2026-10-28T00:00:00Z"),
                        "grace: deprecated 2026-10-28, deregister after 2026-11-04"),
                keep("deprecated moments ago by this tool", config().deprecateFirst(0),
                        expired(ID).deprecated("2026-11-01T00:01:00Z"),
                        "grace: deprecated 2026-11-01T00:01:00Z, deregister after 2026-11-01T00:01:00Z"));
    }

    static Stream<Arguments> acts() {
        return Stream.of(
                act("expiry tag past", config(), expired(ID), "deregister expiry-tag DeleteOn=2026-06-01"),
                act("expiry date is today", config(), expired(ID).tag("DeleteOn", "2026-11-01"),
                        "deregister expiry-tag DeleteOn=2026-11-01"),
                act("expiry date-time just past", config(), expired(ID).tag("DeleteOn", "2026-11-01T01:00:00+02:00"),
                        "deregister expiry-tag DeleteOn=2026-11-01T01:00:00+02:00"),
                act("second tag key", config(), expired(ID).untag("DeleteOn").tag("ExpirationDate", "2026-02-01"),
                        "deregister expiry-tag ExpirationDate=2026-02-01"),
                act("first past tag in key order", config(),
                        expired(ID).tag("DeleteOn", "2027-01-01").tag("ExpiryDate", "2026-02-01"),
                        "deregister expiry-tag ExpiryDate=2026-02-01"),
                act("configured key", config().expiryTagKeys("EndOfLife"),
                        expired(ID).untag("DeleteOn").tag("EndOfLife", "2026-02-01"),
                        "deregister expiry-tag EndOfLife=2026-02-01"),
                act("older than max age", config().maxAgeDays(90), expired(ID).untag("DeleteOn"),
                        "deregister max-age 304d > 90d"),
                act("max age despite a future tag", config().maxAgeDays(90), expired(ID).tag("DeleteOn", "2027-01-01"),
                        "deregister max-age 304d > 90d"),
                act("both rules", config().maxAgeDays(90), expired(ID),
                        "deregister expiry-tag DeleteOn=2026-06-01, max-age 304d > 90d"),
                act("never launched", config().unusedDays(30), expired(ID), "deregister expiry-tag DeleteOn=2026-06-01"),
                act("launched long ago", config().unusedDays(30), expired(ID).launched("2026-09-01T00:00:00Z"),
                        "deregister expiry-tag DeleteOn=2026-06-01"),
                act("disabled image", config(), expired(ID).state(ImageState.DISABLED),
                        "deregister expiry-tag DeleteOn=2026-06-01"),
                act("failed image skips deprecation", config().deprecateFirst(7), expired(ID).state(ImageState.FAILED),
                        "deregister expiry-tag DeleteOn=2026-06-01; state failed"),
                act("shared, but sharing allowed", config().includeShared(), expired(ID),
                        inv -> new ExpiryEvidence(InUseIndex.checkingAll().build(), Map.of(), true),
                        "deregister expiry-tag DeleteOn=2026-06-01"),
                act("shared, allowed, every consumer read and none uses it", config().includeShared(), expired(ID),
                        consumers(Map.of(), LaunchPermission.user("444455556666")),
                        "deregister expiry-tag DeleteOn=2026-06-01"),
                act("granted to ourselves only", config(), expired(ID), sharedWith(LaunchPermission.user("111122223333")),
                        "deregister expiry-tag DeleteOn=2026-06-01"),
                act("other images' use does not count", config(), expired(ID),
                        inv -> new ExpiryEvidence(InUseIndex.checkingAll().use("ami-other", "i-0abc (running)").build(),
                                grants(inv), true),
                        "deregister expiry-tag DeleteOn=2026-06-01"),
                act("deprecate first", config().deprecateFirst(7), expired(ID), "deprecate expiry-tag DeleteOn=2026-06-01"),
                act("deprecation scheduled far ahead", config().deprecateFirst(7), expired(ID).deprecated("2027-06-01T00:00:00Z"),
                        "deprecate expiry-tag DeleteOn=2026-06-01"),
                act("grace over", config().deprecateFirst(7), expired(ID).deprecated("2026-10-22T00:00:00Z"),
                        "deregister expiry-tag DeleteOn=2026-06-01; deprecated 2026-10-22, grace 7d over"),
                act("grace over exactly now", config().deprecateFirst(7), expired(ID).deprecated("2026-10-25T00:00:00Z"),
                        "deregister expiry-tag DeleteOn=2026-06-01; deprecated 2026-10-25, grace 7d over"),
                act("already deprecated on an endpoint without deprecation", config().deprecateFirst(7),
                        expired(ID).deprecated("2026-10-01T00:00:00Z"),
                        inv -> new ExpiryEvidence(InUseIndex.checkingAll().build(), grants(inv), false),
                        "deregister expiry-tag DeleteOn=2026-06-01; deprecated 2026-10-01, grace 7d over"));
    }

    @ParameterizedTest(name = "keeps when {0}")
    @MethodSource("keeps")
    void keeps_withOneReason(String name, ExpiryTestConfig config, Image image,
            Function<Inventory, ExpiryEvidence> evidence, String reason) {
        Plan plan = plan(config, image, evidence);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).containsExactly(new Kept(Fixtures.REGION, ResourceType.IMAGE, ID, reason));
    }

    @ParameterizedTest(name = "acts when {0}")
    @MethodSource("acts")
    void acts_withTheRuleThatFired(String name, ExpiryTestConfig config, Image image,
            Function<Inventory, ExpiryEvidence> evidence, String expected) {
        Plan plan = plan(config, image, evidence);

        assertThat(plan.kept()).isEmpty();
        assertThat(plan.actions()).singleElement()
                .satisfies(a -> assertThat(a.type().json() + " " + a.reason()).isEqualTo(expected))
                .satisfies(a -> assertThat(a.resourceId()).isEqualTo(ID));
    }

    private static Plan plan(ExpiryTestConfig config, Image image, Function<Inventory, ExpiryEvidence> evidence) {
        Inventory inventory = inventory(image);
        return config.policy().plan(inventory, evidence.apply(inventory), NOW);
    }

    @Test
    void deprecate_carriesDeprecateAtNow() {
        Inventory inventory = inventory(expired(ID).build());
        Instant now = Instant.parse("2026-11-01T09:15:30.123Z");

        Plan plan = config().deprecateFirst(7).policy().plan(inventory, cleanEvidence(inventory), now);

        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.Deprecate.class, a -> {
            assertThat(a.deprecateAt()).isEqualTo(Instant.parse("2026-11-01T09:15:30Z"));
            assertThat(a.newestInLineage()).isEmpty();
        });
    }

    @Test
    void plan_listsEveryImageInTheSelectorAndNoOther() {
        Inventory inventory = inventory(
                expired("ami-0001").tag("Team", "web").build(),
                expired("ami-0002").tag("Team", "web").tag("Retain", "yes").build(),
                expired("ami-0003").tag("Team", "data").build());

        Plan plan = config().selector(new Selector(Map.of("Team", "web"), null)).policy()
                .plan(inventory, cleanEvidence(inventory), NOW);

        assertThat(plan.actions()).extracting(Action::resourceId).containsExactly("ami-0001");
        assertThat(plan.kept()).extracting(Kept::resourceId).containsExactly("ami-0002");
    }

    @Test
    void plan_isEmpty_whenExpiryIsDisabled() {
        Inventory inventory = inventory(expired(ID).build());
        ExpiryPolicy policy = config().disabled().policy();

        assertThat(policy.candidates(inventory, NOW)).isEmpty();
        assertThat(policy.plan(inventory, cleanEvidence(inventory), NOW)).isEqualTo(Plan.empty());
    }

    private static Arguments keep(String name, ExpiryTestConfig config, TestImage image, String reason) {
        return keep(name, config, image, ExpiryTestImage::cleanEvidence, reason);
    }

    private static Arguments keep(String name, ExpiryTestConfig config, TestImage image,
            Function<Inventory, ExpiryEvidence> evidence, String reason) {
        return Arguments.of(name, config, image.build(), evidence, reason);
    }

    private static Arguments act(String name, ExpiryTestConfig config, TestImage image, String expected) {
        return act(name, config, image, ExpiryTestImage::cleanEvidence, expected);
    }

    private static Arguments act(String name, ExpiryTestConfig config, TestImage image,
            Function<Inventory, ExpiryEvidence> evidence, String expected) {
        return Arguments.of(name, config, image.build(), evidence, expected);
    }

    private static Function<Inventory, ExpiryEvidence> inUse(String... reasons) {
        return inv -> {
            InUseIndex.Builder index = InUseIndex.checkingAll();
            for (String reason : reasons) {
                index.use(ID, reason);
            }
            return new ExpiryEvidence(index.build(), grants(inv), true);
        };
    }

    private static Function<Inventory, ExpiryEvidence> sharedWith(LaunchPermission... grants) {
        return inv -> new ExpiryEvidence(InUseIndex.checkingAll().build(), Map.of(ID, List.of(grants)), true);
    }

    /** Grants read and every consumer account asked: {@code holds} is what the consumers said. */
    private static Function<Inventory, ExpiryEvidence> consumers(Map<String, String> holds,
                                                                 LaunchPermission... grants) {
        return inv -> new ExpiryEvidence(InUseIndex.checkingAll().build(), Map.of(ID, List.of(grants)), true)
                .withConsumers(holds);
    }

    private static Map<String, List<LaunchPermission>> grants(Inventory inventory) {
        return cleanEvidence(inventory).launchPermissions();
    }
}
