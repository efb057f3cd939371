package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.PublicShareFixture.FOREIGN;
import static dev.amihousekeeping.run.PublicShareFixture.OTHER_REGION;
import static dev.amihousekeeping.run.PublicShareFixture.OWN_ORG;
import static dev.amihousekeeping.run.PublicShareFixture.PARTNER;
import static dev.amihousekeeping.run.PublicShareFixture.PUBLIC_AMI;
import static dev.amihousekeeping.run.PublicShareFixture.REMEDIATE;
import static dev.amihousekeeping.run.PublicShareFixture.SAMPLE_OU;
import static dev.amihousekeeping.run.PublicShareFixture.config;
import static dev.amihousekeeping.run.PublicShareFixture.image;
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
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scheduled sweep against the sandbox, two regions, with the real SDK over HTTP. */
class PublicShareSweepRunTest {

    private static final String SHARED = "ami-0aaaaaaaaaaaaaa01";
    private static final String FOREIGN_SHARED = "ami-0aaaaaaaaaaaaaa02";
    private static final String PRIVATE = "ami-0aaaaaaaaaaaaaa03";
    private static final String OU_SHARED = "ami-0bbbbbbbbbbbbbb01";
    private static final String PUBLIC_SNAPSHOT = "snap-0aaaaaaaaaaaaaa01";
    private static final String PARTNER_SNAPSHOT = "snap-0aaaaaaaaaaaaaa02";

    /**
     * us-east-1: a public image also shared with the partner, one shared with a stranger and our organization, the
     * deliberately public image, a private one, a public snapshot and one shared with the partner. eu-west-1: an
     * image shared with an OU that is not allowed; image block public access already on there.
     */
    private static final String SEED = """
            {"accountId": "%s", "regions": {
              "us-east-1": {"images": [%s, %s, %s, %s], "snapshots": [%s, %s]},
              "eu-west-1": {"images": [%s], "imageBlockPublicAccess": "block-new-sharing"}}}""".formatted(ACCOUNT,
            image(SHARED, true, user(PARTNER)),
            image(FOREIGN_SHARED, false, user(FOREIGN) + ", {\"organizationArn\": \"" + OWN_ORG + "\"}"),
            image(PUBLIC_AMI, true, ""),
            image(PRIVATE, false, ""),
            snapshot(PUBLIC_SNAPSHOT, "{\"group\": \"all\"}"),
            snapshot(PARTNER_SNAPSHOT, user(PARTNER)),
            image(OU_SHARED, false, "{\"organizationalUnitArn\": \"" + SAMPLE_OU + "\"}"));

    @RegisterExtension
    static final SandboxHarness sandbox = PublicShareFixture.start();

    @BeforeEach
    void seed() {
        sandbox.load(SEED);
    }

    @Test
    void removesEveryOffendingGrant_inEachRegion_andKeepsEveryAllowedOne() throws Exception {
        Report report = PublicShareFixture.sweep(sandbox, config(REMEDIATE), false, REGION, OTHER_REGION);

        assertThat(report.hasFailures()).as(report.toString()).isFalse();
        assertThat(report.actions()).filteredOn(a -> a.action() == ActionType.REMOVE_GRANT)
                .extracting(ActionResult::resourceId, ActionResult::reason, ActionResult::outcome)
                .containsExactlyInAnyOrder(
                        tuple(SHARED, "public: group=all", Outcome.DONE),
                        tuple(FOREIGN_SHARED, "not allowlisted: userId=999988887777", Outcome.DONE),
                        tuple(PUBLIC_SNAPSHOT, "public: group=all", Outcome.DONE),
                        tuple(OU_SHARED, "not allowlisted: organizationalUnitArn=" + SAMPLE_OU, Outcome.DONE));
        assertThat(report.kept()).extracting(Kept::resourceId, Kept::reason).contains(
                tuple(PUBLIC_AMI, "allowed-public-image"),
                tuple(PRIVATE, "no-offending-grants"),
                tuple(PARTNER_SNAPSHOT, "no-offending-grants"));
        assertThat(sandbox.imageGrants(REGION, SHARED)).containsExactly(LaunchPermission.user(PARTNER));
        assertThat(sandbox.imageGrants(REGION, FOREIGN_SHARED)).containsExactly(LaunchPermission.organization(OWN_ORG));
        assertThat(sandbox.imageGrants(REGION, PUBLIC_AMI)).containsExactly(LaunchPermission.publicGroup());
        assertThat(sandbox.snapshotGrants(REGION, PUBLIC_SNAPSHOT)).isEmpty();
        assertThat(sandbox.snapshotGrants(REGION, PARTNER_SNAPSHOT)).containsExactly(LaunchPermission.user(PARTNER));
        assertThat(sandbox.imageGrants(OTHER_REGION, OU_SHARED)).isEmpty();
    }

