package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.CopyFixtures.OTHER_ACCOUNT;
import static dev.amihousekeeping.core.CopyFixtures.SOURCE_REGION;
import static dev.amihousekeeping.core.CopyFixtures.WEST;
import static dev.amihousekeeping.core.CopyFixtures.ami;
import static dev.amihousekeeping.core.CopyFixtures.config;
import static dev.amihousekeeping.core.CopyFixtures.source;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The copy and stamp policies' re-checks (invariant 6), judged on what the run re-read just before the action. */
class CrossRegionCopyRecheckTest {

    private static final String SOURCE = ami(1);
    private static final String FAILED = ami(7);
    private static final CrossRegionCopyPolicy POLICY = config(WEST).policy();

    private static TestImage ourFailedCopy() {
        return source(FAILED).region(WEST).state(ImageState.FAILED).copiedFrom(SOURCE, SOURCE_REGION)
                .tag("SourceAmi", SOURCE).tag("SourceRegion", SOURCE_REGION);
    }

    private static Action deregister(String sourceImageId, String ownerId) {
        return new Action.DeregisterFailedCopy(WEST, FAILED, "failed-copy of " + sourceImageId, sourceImageId,
                SOURCE_REGION, ownerId);
    }

    private static Action copy() {
        return new Action.Copy(WEST, SOURCE, "web-0001", SOURCE_REGION, "web", null, null, null, true, Map.of(),
                List.of(FAILED));
    }

    @Test
    void skipsACopy_whoseSourceIsNoLongerSelected() {
        assertThat(POLICY.recheck(copy(), source(SOURCE).build())).isEmpty();
        assertThat(POLICY.recheck(copy(), source(SOURCE).untag("CopyToDR").build()))
                .hasValue("re-check: no longer selected");
    }

    @Test
    void letsThroughOnlyTheDeregistrationOfOurFailedCopyOfThatSource_ownedByTheAccount() {
        assertThat(POLICY.recheck(deregister(SOURCE, ACCOUNT), ourFailedCopy().build())).isEmpty();
        assertThat(POLICY.recheck(deregister(SOURCE, ACCOUNT), ourFailedCopy().state(ImageState.AVAILABLE).build()))
                .hasValue("re-check: " + FAILED + " is available, not failed");
        assertThat(POLICY.recheck(deregister(SOURCE, ACCOUNT), ourFailedCopy().untag("SourceAmi").build()))
                .hasValue("re-check: " + FAILED + " is not a copy cross-region-copy made of " + SOURCE);
        assertThat(POLICY.recheck(deregister(ami(2), ACCOUNT), ourFailedCopy().build()))
                .hasValue("re-check: " + FAILED + " is not a copy cross-region-copy made of " + ami(2));
        assertThat(POLICY.recheck(deregister(SOURCE, OTHER_ACCOUNT), ourFailedCopy().build()))
                .hasValue("re-check: " + FAILED + " is not owned by this account");
    }

    @Test
    void neverDeregistersAnImage_thatIsNotAFailedCopy() {
        Action deregister = new Action.Deregister(WEST, FAILED, "by hand", true, List.of(), List.of(), 8, List.of());

        assertThat(POLICY.recheck(deregister, ourFailedCopy().build()))
                .hasValue("re-check: " + FAILED + " is not a copy cross-region-copy made");
    }

    @Test
    void holdsACopyBack_whileAFailedCopyItReplacesIsStillRegistered() {
        assertThat(CrossRegionCopyPolicy.failedCopyInTheWay(FAILED, Optional.of(ourFailedCopy().build())))
                .hasValue("re-check: failed copy " + FAILED + " is still registered (failed); copied again once it"
                        + " is deregistered");
        assertThat(CrossRegionCopyPolicy.failedCopyInTheWay(FAILED,
                Optional.of(ourFailedCopy().state(ImageState.DEREGISTERED).build()))).isEmpty();
        assertThat(CrossRegionCopyPolicy.failedCopyInTheWay(FAILED, Optional.empty())).isEmpty();
    }

    @Test
    void neverOverwritesATag_thatWasSetAfterThePlanWasMade() {
        Action.Tag tag = new Action.Tag(SOURCE_REGION, ResourceType.IMAGE, SOURCE, "tag-on-create",
                Map.of("CreatedBy", "arn:aws:iam::111122223333:user/x", "DeleteOn", "2027-01-01"));

        assertThat(TagOnCreatePolicy.recheck(tag, Map.of("Name", "web"))).isEmpty();
        assertThat(TagOnCreatePolicy.recheck(tag, Map.of("DeleteOn", "2030-01-01")))
                .hasValue("re-check: DeleteOn set meanwhile, not overwritten");
    }
}
