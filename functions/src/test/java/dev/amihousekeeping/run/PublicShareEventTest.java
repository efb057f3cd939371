package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.PublicShareFixture.AMI;
import static dev.amihousekeeping.run.PublicShareFixture.FOREIGN;
import static dev.amihousekeeping.run.PublicShareFixture.OWN_ORG;
import static dev.amihousekeeping.run.PublicShareFixture.OWN_OU;
import static dev.amihousekeeping.run.PublicShareFixture.PARTNER;
import static dev.amihousekeeping.run.PublicShareFixture.PUBLIC_AMI;
import static dev.amihousekeeping.run.PublicShareFixture.REMEDIATE;
import static dev.amihousekeeping.run.PublicShareFixture.SAMPLE_ORG;
import static dev.amihousekeeping.run.PublicShareFixture.SAMPLE_OU;
import static dev.amihousekeeping.run.PublicShareFixture.SNAPSHOT;
import static dev.amihousekeeping.run.PublicShareFixture.config;
import static dev.amihousekeeping.run.PublicShareFixture.image;
import static dev.amihousekeeping.run.PublicShareFixture.imageSeed;
import static dev.amihousekeeping.run.PublicShareFixture.snapshot;
import static dev.amihousekeeping.run.PublicShareFixture.user;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.events.EventParser;
import dev.amihousekeeping.testing.SandboxHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The event path against the sandbox, through the dispatcher, with the real SDK over HTTP. */
class PublicShareEventTest {

    private static final LaunchPermission PUBLIC = LaunchPermission.publicGroup();
    @RegisterExtension
    static final SandboxHarness sandbox = PublicShareFixture.start();

    @Test
    void removesThePublicGrant_andKeepsTheAllowlistedAccount() throws Exception {
        sandbox.load(imageSeed(AMI, true, user(PARTNER)));

        Report report = PublicShareFixture.handle(sandbox, "modify-image-attribute-public.json", config(REMEDIATE), false);

        assertThat(report.function()).isEqualTo("public-share");
        assertThat(report.regions()).containsExactly(REGION);
        assertThat(report.actions()).singleElement().satisfies(action -> {
            assertThat(action.action()).isEqualTo(ActionType.REMOVE_GRANT);
            assertThat(action.outcome()).isEqualTo(Outcome.DONE);
            assertThat(action.reason()).isEqualTo("public: group=all");
            assertThat(action.detail()).isEqualTo("removed [group=all]; before [group=all, userId=444455556666]; "
                    + "after [userId=444455556666]");
        });
        assertThat(sandbox.imageGrants(REGION, AMI)).containsExactly(LaunchPermission.user(PARTNER));
    }

    @Test
    void removesAnAccountThatIsNotAllowlisted() throws Exception {
        sandbox.load(imageSeed(AMI, false, user(PARTNER) + "," + user(FOREIGN)));

        PublicShareFixture.handle(sandbox, "modify-image-attribute-account.json", config(REMEDIATE), false);

        assertThat(sandbox.imageGrants(REGION, AMI)).containsExactly(LaunchPermission.user(PARTNER));
    }

    @Test
    void removesAnOrganizationThatIsNotAllowlisted_andKeepsOurOrganization() throws Exception {
        String grants = "{\"organizationArn\": \"" + SAMPLE_ORG + "\"}, {\"organizationArn\": \"" + OWN_ORG + "\"}";
        sandbox.load(imageSeed(AMI, false, grants));

        PublicShareFixture.handle(sandbox, "modify-image-attribute-organization.json", config(REMEDIATE), false);

        assertThat(sandbox.imageGrants(REGION, AMI)).containsExactly(LaunchPermission.organization(OWN_ORG));
    }

    @Test
    void removesAnOrganizationalUnitThatIsNotAllowlisted_andKeepsTheAllowlistedOne() throws Exception {
        String grants = "{\"organizationalUnitArn\": \"" + SAMPLE_OU + "\"}, {\"organizationalUnitArn\": \""
                + OWN_OU + "\"}";
        sandbox.load(imageSeed(AMI, false, grants));

        PublicShareFixture.handle(sandbox, "modify-image-attribute-ou.json", config(REMEDIATE), false);

        assertThat(sandbox.imageGrants(REGION, AMI)).containsExactly(LaunchPermission.organizationalUnit(OWN_OU));
    }