    @Test
    void reportsBlockPublicAccess_andLeavesItAlone_unlessEnforced() {
        Report report = PublicShareFixture.sweep(sandbox, config(REMEDIATE), false, REGION, OTHER_REGION);

        assertThat(report.kept()).extracting(Kept::region, Kept::resourceId, Kept::reason).contains(
                tuple(REGION, "image-block-public-access", "block-public-access-not-enforced: unblocked"),
                tuple(REGION, "snapshot-block-public-access", "block-public-access-not-enforced: unblocked"),
                tuple(OTHER_REGION, "image-block-public-access", "block-public-access: block-new-sharing"));
        assertThat(sandbox.blockPublicAccess(REGION)).isEqualTo("unblocked/unblocked");
    }

    @Test
    void turnsOnBlockPublicAccess_whereItIsOff_whenEnforced() {
        Report report = PublicShareFixture.sweep(sandbox, config("{\"publicShare\": {\"enforceBlockPublicAccess\": true}}"), false,
                REGION, OTHER_REGION);

        assertThat(report.actions()).filteredOn(a -> a.action() == ActionType.ENABLE_BLOCK_PUBLIC_ACCESS)
                .extracting(ActionResult::region, ActionResult::resourceId, ActionResult::outcome)
                .containsExactlyInAnyOrder(
                        tuple(REGION, "image-block-public-access", Outcome.DONE),
                        tuple(REGION, "snapshot-block-public-access", Outcome.DONE),
                        tuple(OTHER_REGION, "snapshot-block-public-access", Outcome.DONE));
        assertThat(sandbox.blockPublicAccess(REGION)).isEqualTo("block-new-sharing/block-new-sharing");
        assertThat(sandbox.blockPublicAccess(OTHER_REGION)).isEqualTo("block-new-sharing/block-new-sharing");
    }

    @Test
    void changesNothing_inAlertMode_andAlertsEachFinding() throws Exception {
        Report report = PublicShareFixture.sweep(sandbox, config("{\"publicShare\": {\"mode\": \"alert\", "
                + "\"enforceBlockPublicAccess\": true}}"), false, REGION, OTHER_REGION);

        assertThat(report.actions()).isEmpty();
        assertThat(sandbox.calls(REGION, "ModifyImageAttribute") + sandbox.calls(REGION, "ModifySnapshotAttribute")
                + sandbox.calls(REGION, "EnableImageBlockPublicAccess")).isZero();
        assertThat(sandbox.imageGrants(REGION, SHARED)).contains(LaunchPermission.publicGroup());
        // Without an allowlist every share offends: five resources in us-east-1 and one in eu-west-1.
        assertThat(sandbox.notifications()).hasSize(6).allSatisfy(alert -> assertThat(alert)
                .contains(": alert only\n").contains("Found by the scheduled sweep"));
    }

