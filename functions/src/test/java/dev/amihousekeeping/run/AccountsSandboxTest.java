package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.AccountsFixture.HUB;
import static dev.amihousekeeping.run.AccountsFixture.MEMBER_A;
import static dev.amihousekeeping.run.AccountsFixture.MEMBER_B;
import static dev.amihousekeeping.run.AccountsFixture.REGIONS;
import static dev.amihousekeeping.run.AccountsFixture.SUSPENDED;
import static dev.amihousekeeping.run.AccountsFixture.expired;
import static dev.amihousekeeping.run.AccountsFixture.fresh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.MemberAccount;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.ec2.Ec2Exception;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs over an organization against the several-account sandbox, with the real SDK: Organizations ListAccounts
 * (the 2.40.2 module beside the BOM's core), STS GetCallerIdentity and AssumeRole through the SDK's
 * {@code StsAssumeRoleCredentialsProvider}, and each account's EC2 through its own credentials.
 */
class AccountsSandboxTest {

    private static final Config POLICY = ConfigLoader.parse(AccountsFixture.POLICY);

    private SandboxHarness sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private Report expire(List<String> withoutRole, boolean dryRun) {
        sandbox = SandboxHarness.start(AccountsFixture.seed(withoutRole));
        Housekeeping housekeeping = sandbox.housekeeping();
        RunRequest request = AccountTargets.over(sandbox.request(POLICY, dryRun), POLICY.accounts(), housekeeping);
        return new ExpiryRun(housekeeping).run(request);
    }

    @Test
    void organizationAccounts_areListedByTheSdksOrganizationsClient_withTheirState() {
        sandbox = SandboxHarness.start(AccountsFixture.seed());

        assertThat(sandbox.gateway().organizationAccounts().list("us-east-1")).containsExactlyInAnyOrder(
                new MemberAccount(HUB, "ACTIVE"), new MemberAccount(MEMBER_A, "ACTIVE"),
                new MemberAccount(MEMBER_B, "ACTIVE"), new MemberAccount(SUSPENDED, "SUSPENDED"));
    }

    @Test
    void dryRun_overTheOrganization_plansInEachActiveAccountAndRegion_andSkipsTheSuspendedOne() {
        Report report = expire(List.of(), true);

        List<org.assertj.core.groups.Tuple> expected = new ArrayList<>();
        for (String account : List.of(HUB, MEMBER_A, MEMBER_B)) {
            for (String region : REGIONS) {
                expected.add(tuple(account, region, expired(account, region)));
            }
        }
        assertThat(report.errors()).isEmpty();
        assertThat(report.actions()).filteredOn(a -> a.action() == ActionType.DEREGISTER)
                .extracting(ActionResult::account, ActionResult::region, ActionResult::resourceId)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(report.actions()).extracting(ActionResult::outcome).containsOnly(Outcome.PLANNED);
        assertThat(report.kept()).allSatisfy(kept -> assertThat(kept.account()).isNotNull());
        assertThat(report.kept()).filteredOn(kept -> SUSPENDED.equals(kept.account()))
                .extracting(Kept::region, Kept::reason)
                .containsExactlyInAnyOrder(tuple("us-east-1", "account-not-active: SUSPENDED"),
                        tuple("eu-west-1", "account-not-active: SUSPENDED"));
        assertThat(report.accounts()).containsExactly(HUB, MEMBER_A, MEMBER_B);
        assertThat(report.runId()).isEqualTo("test-run");
    }

    @Test
    void aRoleThatCannotBeAssumed_isThatAccountsError_andTheOtherAccountsArePlanned() {
        Report report = expire(List.of(MEMBER_B), true);

        assertThat(report.errors()).extracting(RegionError::account, RegionError::region, RegionError::code)
                .containsExactlyInAnyOrder(tuple(MEMBER_B, "us-east-1", "AccessDenied"),
                        tuple(MEMBER_B, "eu-west-1", "AccessDenied"));
        assertThat(report.actions()).filteredOn(a -> a.action() == ActionType.DEREGISTER)
                .extracting(ActionResult::account).containsOnly(HUB, MEMBER_A).hasSize(4);
    }

    @Test
    void invariant_nothingIsDeletedInAnAccountWhoseCredentialsFail_andApplyActsOnlyInTheRightAccount() {
        Report report = expire(List.of(MEMBER_B), false);

        assertThat(report.actions()).filteredOn(a -> a.action() == ActionType.DEREGISTER)
                .extracting(ActionResult::account, ActionResult::outcome)
                .containsOnly(tuple(HUB, Outcome.DONE), tuple(MEMBER_A, Outcome.DONE)).hasSize(4);
        for (String region : REGIONS) {
            for (String account : List.of(HUB, MEMBER_A)) {
                assertThat(imageIds(account, region)).as("%s %s", account, region)
                        .containsExactly(fresh(account, region));
            }
            assertThat(imageIds(MEMBER_B, region)).as("the account whose role failed")
                    .containsExactlyInAnyOrder(expired(MEMBER_B, region), fresh(MEMBER_B, region));
        }
    }

    @Test
    void aTargetNamingAnotherAccountWithoutARole_failsRatherThanActWithTheOwnCredentials() {
        sandbox = SandboxHarness.start(AccountsFixture.seed());
        Housekeeping housekeeping = sandbox.housekeeping();
        RunRequest request = sandbox.request(POLICY, false)
                .over(List.of(new Target(MEMBER_A, "us-east-1"), new Target(HUB, "eu-west-1")), List.of());

        Report report = new ExpiryRun(housekeeping).run(request);

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.account()).isEqualTo(MEMBER_A);
            assertThat(error.message()).contains("not the credentials' own");
        });
        assertThat(report.actions()).extracting(ActionResult::account, ActionResult::region)
                .containsOnly(tuple(HUB, "eu-west-1"));
        assertThat(imageIds(MEMBER_A, "us-east-1")).hasSize(2);
        assertThat(imageIds(HUB, "us-east-1")).hasSize(2);
    }

    @Test
    void theOwnAccount_isReachedWithoutARole_andAnAccountOutsideTheOrganizationIsRefusedByStsNotGuessed() {
        sandbox = SandboxHarness.start(AccountsFixture.seed());
        Housekeeping housekeeping = sandbox.housekeeping();

        assertThat(housekeeping.gatewayFor(new Target(HUB, "us-east-1"))).isSameAs(housekeeping.gateway());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> housekeeping.gatewayFor(
                        Target.member("999988887777", "us-east-1", AccountsFixture.ROLE), "run"))
                .isInstanceOfSatisfying(Ec2Exception.class,
                        e -> assertThat(e.errorCode()).isEqualTo("AccessDenied"));
    }

    private List<String> imageIds(String account, String region) {
        return sandbox.images(account, region).stream().map(SeedImage::imageId).toList();
    }
}
