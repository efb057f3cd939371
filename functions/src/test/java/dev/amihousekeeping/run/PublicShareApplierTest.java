package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.PublicShareFixture.AMI;
import static dev.amihousekeeping.run.PublicShareFixture.FOREIGN;
import static dev.amihousekeeping.run.PublicShareFixture.PARTNER;
import static dev.amihousekeeping.run.PublicShareFixture.SNAPSHOT;
import static dev.amihousekeeping.run.PublicShareFixture.imageSeed;
import static dev.amihousekeeping.run.PublicShareFixture.user;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.config.PublicShareConfig;
import dev.amihousekeeping.config.PublicShareMode;
import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.PublicSharePolicy;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.port.Applied;
import dev.amihousekeeping.ec2.Ec2ActionApplier;
import dev.amihousekeeping.testing.Fixtures;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The re-check of a planned removal just before it is made (invariant 6), against the sandbox. */
class PublicShareApplierTest {

    private static final PublicSharePolicy POLICY = new PublicSharePolicy(new PublicShareConfig(true,
            PublicShareMode.REMEDIATE, List.of(PARTNER), null, null, null, true, false), Fixtures.ACCOUNT);
    @RegisterExtension
    static final SandboxHarness sandbox = PublicShareFixture.start();
    private final GrantsAfterApply grantsAfter = new GrantsAfterApply();
    private PublicShareApplier applier;

    @BeforeEach
    void newApplier() {
        Housekeeping housekeeping = sandbox.housekeeping();
        applier = new PublicShareApplier(housekeeping.gateway(), POLICY,
                new Ec2ActionApplier(housekeeping.gateway(), housekeeping.clock()), grantsAfter);
    }

    private static Action removePublic() {
        return new Action.RemoveGrants(REGION, ResourceType.IMAGE, AMI, "public: group=all",
                List.of(LaunchPermission.publicGroup()));
    }

    @Test
    void removesWhatOffendsNow_includingAGrantAddedSinceThePlan() throws Exception {
        sandbox.load(imageSeed(AMI, true, user(PARTNER) + ", " + user(FOREIGN)));

        Applied applied = applier.apply(removePublic());

        assertThat(applied.outcome()).isEqualTo(Outcome.DONE);
        assertThat(sandbox.imageGrants(REGION, AMI)).containsExactly(LaunchPermission.user(PARTNER));
    }

    @Test
    void readsTheGrantsTwice_becauseTheReCheckIsTheBefore_andKeepsTheReadBackForTheAlert() throws Exception {
        sandbox.load(imageSeed(AMI, true, user(PARTNER)));

        Applied applied = applier.apply(removePublic());

        assertThat(applied).isEqualTo(Applied.done("removed [group=all]; before [group=all, userId=444455556666]; "
                + "after [userId=444455556666]"));
        assertThat(sandbox.calls(REGION, "DescribeImageAttribute")).isEqualTo(2);
        assertThat(sandbox.calls(REGION, "ModifyImageAttribute")).isEqualTo(1);
        assertThat(grantsAfter.get(REGION, ResourceType.IMAGE, AMI)).contains(List.of(LaunchPermission.user(PARTNER)));
    }

    @Test
    void readsTheSnapshotsGrantsTwice_perRemoval() throws Exception {
        sandbox.load("""
                {"accountId": "%s", "regions": {"%s": {"snapshots": [%s]}}}""".formatted(Fixtures.ACCOUNT,
                REGION, PublicShareFixture.snapshot(SNAPSHOT, "{\"group\": \"all\"}, " + user(FOREIGN))));

        Applied applied = applier.apply(new Action.RemoveGrants(REGION, ResourceType.SNAPSHOT, SNAPSHOT,
                "public: group=all", List.of(LaunchPermission.publicGroup())));

        assertThat(applied.detail()).isEqualTo("removed [group=all, userId=999988887777]; "
                + "before [group=all, userId=999988887777]; after []");
        assertThat(sandbox.calls(REGION, "DescribeSnapshotAttribute")).isEqualTo(2);
        assertThat(sandbox.snapshotGrants(REGION, SNAPSHOT)).isEmpty();
        assertThat(grantsAfter.get(REGION, ResourceType.SNAPSHOT, SNAPSHOT)).contains(List.of());
    }

    @Test
    void leavesAnAllowlistedGrant_evenWhenThePlannedRemovalNamesIt_invariant9() throws Exception {
        // The partner was allowlisted after the plan was made (or the plan is stale): the re-check decides.
        sandbox.load(imageSeed(AMI, true, user(PARTNER)));
        Action stale = new Action.RemoveGrants(REGION, ResourceType.IMAGE, AMI,
                "public: group=all; not allowlisted: userId=444455556666",
                List.of(LaunchPermission.publicGroup(), LaunchPermission.user(PARTNER)));

        Applied applied = applier.apply(stale);

        assertThat(applied.outcome()).isEqualTo(Outcome.DONE);
        assertThat(applied.detail()).startsWith("removed [group=all]; ");
        assertThat(sandbox.imageGrants(REGION, AMI)).containsExactly(LaunchPermission.user(PARTNER));
    }

    @Test
    void forgetsTheGrants_whenTheRemovalThrows_soThatTheAlertReadsThem() throws Exception {
        sandbox.load(imageSeed(AMI, true, user(PARTNER)));
        grantsAfter.put(REGION, ResourceType.IMAGE, AMI, List.of(LaunchPermission.user(PARTNER)));
        sandbox.fault("{\"action\": \"ModifyImageAttribute\", \"error\": \"UnauthorizedOperation\"}");

        assertThatThrownBy(() -> applier.apply(removePublic())).hasMessageContaining("UnauthorizedOperation");

        assertThat(grantsAfter.get(REGION, ResourceType.IMAGE, AMI)).isEmpty();
    }

    @Test
    void skipsAndSaysWhy_whenNothingOffendsAnyMore() throws Exception {
        sandbox.load(imageSeed(AMI, false, user(PARTNER)));

        Applied applied = applier.apply(removePublic());

        assertThat(applied).isEqualTo(Applied.skipped("re-check: no offending grants now; grants userId=444455556666"));
        assertThat(sandbox.calls(REGION, "ModifyImageAttribute")).isZero();
        assertThat(grantsAfter.get(REGION, ResourceType.IMAGE, AMI)).contains(List.of(LaunchPermission.user(PARTNER)));
    }

    @Test
    void skipsAndSaysWhy_whenTheImageIsGone() throws Exception {
        sandbox.load(imageSeed("ami-0000000000000000a", false, ""));

        Applied applied = applier.apply(removePublic());

        assertThat(applied).isEqualTo(Applied.skipped("re-check: image already gone (InvalidAMIID.NotFound)"));
    }

    @Test
    void passesOtherActionsStraightThrough() throws Exception {
        sandbox.load(imageSeed(AMI, false, ""));

        Applied applied = applier.apply(new Action.EnableBlockPublicAccess(REGION, "image-block-public-access",
                "image block public access is unblocked", "image", "block-new-sharing"));

        assertThat(applied.outcome()).isEqualTo(Outcome.DONE);
        assertThat(sandbox.blockPublicAccess(REGION)).startsWith("block-new-sharing/");
    }
}