    @Test
    void removesAPublicSnapshotGrant_andAForeignAccount_keepingThePartner() throws Exception {
        String seed = """
                {"accountId": "%s", "regions": {"%s": {"snapshots": [%s]}}}""".formatted(ACCOUNT, REGION,
                snapshot(SNAPSHOT, "{\"group\": \"all\"}, " + user(FOREIGN) + ", " + user(PARTNER)));
        sandbox.load(seed);

        Report report = PublicShareFixture.handle(sandbox, "modify-snapshot-attribute-public.json", config(REMEDIATE), false);

        assertThat(report.actions()).extracting(ActionResult::reason)
                .containsExactly("public: group=all; not allowlisted: userId=999988887777");
        assertThat(sandbox.snapshotGrants(REGION, SNAPSHOT)).containsExactly(LaunchPermission.user(PARTNER));
    }

    @Test
    void removesASnapshotShareToAnAccountThatIsNotAllowlisted() throws Exception {
        String seed = """
                {"accountId": "%s", "regions": {"%s": {"snapshots": [%s]}}}""".formatted(ACCOUNT, REGION,
                snapshot(SNAPSHOT, user(FOREIGN)));
        sandbox.load(seed);

        PublicShareFixture.handle(sandbox, "modify-snapshot-attribute-account.json", config(REMEDIATE), false);

        assertThat(sandbox.snapshotGrants(REGION, SNAPSHOT)).isEmpty();
    }

    @Test
    void decidesOnTheAttributeAsItIs_notOnWhatTheEventAskedFor() throws Exception {
        // The event asked to share with 999988887777; the attribute now says public, and that account is gone.
        sandbox.load(imageSeed(AMI, true, user(PARTNER)));

        Report report = PublicShareFixture.handle(sandbox, "modify-image-attribute-account.json", config(REMEDIATE), false);

        assertThat(report.actions()).extracting(ActionResult::reason).containsExactly("public: group=all");
        assertThat(sandbox.imageGrants(REGION, AMI)).containsExactly(LaunchPermission.user(PARTNER));
    }

    @Test
    void changesNothing_whenTheGrantTheEventAddedIsAlreadyGone() throws Exception {
        sandbox.load(imageSeed(AMI, false, user(PARTNER)));

        Report report = PublicShareFixture.handle(sandbox, "modify-image-attribute-public.json", config(REMEDIATE), false);

        assertThat(report.actions()).isEmpty();
        assertThat(report.kept()).extracting(Kept::reason).containsExactly("no-offending-grants");
        assertThat(sandbox.calls(REGION, "ModifyImageAttribute")).isZero();
        assertThat(sandbox.notifications()).isEmpty();
    }

    @Test
    void alertsWhoSharedWhat_afterRemoving() throws Exception {
        sandbox.load(imageSeed(AMI, true, user(PARTNER)));

        PublicShareFixture.handle(sandbox, "modify-image-attribute-public.json", config(REMEDIATE), false);

        assertThat(sandbox.notifications()).singleElement().asString()
                .startsWith("AMI Housekeeper: Public AMI " + AMI + " in us-east-1: grants removed\n")
                .contains("Offending grants: group=all")
                .contains("Allowed grants (never touched): userId=444455556666")
                .contains("Grants now: userId=444455556666")
                .contains("Who: arn:aws:iam::111122223333:user/jdoe")
                .contains("From: 203.0.113.24")
                .contains("When: 2026-10-14T09:31:12Z")
                .contains("request ID 7c1f5b1e-3a52-4d7e-9b0e-2f6a8d4c9e01");
    }

    @Test
    void readsTheGrantsThreeTimes_oneToPlan_andTwoForTheRemoval_andAlertsWithTheReadBack() throws Exception {
        sandbox.load(imageSeed(AMI, true, user(PARTNER) + ", " + user(FOREIGN)));

        Report report = PublicShareFixture.handle(sandbox, "modify-image-attribute-public.json", config(REMEDIATE), false);

        assertThat(report.actions()).extracting(ActionResult::outcome).containsExactly(Outcome.DONE);
        // The event's read plans; the applier's re-check is the removal's "before"; the read back is the alert's.
        assertThat(sandbox.calls(REGION, "DescribeImageAttribute")).isEqualTo(3);
        assertThat(sandbox.calls(REGION, "ModifyImageAttribute")).isEqualTo(1);
        assertThat(sandbox.notifications()).singleElement().asString()
                .contains(": grants removed\n").contains("Grants now: userId=444455556666\n");
    }