    @Test
    void readsEachResourcesGrantsOnce_andChangesNothing_inDryRun() {
        Report report = PublicShareFixture.sweep(sandbox, config(REMEDIATE), true, REGION, OTHER_REGION);

        assertThat(report.actions()).extracting(ActionResult::outcome).containsOnly(Outcome.PLANNED).hasSize(4);
        assertThat(sandbox.calls(REGION, "DescribeImageAttribute")).isEqualTo(4);
        assertThat(sandbox.calls(REGION, "DescribeSnapshotAttribute")).isEqualTo(2);
        assertThat(sandbox.calls(OTHER_REGION, "DescribeImageAttribute")).isEqualTo(1);
        assertThat(sandbox.calls(REGION, "ModifyImageAttribute") + sandbox.calls(REGION, "ModifySnapshotAttribute")
                + sandbox.calls(OTHER_REGION, "ModifyImageAttribute")).isZero();
        assertThat(sandbox.notifications()).hasSize(4).allSatisfy(alert -> assertThat(alert).contains(": dry run\n"));
    }

    @Test
    void readsTheGrantsTwiceMore_perRemoval_andAlertsWithTheGrantsReadBack() throws Exception {
        Report report = PublicShareFixture.sweep(sandbox, config(REMEDIATE), false, REGION, OTHER_REGION);

        assertThat(report.actions()).extracting(ActionResult::outcome).containsOnly(Outcome.DONE).hasSize(4);
        // The sweep's one read a resource, then the re-check (the removal's "before") and the read back.
        assertThat(sandbox.calls(REGION, "DescribeImageAttribute")).isEqualTo(4 + 2 * 2);
        assertThat(sandbox.calls(REGION, "DescribeSnapshotAttribute")).isEqualTo(2 + 2);
        assertThat(sandbox.calls(OTHER_REGION, "DescribeImageAttribute")).isEqualTo(1 + 2);
        assertThat(sandbox.notifications()).hasSize(4)
                .anySatisfy(alert -> assertThat(alert).contains(SHARED).contains("Grants now: userId=444455556666"))
                .anySatisfy(alert -> assertThat(alert).contains(FOREIGN_SHARED)
                        .contains("Grants now: organizationArn=" + OWN_ORG));
    }

    @Test
    void appliesNothing_whenThePlanIsOverMaxActionsPerRun() throws Exception {
        Report report = PublicShareFixture.sweep(sandbox, config("{\"maxActionsPerRun\": 3, " + REMEDIATE.substring(1)), false,
                REGION, OTHER_REGION);

        assertThat(report.actions()).extracting(ActionResult::outcome).containsOnly(Outcome.SKIPPED);
        assertThat(report.errors()).extracting(RegionError::code).containsExactly(Executor.MAX_ACTIONS_EXCEEDED);
        assertThat(sandbox.imageGrants(REGION, SHARED)).contains(LaunchPermission.publicGroup());
        assertThat(sandbox.notifications()).first().asString().contains(": not removed\n")
                .contains("over maxActionsPerRun (4 > 3)");
    }

    @Test
    void reportsARegionThatCannotBeRead_andSweepsTheOthers() throws Exception {
        sandbox.fault("{\"action\": \"DescribeImages\", \"error\": \"UnauthorizedOperation\", \"region\": \""
                + OTHER_REGION + "\"}");

        Report report = PublicShareFixture.sweep(sandbox, config(REMEDIATE), false, REGION, OTHER_REGION);

        assertThat(report.errors()).extracting(RegionError::region, RegionError::code)
                .containsExactly(tuple(OTHER_REGION, "UnauthorizedOperation"));
        assertThat(sandbox.imageGrants(REGION, SHARED)).containsExactly(LaunchPermission.user(PARTNER));
        assertThat(sandbox.imageGrants(OTHER_REGION, OU_SHARED)).hasSize(1);
    }

