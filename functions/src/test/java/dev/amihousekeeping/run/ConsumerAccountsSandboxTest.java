package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.AccountsFixture.CONSUMER_INSTANCE;
import static dev.amihousekeeping.run.AccountsFixture.HUB;
import static dev.amihousekeeping.run.AccountsFixture.MEMBER_A;
import static dev.amihousekeeping.run.AccountsFixture.MEMBER_B;
import static dev.amihousekeeping.run.AccountsFixture.ORGANIZATION_ARN;
import static dev.amihousekeeping.run.AccountsFixture.expired;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Invariant 14 against the several-account sandbox: with {@code accounts.checkConsumers} and
 * {@code expiry.includeShared}, the hub's AMI shared with a member account (by id, or with the whole
 * organization) goes only when every consumer account was read through its role and none uses it.
 */
class ConsumerAccountsSandboxTest {

    private static final Config POLICY = ConfigLoader.parse("{\"regions\": [\"us-east-1\"], \"dryRun\": false,"
            + " \"expiry\": {\"includeShared\": true}, \"accounts\": {\"ids\": [\"" + HUB + "\"]}}");
    private static final String BY_ID = "{\"userId\": \"" + MEMBER_A + "\"}";
    private static final String BY_ORGANIZATION = "{\"organizationArn\": \"" + ORGANIZATION_ARN + "\"}";

    private SandboxHarness sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Report expire(String grant, boolean used, List<String> withoutRole) {
        sandbox = SandboxHarness.start(AccountsFixture.sharedSeed(AccountsFixture.seed(withoutRole), grant, used));
        Housekeeping housekeeping = sandbox.housekeeping();
        RunRequest request = AccountTargets.over(sandbox.request(POLICY, false), POLICY.accounts(), housekeeping);
        return new ExpiryRun(housekeeping).run(request);
    }

    @Test
    void invariant14_keepsASharedAmi_whileAConsumerAccountUsesIt() {
        Report report = expire(BY_ID, true, List.of());

        assertThat(kept(report)).hasValue("in-use: " + MEMBER_A + " " + CONSUMER_INSTANCE);
        assertThat(deregistered(report)).isEmpty();
        assertThat(hubImages()).contains(expired(HUB, REGION));
    }

    @Test
    void invariant14_keepsASharedAmi_whenAConsumerAccountCannotBeRead() {
        Report report = expire(BY_ID, false, List.of(MEMBER_A));

        assertThat(kept(report)).hasValue("consumer-unreadable: " + MEMBER_A);
        assertThat(hubImages()).contains(expired(HUB, REGION));
    }

    @Test
    void invariant14_anOrganizationGrant_isEveryMemberAccount_andOneUnreadableKeepsTheAmi() {
        Report report = expire(BY_ORGANIZATION, false, List.of(MEMBER_B));

        assertThat(kept(report)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("consumer-unreadable: ").contains(MEMBER_B).doesNotContain(MEMBER_A));
        assertThat(hubImages()).contains(expired(HUB, REGION));
    }

    @Test
    void invariant14_anOrganizationGrant_findsTheUseInAMemberAccount() {
        Report report = expire(BY_ORGANIZATION, true, List.of());

        assertThat(kept(report)).hasValue("in-use: " + MEMBER_A + " " + CONSUMER_INSTANCE);
        assertThat(hubImages()).contains(expired(HUB, REGION));
    }

    @Test
    void aSharedAmi_goes_whenEveryConsumerWasReadAndNoneUsesIt() {
        Report report = expire(BY_ID, false, List.of());

        assertThat(deregistered(report)).containsExactly(Outcome.DONE);
        assertThat(hubImages()).doesNotContain(expired(HUB, REGION));
    }

    @Test
    void withoutIncludeShared_aSharedAmiIsKeptAsBefore_andNoConsumerIsAsked() {
        sandbox = SandboxHarness.start(AccountsFixture.sharedSeed(AccountsFixture.seed(List.of(MEMBER_A)), BY_ID,
                false));
        Config policy = ConfigLoader.parse("{\"regions\": [\"us-east-1\"], \"accounts\": {\"ids\": [\"" + HUB
                + "\"]}}");
        Housekeeping housekeeping = sandbox.housekeeping();

        Report report = new ExpiryRun(housekeeping).run(AccountTargets.over(sandbox.request(policy, false),
                policy.accounts(), housekeeping));

        assertThat(kept(report)).hasValue("shared: userId=" + MEMBER_A);
    }

    private static Optional<String> kept(Report report) {
        return report.kept().stream().filter(k -> k.resourceId().equals(expired(HUB, REGION)))
                .map(Kept::reason).findFirst();
    }

    private static List<Outcome> deregistered(Report report) {
        return report.actions().stream().filter(a -> a.action() == ActionType.DEREGISTER)
                .filter(a -> a.resourceId().equals(expired(HUB, REGION))).map(ActionResult::outcome).toList();
    }

    private List<String> hubImages() {
        return sandbox.images(HUB, REGION).stream().map(SeedImage::imageId).toList();
    }
}