    @Test
    void readsASnapshotsGrantsThreeTimes_andAlertsWithTheReadBack() throws Exception {
        String seed = """
                {"accountId": "%s", "regions": {"%s": {"snapshots": [%s]}}}""".formatted(ACCOUNT, REGION,
                snapshot(SNAPSHOT, "{\"group\": \"all\"}, " + user(PARTNER)));
        sandbox.load(seed);

        PublicShareFixture.handle(sandbox, "modify-snapshot-attribute-public.json", config(REMEDIATE), false);

        assertThat(sandbox.calls(REGION, "DescribeSnapshotAttribute")).isEqualTo(3);
        assertThat(sandbox.notifications()).singleElement().asString()
                .contains(": grants removed\n").contains("Grants now: userId=444455556666\n");
    }

    @Test
    void changesNothing_inAlertMode_butAlerts() throws Exception {
        sandbox.load(imageSeed(AMI, true, user(FOREIGN)));

        Report report = PublicShareFixture.handle(sandbox, "modify-image-attribute-public.json",
                config("{\"publicShare\": {\"mode\": \"alert\"}}"), false);

        assertThat(report.actions()).isEmpty();
        assertThat(report.kept()).extracting(Kept::reason)
                .containsExactly("alert-only: public: group=all; not allowlisted: userId=999988887777");
        assertThat(sandbox.calls(REGION, "ModifyImageAttribute")).isZero();
        assertThat(sandbox.imageGrants(REGION, AMI)).containsExactlyInAnyOrder(PUBLIC,
                LaunchPermission.user(FOREIGN));
        assertThat(sandbox.notifications()).singleElement().asString()
                .contains(": alert only\n").contains("Outcome: not removed: publicShare.mode is alert");
    }

    @Test
    void changesNothing_inDryRun_andTheAlertSaysWhatWouldBeRemoved() throws Exception {
        sandbox.load(imageSeed(AMI, true, user(PARTNER)));

        Report report = PublicShareFixture.handle(sandbox, "modify-image-attribute-public.json", config(REMEDIATE), true);

        assertThat(report.actions()).extracting(ActionResult::outcome).containsExactly(Outcome.PLANNED);
        assertThat(sandbox.calls(REGION, "ModifyImageAttribute")).isZero();
        assertThat(sandbox.imageGrants(REGION, AMI)).contains(PUBLIC);
        assertThat(sandbox.notifications()).singleElement().asString()
                .contains(": dry run\n").contains("Detail: would remove group=all");
    }

    @Test
    void keepsADeliberatelyPublicImage() throws Exception {
        String seed = """
                {"accountId": "%s", "regions": {"%s": {"images": [%s]}}}""".formatted(ACCOUNT, REGION,
                image(PUBLIC_AMI, true, user(FOREIGN)));
        sandbox.load(seed);
        String event = PublicShareFixture.sampleText("modify-image-attribute-public.json").replace(AMI, PUBLIC_AMI);

        Report report = PublicShareFixture.handleEvent(sandbox, EventParser.parse(event),
                config(REMEDIATE), false);

        // Public stays (allowedPublicImageIds); the foreign account is still not allowed.
        assertThat(report.actions()).extracting(ActionResult::reason)
                .containsExactly("not allowlisted: userId=999988887777");
        assertThat(sandbox.imageGrants(REGION, PUBLIC_AMI)).containsExactly(PUBLIC);
    }

    @Test
    void keepsTheImageAndSaysWhy_whenItIsGone() {
        sandbox.load(imageSeed("ami-0000000000000000a", false, ""));

        Report report = PublicShareFixture.handle(sandbox, "modify-image-attribute-public.json", config(REMEDIATE), false);

        assertThat(report.hasFailures()).isFalse();
        assertThat(report.kept()).extracting(Kept::reason).containsExactly("gone: InvalidAMIID.NotFound");
    }

