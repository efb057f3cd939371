package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.PublicShareSandbox.AMI;
import static dev.amihousekeeping.run.PublicShareSandbox.FOREIGN;
import static dev.amihousekeeping.run.PublicShareSandbox.PARTNER;
import static dev.amihousekeeping.run.PublicShareSandbox.REGION;
import static dev.amihousekeeping.run.PublicShareSandbox.imageSeed;
import static dev.amihousekeeping.run.PublicShareSandbox.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.PublicShareConfig;
import dev.amihousekeeping.config.PublicShareMode;
import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.PublicSharePolicy;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.ec2.Ec2ActionApplier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The re-check of a planned removal just before it is made (invariant 6), against the sandbox. */
class PublicShareApplierTest {

    private static PublicShareSandbox sandbox;
    private static PublicShareApplier applier;

    @BeforeAll
    static void startSandbox() {
        sandbox = PublicShareSandbox.start();
        PublicSharePolicy policy = new PublicSharePolicy(new PublicShareConfig(true, PublicShareMode.REMEDIATE,
                List.of(PARTNER), null, null, null, true, false), PublicShareSandbox.ACCOUNT);
        Housekeeping housekeeping = sandbox.housekeeping();
        applier = new PublicShareApplier(housekeeping.gateway(), policy,
                new Ec2ActionApplier(housekeeping.gateway(), housekeeping.clock()));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private static Action removePublic() {
        return new Action(REGION, ResourceType.IMAGE, AMI, ActionType.REMOVE_GRANT, "public: group=all", Map.of(),
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
    void skipsAndSaysWhy_whenNothingOffendsAnyMore() throws Exception {
        sandbox.load(imageSeed(AMI, false, user(PARTNER)));

        Applied applied = applier.apply(removePublic());

        assertThat(applied).isEqualTo(Applied.skipped("re-check: no offending grants now; grants userId=444455556666"));
        assertThat(sandbox.calls(REGION, "ModifyImageAttribute")).isZero();
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

        Applied applied = applier.apply(new Action(REGION, ResourceType.ACCOUNT, "image-block-public-access",
                ActionType.ENABLE_BLOCK_PUBLIC_ACCESS, "image block public access is unblocked",
                Map.of("scope", "image", "state", "block-new-sharing"), List.of()));

        assertThat(applied.outcome()).isEqualTo(Outcome.DONE);
        assertThat(sandbox.blockPublicAccess(REGION)).startsWith("block-new-sharing/");
    }
}
