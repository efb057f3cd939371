package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.config.AccountsConfig;
import dev.amihousekeeping.core.MemberAccount;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which targets a policy's {@code accounts} give: pure, no AWS. */
class AccountTargetsTest {

    private static final String OWN = "111122223333";
    private static final String A = "222233334444";
    private static final String B = "333344445555";
    private static final String C = "444455556666";
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
    private static final String ROLE = "AmiHousekeeperMember";
    private static final List<MemberAccount> ORGANIZATION = List.of(new MemberAccount(OWN, "ACTIVE"),
            new MemberAccount(A, "ACTIVE"), new MemberAccount(B, "SUSPENDED"), new MemberAccount(C, "ACTIVE"));

    @Test
    void noAccounts_isTheOwnAccountInEachRegion_askingNothing() {
        AccountTargets targets = AccountTargets.plan(null, REGIONS, null, () -> {
            throw new AssertionError("Organizations asked");
        });

        assertThat(targets.targets()).containsExactly(Target.own("us-east-1"), Target.own("eu-west-1"));
        assertThat(targets.skipped()).isEmpty();
    }

    @Test
    void organization_isEachActiveAccountTimesEachRegion_theOwnWithoutARole_minusExclude() {
        AccountsConfig accounts = new AccountsConfig(true, null, List.of(C), null, null);

        AccountTargets targets = AccountTargets.plan(accounts, REGIONS, OWN, () -> ORGANIZATION);

        assertThat(targets.targets()).containsExactly(new Target(OWN, "us-east-1"), new Target(OWN, "eu-west-1"),
                Target.member(A, "us-east-1", ROLE), Target.member(A, "eu-west-1", ROLE));
        assertThat(targets.skipped()).containsExactly(new SkippedAccount(B, "SUSPENDED"));
        assertThat(targets.accounts()).containsExactly(OWN, A);
    }

    @Test
    void ids_areExactlyThose_inTheirOrder_withTheNamedRole_neverAskingTheOrganization() {
        AccountsConfig accounts = AccountsConfig.ids(List.of(C, OWN, B), "Housekeeper");

        AccountTargets targets = AccountTargets.plan(accounts, List.of("us-east-1"), OWN, () -> {
            throw new AssertionError("Organizations asked");
        });

        assertThat(targets.targets()).containsExactly(Target.member(C, "us-east-1", "Housekeeper"),
                new Target(OWN, "us-east-1"), Target.member(B, "us-east-1", "Housekeeper"));
    }

    @Test
    void anExcludedSuspendedAccount_isNeitherCoveredNorReported() {
        AccountsConfig accounts = new AccountsConfig(true, null, List.of(B), null, null);

        assertThat(AccountTargets.plan(accounts, REGIONS, OWN, () -> ORGANIZATION).skipped()).isEmpty();
    }

    @Test
    void anOrganizationListingNoActiveAccount_coversNothing_andTheRunCannotStart() {
        AccountsConfig accounts = new AccountsConfig(true, null, List.of(OWN), null, null);
        List<MemberAccount> suspendedOnly = List.of(new MemberAccount(OWN, "ACTIVE"),
                new MemberAccount(B, "SUSPENDED"));

        assertThat(AccountTargets.plan(accounts, REGIONS, OWN, () -> suspendedOnly).targets()).isEmpty();
        assertThatThrownBy(() -> AccountTargets.plan(accounts, REGIONS, OWN, () -> suspendedOnly).requireSome(accounts))
                .isInstanceOf(AccountTargets.NoAccountToCover.class)
                .hasMessage("Organizations lists no ACTIVE account outside accounts.exclude;"
                        + " not active: [" + B + " SUSPENDED]");
        assertThatThrownBy(() -> AccountTargets.plan(accounts, REGIONS, OWN, List::of).requireSome(accounts))
                .hasMessage("Organizations lists no ACTIVE account outside accounts.exclude");
        AccountTargets some = AccountTargets.plan(accounts, REGIONS, OWN, () -> ORGANIZATION);
        assertThat(some.requireSome(accounts)).isSameAs(some);
    }

    @Test
    void notInOrganization_namesTheIdsThatAreNotMembers() {
        assertThat(AccountTargets.notInOrganization(List.of(A, "999988887777"), ORGANIZATION))
                .containsExactly("999988887777");
    }

    @Test
    void mapItem_ofTheOwnAccountHasNoRole_anotherThePolicysRole_anExcludedOneIsRefused() {
        AccountsConfig accounts = new AccountsConfig(true, null, List.of(C), "Housekeeper", null);

        assertThat(AccountTargets.item(OWN, "eu-west-1", OWN, accounts)).isEqualTo(new Target(OWN, "eu-west-1"));
        assertThat(AccountTargets.item(A, "eu-west-1", OWN, accounts))
                .isEqualTo(Target.member(A, "eu-west-1", "Housekeeper"));
        assertThatThrownBy(() -> AccountTargets.item(C, "eu-west-1", OWN, accounts))
                .hasMessageContaining("excluded");
        assertThatThrownBy(() -> AccountTargets.item(C, "eu-west-1", OWN, AccountsConfig.ids(List.of(A), ROLE)))
                .hasMessageContaining("not one of the policy's accounts.ids");
    }

    @Test
    void roleSessionName_isThePrefixAndTheRunIdsStart_inStsCharacters() {
        assertThat(Housekeeping.sessionName("3f1c2a9e-77b1-4c1e")).isEqualTo("ami-housekeeper-3f1c2a9e");
        assertThat(Housekeeping.sessionName("a b/c")).isEqualTo("ami-housekeeper-abc");
        assertThat(Housekeeping.sessionName(null)).isEqualTo("ami-housekeeper-run");
    }
}