    @Test
    void reportsARegionError_whenTheGrantsCannotBeRead() {
        sandbox.load(imageSeed(AMI, true, ""));
        sandbox.fault("{\"action\": \"DescribeImageAttribute\", \"error\": \"UnauthorizedOperation\"}");

        Report report = PublicShareFixture.handle(sandbox, "modify-image-attribute-public.json", config(REMEDIATE), false);

        assertThat(report.actions()).isEmpty();
        assertThat(report.errors()).extracting(RegionError::region, RegionError::code)
                .containsExactly(tuple(REGION, "UnauthorizedOperation"));
        assertThat(report.hasFailures()).isTrue();
    }

    @Test
    void reportsTheRemovalAsFailed_andAlertsSo_whenEc2RefusesIt() throws Exception {
        sandbox.load(imageSeed(AMI, true, ""));
        sandbox.fault("{\"action\": \"ModifyImageAttribute\", \"error\": \"UnauthorizedOperation\"}");

        Report report = PublicShareFixture.handle(sandbox, "modify-image-attribute-public.json", config(REMEDIATE), false);

        assertThat(report.actions()).extracting(ActionResult::outcome).containsExactly(Outcome.FAILED);
        assertThat(report.actions().get(0).detail()).startsWith("UnauthorizedOperation: ");
        // No read back after a refused removal: the alert read the grants itself (plan, re-check, alert).
        assertThat(sandbox.calls(REGION, "DescribeImageAttribute")).isEqualTo(3);
        assertThat(sandbox.imageGrants(REGION, AMI)).containsExactly(PUBLIC);
        assertThat(sandbox.notifications()).singleElement().asString()
                .contains(": removal FAILED\n").contains("Grants now: group=all");
    }

    @Test
    void usesTheEventsRegion_notTheConfiguredOnes() throws Exception {
        String seed = """
                {"accountId": "%s", "regions": {"eu-west-1": {"images": [%s]}}}""".formatted(ACCOUNT,
                image(AMI, true, ""));
        sandbox.load(seed);
        String event = PublicShareFixture.sampleText("modify-image-attribute-public.json")
                .replace("us-east-1", "eu-west-1");

        Report report = PublicShareFixture.handleEvent(sandbox, EventParser.parse(event),
                config("{\"regions\": [\"us-east-1\"]}"), false);

        assertThat(report.regions()).containsExactly("eu-west-1");
        assertThat(sandbox.imageGrants("eu-west-1", AMI)).isEmpty();
    }

    @Test
    void ignoresTheEvent_withoutAnyCall_whenPublicShareIsDisabled() {
        sandbox.load(imageSeed(AMI, true, ""));

        Report report = PublicShareFixture.handle(sandbox, "modify-image-attribute-public.json",
                config("{\"publicShare\": {\"enabled\": false}}"), false);

        assertThat(report.kept()).extracting(Kept::reason).containsExactly("ignored: publicShare.enabled is false");
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void ignoresSnapshotEvents_whenSnapshotsAreExcluded() {
        sandbox.load(imageSeed(AMI, false, ""));

        Report report = PublicShareFixture.handle(sandbox, "modify-snapshot-attribute-public.json",
                config("{\"publicShare\": {\"includeSnapshots\": false}}"), false);

        assertThat(report.kept()).extracting(Kept::reason)
                .containsExactly("ignored: publicShare.includeSnapshots is false");
    }

    @Test
    void changesNothingMore_whenTheSameEventArrivesTwice() throws Exception {
        sandbox.load(imageSeed(AMI, true, user(PARTNER)));

        PublicShareFixture.handle(sandbox, "modify-image-attribute-public.json", config(REMEDIATE), false);
        sandbox.resetCalls();

        Report again = PublicShareFixture.handle(sandbox, "modify-image-attribute-public.json", config(REMEDIATE), false);

        assertThat(again.actions()).isEmpty();
        assertThat(sandbox.calls(REGION, "ModifyImageAttribute")).isZero();
        assertThat(sandbox.imageGrants(REGION, AMI)).containsExactly(LaunchPermission.user(PARTNER));
    }
}
