package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.ExpiryTestConfig.config;
import static dev.amihousekeeping.core.ExpiryTestImage.cleanEvidence;
import static dev.amihousekeeping.core.ExpiryTestImage.inventory;
import static dev.amihousekeeping.core.ExpiryTestImage.nth;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * keepLatest judged again just before acting: the newer images that put an image beyond its lineage's newest N
 * may have gone since the plan (invariant 2, invariant 6).
 */
class ExpiryRecheckKeepLatestTest {

    private static final Image V1 = nth(1, "web-v1").build();
    private static final Image V2 = nth(2, "web-v2").build();
    private static final Image V3 = nth(3, "web-v3").build();

    @Test
    void plan_namesTheLineagesNewest_onTheActionsItKeepsOut() {
        ExpiryPolicy policy = config().keepLatest(2).policy();

        Plan plan = plan(policy, V1, V2, V3);

        assertThat(plan.actions()).singleElement().satisfies(action -> {
            assertThat(action.resourceId()).isEqualTo("ami-0001");
            assertThat(ExpiryPolicy.newestInLineage(action)).containsExactly("ami-0003", "ami-0002");
        });
    }

    @Test
    void recheck_keeps_whenTheNewerImageWasDeregisteredSincePlanning() {
        ExpiryPolicy policy = config().keepLatest(1).policy();
        Action deregister = plan(policy, V1, V2).actions().get(0);

        assertThat(policy.recheck(deregister, V1, ACCOUNT, clean(), Map.of(), NOW))
                .contains("keep-latest 1 of web (since the plan: ami-0002 gone)");
        Image v2Deregistered = nth(2, "web-v2").state(ImageState.DEREGISTERED).build();
        assertThat(policy.recheck(deregister, V1, ACCOUNT, clean(), Map.of("ami-0002", v2Deregistered), NOW))
                .contains("keep-latest 1 of web (since the plan: ami-0002 deregistered)");
    }

    @Test
    void recheck_keeps_whenTheNewerImageIsNoLongerAvailableOrNoLongerOfTheLineage() {
        ExpiryPolicy policy = config().keepLatest(1).policy();
        Action deregister = plan(policy, V1, V2).actions().get(0);

        Image failed = nth(2, "web-v2").state(ImageState.FAILED).build();
        Image renamed = nth(2, "api-v2").build();
        assertThat(policy.recheck(deregister, V1, ACCOUNT, clean(), Map.of("ami-0002", failed), NOW))
                .contains("keep-latest 1 of web (since the plan: ami-0002 failed)");
        assertThat(policy.recheck(deregister, V1, ACCOUNT, clean(), Map.of("ami-0002", renamed), NOW))
                .contains("keep-latest 1 of web (since the plan: ami-0002 no longer a newer web)");
    }

    @Test
    void recheck_goesAhead_whenEnoughNewerImagesStillCount() {
        ExpiryPolicy policy = config().keepLatest(1).policy();
        Action deregister = plan(policy, V1, V2).actions().get(0);
        Image v2Disabled = nth(2, "web-v2").state(ImageState.DISABLED).build();

        assertThat(policy.recheck(deregister, V1, ACCOUNT, clean(), Map.of("ami-0002", V2), NOW)).isEmpty();
        // As the plan counts it: a disabled AMI can be enabled again (ExpiryKeepLatestTest).
        assertThat(policy.recheck(deregister, V1, ACCOUNT, clean(), Map.of("ami-0002", v2Disabled), NOW)).isEmpty();
    }

    @Test
    void recheck_keepsADeprecation_too_whenTheNewerImageIsGone() {
        ExpiryPolicy policy = config().keepLatest(1).deprecateFirst(7).policy();
        Action deprecate = plan(policy, V1, V2).actions().get(0);
        assertThat(deprecate.type()).isEqualTo(ActionType.DEPRECATE);

        assertThat(policy.recheck(deprecate, V1, ACCOUNT, clean(), Map.of(), NOW))
                .contains("keep-latest 1 of web (since the plan: ami-0002 gone)");
    }

    @Test
    void recheck_withoutKeepLatest_needsNoLineage() {
        ExpiryPolicy policy = config().policy();
        Action deregister = plan(policy, V1).actions().get(0);

        assertThat(ExpiryPolicy.newestInLineage(deregister)).isEmpty();
        assertThat(policy.recheck(deregister, V1, ACCOUNT, clean(), Map.of(), NOW)).isEmpty();
    }

    private static Plan plan(ExpiryPolicy policy, Image... images) {
        Inventory inventory = inventory(images);
        return policy.plan(inventory, cleanEvidence(inventory), NOW);
    }

    private static ExpiryEvidence clean() {
        return cleanEvidence(inventory(V1, V2, V3));
    }
}