    @Test
    void keepsTheUnreadResources_andSaysWhere_whenAGrantReadFails() throws Exception {
        sandbox.fault("{\"action\": \"DescribeSnapshotAttribute\", \"error\": \"UnauthorizedOperation\"}");

        Report report = PublicShareFixture.sweep(sandbox, config(REMEDIATE), false, REGION);

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("UnauthorizedOperation");
            assertThat(error.message()).startsWith("DescribeSnapshotAttribute " + PUBLIC_SNAPSHOT + ": ")
                    .endsWith("(grant reads in us-east-1 stopped here)");
        });
        assertThat(sandbox.calls(REGION, "DescribeSnapshotAttribute")).isEqualTo(1);
        assertThat(report.kept()).extracting(Kept::resourceId, Kept::reason).contains(
                tuple(PUBLIC_SNAPSHOT, "grants-not-read"), tuple(PARTNER_SNAPSHOT, "grants-not-read"));
        assertThat(sandbox.imageGrants(REGION, SHARED)).containsExactly(LaunchPermission.user(PARTNER));
    }

    @Test
    void keepsBlockPublicAccessAsUnknown_whereTheEndpointLacksTheApi() {
        sandbox.fault("{\"action\": \"GetImageBlockPublicAccessState\", \"error\": \"InvalidAction\"}");

        Report report = PublicShareFixture.sweep(sandbox, config("{\"publicShare\": {\"enforceBlockPublicAccess\": true}}"), true,
                REGION);

        assertThat(report.errors()).isEmpty();
        assertThat(report.kept()).extracting(Kept::resourceId, Kept::reason)
                .contains(tuple("image-block-public-access", "block-public-access-unknown"));
        assertThat(report.actions()).extracting(ActionResult::resourceId).contains("snapshot-block-public-access")
                .doesNotContain("image-block-public-access");
    }

    @Test
    void readsNothing_whenPublicShareIsDisabled() {
        Report report = PublicShareFixture.sweep(sandbox, config("{\"publicShare\": {\"enabled\": false}}"), false, REGION,
                OTHER_REGION);

        assertThat(sandbox.totalCalls()).isZero();
        assertThat(report.kept()).extracting(Kept::region, Kept::reason)
                .containsExactly(tuple(REGION, "disabled"), tuple(OTHER_REGION, "disabled"));
    }

    @Test
    void readsNoSnapshots_whenSnapshotsAreExcluded() throws Exception {
        Report report = PublicShareFixture.sweep(sandbox, config("{\"publicShare\": {\"includeSnapshots\": false}}"), false, REGION);

        assertThat(sandbox.calls(REGION, "DescribeSnapshots") + sandbox.calls(REGION, "DescribeSnapshotAttribute"))
                .isZero();
        assertThat(sandbox.snapshotGrants(REGION, PUBLIC_SNAPSHOT)).containsExactly(LaunchPermission.publicGroup());
        assertThat(report.kept()).extracting(Kept::resourceId, Kept::reason)
                .contains(tuple("snapshot-block-public-access", "snapshots-excluded"));
    }

    @Test
    void sendsAtMostTheAlertCap_andOneSummaryOfTheRest() {
        int count = PublicShareAlerts.MAX_ALERTS_PER_RUN + 3;
        String images = IntStream.range(0, count)
                .mapToObj(i -> image("ami-0ccccccccccccc%03d".formatted(i), true, ""))
                .collect(Collectors.joining(", "));
        sandbox.load("""
                {"accountId": "%s", "regions": {"us-east-1": {"images": [%s]}}}""".formatted(ACCOUNT, images));

        PublicShareFixture.sweep(sandbox, config("{\"publicShare\": {\"mode\": \"alert\"}}"), false, REGION);

        assertThat(sandbox.notifications()).hasSize(PublicShareAlerts.MAX_ALERTS_PER_RUN + 1);
        assertThat(sandbox.notifications().get(PublicShareAlerts.MAX_ALERTS_PER_RUN))
                .startsWith("AMI Housekeeper: 3 more shared AMIs/snapshots found by the sweep\n")
                .contains("us-east-1 image ami-0ccccccccccccc027: public: group=all");
    }
}
