package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.ExpiryTestConfig.config;
import static dev.amihousekeeping.core.ExpiryTestImage.cleanEvidence;
import static dev.amihousekeeping.core.ExpiryTestImage.expired;
import static dev.amihousekeeping.core.ExpiryTestImage.inventory;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.config.Selector;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The re-check just before acting: the image as read now, not as it was in the (minutes old) inventory. */
class ExpiryRecheckTest {

    private static final String ID = "ami-0001";

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("expiry tag removed", expired(ID).untag("DeleteOn").build(), clean(),
                        "not-expired: no expiry tag, no max-age"),
                Arguments.of("expiry tag moved to the future", expired(ID).tag("DeleteOn", "2027-01-01").build(), clean(),
                        "not-expired: DeleteOn=2027-01-01"),
                Arguments.of("expiry tag made unreadable", expired(ID).tag("DeleteOn", "later").build(), clean(),
                        "invalid-expiry-tag DeleteOn=later"),
                Arguments.of("exempt tag added", expired(ID).tag("DoNotDelete", "true").build(), clean(),
                        "exempt-tag DoNotDelete"),
                Arguments.of("protection turned on", expired(ID).protectedFromDeregistration().build(), clean(),
                        "deregistration-protection"),
                Arguments.of("deregistered meanwhile", expired(ID).state(ImageState.DEREGISTERED).build(), clean(),
                        "state: deregistered"),
                Arguments.of("made public", expired(ID).makePublic().build(), clean(), "shared: group=all"),
                Arguments.of("taken out of scope", expired(ID).name("data-v1").build(), clean(), "not-selected"),
                Arguments.of("now in use", expired(ID).build(),
                        new ExpiryEvidence(InUseIndex.checking(List.of(ID)).use(ID, "i-0new (pending)").build(),
                                Map.of(ID, List.of()), true),
                        "in-use: i-0new (pending)"),
                Arguments.of("in-use no longer readable", expired(ID).build(),
                        new ExpiryEvidence(InUseIndex.checking(List.of(ID))
                                .failed("DescribeImageReferences: UnauthorizedOperation").build(), Map.of(ID, List.of()), true),
                        "in-use-unknown: DescribeImageReferences: UnauthorizedOperation"),
                Arguments.of("now shared", expired(ID).build(),
                        new ExpiryEvidence(InUseIndex.checking(List.of(ID)).build(),
                                Map.of(ID, List.of(LaunchPermission.user("444455556666"))), true),
                        "shared: userId=444455556666"));
    }

    @ParameterizedTest(name = "skips when {0}")
    @MethodSource("changes")
    void recheck_skips_whenImageNoLongerQualifies(String name, Image current, ExpiryEvidence evidence, String reason) {
        ExpiryPolicy policy = config().selector(new Selector(Map.of(), "web-*")).policy();
        Action planned = plannedDeregister(policy);

        assertThat(policy.recheck(planned, current, ACCOUNT, evidence, Map.of(), NOW)).contains(reason);
    }

    @Test
    void recheck_skips_whenImageIsGone() {
        ExpiryPolicy policy = config().policy();

        assertThat(policy.recheck(plannedDeregister(policy), null, ACCOUNT, clean(), Map.of(), NOW)).contains("gone");
    }

    @Test
    void recheck_goesAhead_whenImageStillQualifies() {
        ExpiryPolicy policy = config().policy();
        Image current = expired(ID).tag("DeleteOn", "2026-07-01").build();

        assertThat(policy.recheck(plannedDeregister(policy), current, ACCOUNT, clean(), Map.of(), NOW)).isEmpty();
    }

    @Test
    void recheck_skips_whenLaunchedSincePlanning() {
        ExpiryPolicy policy = config().unusedDays(30).policy();
        Image current = expired(ID).launched("2026-10-31T23:58:00Z").build();

        assertThat(policy.recheck(plannedDeregister(policy), current, ACCOUNT, clean(), Map.of(), NOW))
                .contains("used-recently 2026-10-31T23:58:00Z");
    }

    @Test
    void recheck_skips_whenDeprecationWasCancelledSincePlanning() {
        ExpiryPolicy policy = config().deprecateFirst(7).policy();
        Inventory planned = inventory(expired(ID).deprecated("2026-10-01T00:00:00Z").build());
        Action deregister = policy.plan(planned, cleanEvidence(planned), NOW).actions().get(0);

        assertThat(policy.recheck(deregister, expired(ID).build(), ACCOUNT, clean(), Map.of(), NOW))
                .contains("changed: now deprecate (expiry-tag DeleteOn=2026-06-01)");
    }

    @Test
    void recheck_skips_whenSomeoneDeprecatedSincePlanning() {
        ExpiryPolicy policy = config().deprecateFirst(7).policy();
        Action deprecate = policy.plan(inventory(expired(ID).build()), clean(), NOW).actions().get(0);

        assertThat(policy.recheck(deprecate, expired(ID).deprecated("2026-10-31T00:00:00Z").build(), ACCOUNT, clean(), Map.of(), NOW))
                .contains("grace: deprecated 2026-10-31, deregister after 2026-11-07");
    }

    @Test
    void recheck_refusesAnotherImage() {
        ExpiryPolicy policy = config().policy();

        assertThatThrownBy(() -> policy.recheck(plannedDeregister(policy), expired("ami-0002").build(), ACCOUNT, clean(), Map.of(), NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Action plannedDeregister(ExpiryPolicy policy) {
        Inventory inventory = inventory(expired(ID).build());
        Plan plan = policy.plan(inventory, cleanEvidence(inventory), NOW);
        assertThat(plan.actions()).extracting(Action::type).containsExactly(ActionType.DEREGISTER);
        return plan.actions().get(0);
    }

    private static ExpiryEvidence clean() {
        return cleanEvidence(inventory(expired(ID).build()));
    }
}
