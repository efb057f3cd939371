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
import static dev.amihousekeeping.core.PublicShareFixtures.config;
import static dev.amihousekeeping.core.PublicShareFixtures.policy;
import static dev.amihousekeeping.core.PublicShareFixtures.remediate;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.config.PublicShareConfig;
import dev.amihousekeeping.config.PublicShareMode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The event path: one resource, its current grants, one action or one kept entry. */
class PublicSharePolicyTest {

    /** resource type, resource id, current grants, expected offending grants, expected reason (or kept reason). */
    static Stream<Arguments> grants() {
        return Stream.of(
                row("public image", ResourceType.IMAGE, AMI, List.of(PUBLIC), List.of(PUBLIC),
                        "public: group=all"),
                row("public image on the allowlist", ResourceType.IMAGE, PUBLIC_AMI, List.of(PUBLIC), List.of(),
                        "allowed-public-image"),
                row("public snapshot, even with an allowlisted AMI's id", ResourceType.SNAPSHOT, PUBLIC_AMI,
                        List.of(PUBLIC), List.of(PUBLIC), "public: group=all"),
                row("public snapshot", ResourceType.SNAPSHOT, SNAPSHOT, List.of(PUBLIC), List.of(PUBLIC),
                        "public: group=all"),
                row("own account", ResourceType.IMAGE, AMI, List.of(OWN), List.of(), "no-offending-grants"),
                row("allowlisted account", ResourceType.IMAGE, AMI, List.of(PARTNER), List.of(),
                        "no-offending-grants"),
                row("foreign account", ResourceType.IMAGE, AMI, List.of(FOREIGN), List.of(FOREIGN),
                        "not allowlisted: userId=999988887777"),
                row("foreign account on a snapshot", ResourceType.SNAPSHOT, SNAPSHOT, List.of(PARTNER, FOREIGN),
                        List.of(FOREIGN), "not allowlisted: userId=999988887777"),
                row("allowlisted organization", ResourceType.IMAGE, AMI, List.of(OWN_ORG_GRANT), List.of(),
                        "no-offending-grants"),
                row("foreign organization", ResourceType.IMAGE, AMI, List.of(FOREIGN_ORG_GRANT),
                        List.of(FOREIGN_ORG_GRANT),
                        "not allowlisted: organizationArn=arn:aws:organizations::777766665555:organization/o-z9y8x7w6v5"),
                row("allowlisted OU", ResourceType.IMAGE, AMI, List.of(OWN_OU_GRANT), List.of(), "no-offending-grants"),
                // An OU is narrower than its organization: one of an allowed organization is allowed, listed or not.
                row("OU of an allowlisted organization, itself not listed", ResourceType.IMAGE, AMI,
                        List.of(PublicShareFixtures.OU_IN_OWN_ORG_GRANT), List.of(), "no-offending-grants"),
                // Organizations compare by org id: the ARN's account part is not part of who the organization is.
                row("allowlisted organization id under another ARN account", ResourceType.IMAGE, AMI,
                        List.of(LaunchPermission.organization(
                                "arn:aws:organizations::444455556666:organization/o-a1b2c3d4e5")),
                        List.of(), "no-offending-grants"),
                row("OU of a foreign organization", ResourceType.IMAGE, AMI,
                        List.of(OTHER_OU_GRANT), List.of(OTHER_OU_GRANT),
                        "not allowlisted: organizationalUnitArn=" + OTHER_OU_GRANT.organizationalUnitArn()),
                row("foreign organization whose id merely starts like ours", ResourceType.IMAGE, AMI,
                        List.of(LaunchPermission.organization(
                                "arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5x")),
                        List.of(LaunchPermission.organization(
                                "arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5x")),
                        "not allowlisted: organizationArn=arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5x"),
                row("an account id on the organization list is not an allowed account", ResourceType.IMAGE, AMI,
                        List.of(LaunchPermission.user("arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5")),
                        List.of(LaunchPermission.user("arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5")),
                        "not allowlisted: userId=arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5"),
                row("unknown group", ResourceType.IMAGE, AMI, List.of(new LaunchPermission("staff", null, null, null)),
                        List.of(new LaunchPermission("staff", null, null, null)), "not allowlisted: group=staff"),
                row("public and foreign together, in the order read", ResourceType.IMAGE, AMI,
                        List.of(FOREIGN, OWN, PUBLIC, PARTNER), List.of(FOREIGN, PUBLIC),
                        "public: group=all; not allowlisted: userId=999988887777"),
                row("the same grant read twice is removed once", ResourceType.IMAGE, AMI,
                        List.of(FOREIGN, FOREIGN), List.of(FOREIGN), "not allowlisted: userId=999988887777"),
                row("allowlisted public image also shared with a foreign account", ResourceType.IMAGE, PUBLIC_AMI,
                        List.of(PUBLIC, FOREIGN), List.of(FOREIGN), "not allowlisted: userId=999988887777"),
                row("no grants", ResourceType.IMAGE, AMI, List.of(), List.of(), "no-offending-grants"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grants")
    void remediate_removesExactlyTheOffendingGrants(String name, ResourceType type, String id,
                                                   List<LaunchPermission> current, List<LaunchPermission> offending,
                                                   String reason) {
        Plan plan = plan(policy(remediate()), type, id, current);

        if (offending.isEmpty()) {
            assertThat(plan.actions()).isEmpty();
            assertThat(plan.kept()).containsExactly(new Kept(REGION, type, id, reason));
        } else {
            assertThat(plan.kept()).isEmpty();
            assertThat(plan.actions()).containsExactly(
                    new Action.RemoveGrants(REGION, type, id, reason, offending));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grants")
    void alert_reportsTheSameFinding_andPlansNoAction(String name, ResourceType type, String id,
                                                     List<LaunchPermission> current, List<LaunchPermission> offending,
                                                     String reason) {
        Plan plan = plan(policy(alert()), type, id, current);

        assertThat(plan.actions()).isEmpty();
        String expected = offending.isEmpty() ? reason : "alert-only: " + reason;
        assertThat(plan.kept()).containsExactly(new Kept(REGION, type, id, expected));
    }

    @Test
    void finding_listsCurrentAndOffendingGrants() {
        PublicShareFinding finding = policy(remediate()).inspectImage(REGION, AMI, List.of(OWN, PUBLIC, PARTNER));

        assertThat(finding.grants()).containsExactly(OWN, PUBLIC, PARTNER);
        assertThat(finding.offending()).containsExactly(PUBLIC);
        assertThat(finding.hasOffendingGrants()).isTrue();
        assertThat(finding.allowedPublic()).isFalse();
        assertThat(finding.reason()).isEqualTo("public: group=all");
    }

    @Test
    void keeps_everything_whenDisabled() {
        Plan plan = policy(config(PublicShareMode.REMEDIATE, true, true, false)).planImage(REGION, AMI, List.of(PUBLIC));

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).extracting(Kept::reason).containsExactly("disabled");
    }

    @Test
    void keeps_publicSnapshot_whenSnapshotsAreExcluded() {
        Plan plan = policy(config(PublicShareMode.REMEDIATE, false, false, true))
                .planSnapshot(REGION, SNAPSHOT, List.of(PUBLIC));

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).extracting(Kept::reason).containsExactly("snapshots-excluded");
    }

    @Test
    void ownAccount_isAllowed_withEmptyAllowlists() {
        PublicSharePolicy policy = new PublicSharePolicy(
                PublicShareConfig.defaults(),
                PublicShareFixtures.OWN_ACCOUNT);

        assertThat(policy.planImage(REGION, AMI, List.of(OWN)).kept()).extracting(Kept::reason)
                .containsExactly("no-offending-grants");
        assertThat(policy.planImage(REGION, AMI, List.of(PARTNER)).actions()).hasSize(1);
    }

    @Test
    void remainingOffending_isEmpty_onlyWhenRemediationLeftNothingOffending() {
        PublicSharePolicy policy = policy(remediate());
        Action remove = policy.planImage(REGION, AMI, List.of(PUBLIC, FOREIGN, PARTNER)).actions().get(0);

        assertThat(policy.remainingOffending(remove, List.of(PARTNER))).isEmpty();
        assertThat(policy.remainingOffending(remove, List.of(PARTNER, PUBLIC))).containsExactly(PUBLIC);
    }

    @Test
    void recheck_andRemaining_refuseOtherActions() {
        Action deregister = TestActions.of(REGION, ResourceType.IMAGE, AMI, ActionType.DEREGISTER, "expired");

        assertThatThrownBy(() -> policy(remediate()).recheck(deregister, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deregister");
    }

    private static Plan plan(PublicSharePolicy policy, ResourceType type, String id, List<LaunchPermission> grants) {
        return type == ResourceType.IMAGE ? policy.planImage(REGION, id, grants) : policy.planSnapshot(REGION, id, grants);
    }

    private static Arguments row(String name, ResourceType type, String id, List<LaunchPermission> current,
                                 List<LaunchPermission> offending, String reason) {
        return Arguments.of(name, type, id, current, offending, reason);
    }
}
