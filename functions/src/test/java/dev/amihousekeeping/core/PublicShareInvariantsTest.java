package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.PublicShareFixtures.AMI;
import static dev.amihousekeeping.core.PublicShareFixtures.FOREIGN;
import static dev.amihousekeeping.core.PublicShareFixtures.FOREIGN_ORG_GRANT;
import static dev.amihousekeeping.core.PublicShareFixtures.OTHER_OU_GRANT;
import static dev.amihousekeeping.core.PublicShareFixtures.OWN;
import static dev.amihousekeeping.core.PublicShareFixtures.OWN_ORG_GRANT;
import static dev.amihousekeeping.core.PublicShareFixtures.OWN_OU_GRANT;
import static dev.amihousekeeping.core.PublicShareFixtures.PARTNER;
import static dev.amihousekeeping.core.PublicShareFixtures.PUBLIC;
import static dev.amihousekeeping.core.PublicShareFixtures.PUBLIC_AMI;
import static dev.amihousekeeping.core.PublicShareFixtures.SNAPSHOT;
import static dev.amihousekeeping.core.PublicShareFixtures.alert;
import static dev.amihousekeeping.core.PublicShareFixtures.image;
import static dev.amihousekeeping.core.PublicShareFixtures.policy;
import static dev.amihousekeeping.core.PublicShareFixtures.remediate;
import static dev.amihousekeeping.core.PublicShareFixtures.snapshot;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §6 invariant 9 (public-share removes only the offending grants) and invariant 6 (re-check just before
 * acting) for public-share, plus alert mode's promise to change nothing.
 */
class PublicShareInvariantsTest {

    /** Every kind of allowed grant next to every kind of offending one. */
    private static final List<LaunchPermission> MIXED = List.of(OWN, PARTNER, OWN_ORG_GRANT, OWN_OU_GRANT, PUBLIC,
            FOREIGN, FOREIGN_ORG_GRANT, OTHER_OU_GRANT);
    private static final List<LaunchPermission> ALLOWED = List.of(OWN, PARTNER, OWN_ORG_GRANT, OWN_OU_GRANT);

    @Test
    void invariant9_removesOnlyOffendingGrants() {
        Plan plan = policy(remediate()).planImage(REGION, AMI, MIXED);

        assertThat(plan.actions()).singleElement().satisfies(action -> {
            assertThat(TestActions.grants(action)).containsExactly(PUBLIC, FOREIGN, FOREIGN_ORG_GRANT, OTHER_OU_GRANT);
            assertThat(TestActions.grants(action)).doesNotContainAnyElementsOf(ALLOWED);
        });
    }

    @Test
    void invariant9_removesOnlyOffendingGrants_fromSnapshots() {
        Plan plan = policy(remediate()).planSnapshot(REGION, SNAPSHOT, MIXED);

        assertThat(plan.actions()).singleElement()
                .satisfies(action -> assertThat(TestActions.grants(action)).doesNotContainAnyElementsOf(ALLOWED)
                        .containsExactly(PUBLIC, FOREIGN, FOREIGN_ORG_GRANT, OTHER_OU_GRANT));
    }

    @Test
    void invariant9_allowedPublicImage_keepsItsPublicGrant_whileForeignGrantsGo() {
        Plan plan = policy(remediate()).planImage(REGION, PUBLIC_AMI, List.of(PUBLIC, PARTNER, FOREIGN));

        assertThat(plan.actions()).singleElement()
                .satisfies(action -> assertThat(TestActions.grants(action)).containsExactly(FOREIGN));
    }

    @Test
    void invariant9_sweep_removesOnlyOffendingGrants_onEveryResource() {
        Plan plan = policy(remediate()).sweep(
                List.of(image(AMI, PublicShareFixtures.OWN_ACCOUNT), image(PUBLIC_AMI, PublicShareFixtures.OWN_ACCOUNT)),
                Map.of(AMI, MIXED, PUBLIC_AMI, MIXED),
                List.of(snapshot(SNAPSHOT, PublicShareFixtures.OWN_ACCOUNT)), Map.of(SNAPSHOT, MIXED));

        assertThat(plan.actions()).hasSize(3).allSatisfy(action ->
                assertThat(TestActions.grants(action)).isNotEmpty().doesNotContainAnyElementsOf(ALLOWED));
        assertThat(plan.actions()).filteredOn(a -> a.resourceId().equals(PUBLIC_AMI)).singleElement()
                .satisfies(action -> assertThat(TestActions.grants(action)).doesNotContain(PUBLIC));
    }

    @Test
    void invariant9_recheck_neverAddsAllowedGrants_andDropsGrantsAlreadyGone() {
        PublicSharePolicy policy = policy(remediate());
        Action planned = policy.planImage(REGION, AMI, MIXED).actions().get(0);

        Optional<Action.RemoveGrants> now = policy.recheck(planned, List.of(OWN, PARTNER, FOREIGN));

        assertThat(now).hasValueSatisfying(action -> assertThat(action.grants()).containsExactly(FOREIGN));
    }

    @Test
    void invariant6_recheck_skips_whenNothingOffendsAnyMore() {
        PublicSharePolicy policy = policy(remediate());
        Action planned = policy.planImage(REGION, AMI, List.of(PUBLIC, PARTNER)).actions().get(0);

        assertThat(policy.recheck(planned, List.of(PARTNER))).isEmpty();
    }

    @Test
    void invariant6_recheck_removesAGrantAddedSinceThePlan() {
        PublicSharePolicy policy = policy(remediate());
        Action planned = policy.planImage(REGION, AMI, List.of(FOREIGN)).actions().get(0);

        assertThat(policy.recheck(planned, List.of(FOREIGN, PUBLIC)))
                .hasValueSatisfying(action -> assertThat(TestActions.grants(action)).containsExactly(FOREIGN, PUBLIC));
    }

    @Test
    void alertMode_plansNoAction_forAnyResource() {
        PublicSharePolicy policy = policy(alert());

        Plan plan = policy.sweep(List.of(image(AMI, PublicShareFixtures.OWN_ACCOUNT)), Map.of(AMI, MIXED),
                List.of(snapshot(SNAPSHOT, PublicShareFixtures.OWN_ACCOUNT)), Map.of(SNAPSHOT, MIXED));

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).extracting(Kept::reason).containsOnly(
                "alert-only: public: group=all; not allowlisted: userId=999988887777, "
                        + "organizationArn=" + FOREIGN_ORG_GRANT.organizationArn()
                        + ", organizationalUnitArn=" + OTHER_OU_GRANT.organizationalUnitArn());
        assertThat(policy.recheck(new Action.RemoveGrants(REGION, ResourceType.IMAGE, AMI, "public",
                List.of(PUBLIC)), MIXED)).isEmpty();
    }
}
