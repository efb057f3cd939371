package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.CopyFixtures.OTHER_ACCOUNT;
import static dev.amihousekeeping.core.CopyFixtures.SOURCE_REGION;
import static dev.amihousekeeping.core.CopyFixtures.WEST;
import static dev.amihousekeeping.core.CopyFixtures.ami;
import static dev.amihousekeeping.core.CopyFixtures.config;
import static dev.amihousekeeping.core.CopyFixtures.destinations;
import static dev.amihousekeeping.core.CopyFixtures.source;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A copy in the destination that ended {@code failed} is not a copy (issue 13, item 7). */
class CrossRegionCopyFailedCopyTest {

    private static final String SOURCE = ami(1);
    private static final String FAILED = ami(7);

    /** Our failed copy: CopyImage made it with our tags and the source's name, then it failed. */
    private static TestImage ourFailedCopy() {
        return source(FAILED).region(WEST).name("web-0001").state(ImageState.FAILED)
                .copiedFrom(SOURCE, SOURCE_REGION).tag("SourceAmi", SOURCE).tag("SourceRegion", SOURCE_REGION);
    }

    private static Plan plan(Image... inWest) {
        return config(WEST).policy().plan(source(SOURCE).build(), ACCOUNT, destinations(List.of(WEST), inWest), NOW);
    }

    @Test
    void deregistersOurFailedCopy_thenCopiesAgain_withANewToken() {
        Plan plan = plan(ourFailedCopy().build());

        assertThat(plan.kept()).isEmpty();
        assertThat(plan.actions()).extracting(Action::region, Action::resourceId, Action::type, Action::reason)
                .containsExactly(
                        tuple(WEST, FAILED, ActionType.DEREGISTER, "failed-copy of " + SOURCE + " from " + SOURCE_REGION),
                        tuple(WEST, SOURCE, ActionType.COPY,
                                "dr-copy to us-west-2 (selector CopyToDR=true), again: " + FAILED + " failed"));
        // Typed: a DeregisterFailedCopy never deletes snapshots (the old deleteSnapshots=false parameter).
        assertThat(plan.actions().get(0)).isEqualTo(new Action.DeregisterFailedCopy(WEST, FAILED,
                "failed-copy of " + SOURCE + " from " + SOURCE_REGION, SOURCE, SOURCE_REGION, ACCOUNT));
        Action.Copy copy = (Action.Copy) plan.actions().get(1);
        String firstToken = CrossRegionCopyPolicy.clientToken(SOURCE_REGION, SOURCE, WEST);
        assertThat(copy.clientToken()).isNotEqualTo(firstToken)
                .isEqualTo(CrossRegionCopyPolicy.clientToken(SOURCE_REGION, SOURCE, WEST, List.of(FAILED)))
                .startsWith("amihk-").hasSize(46);
        assertThat(copy.replacesFailedCopies()).containsExactly(FAILED);
    }

    @Test
    void theNewToken_isTheSameOnEveryRunThatSeesTheSameFailure_andNewForTheNext() {
        String once = ((Action.Copy) plan(ourFailedCopy().build()).actions().get(1)).clientToken();
        String again = ((Action.Copy) plan(ourFailedCopy().build()).actions().get(1)).clientToken();
        Image secondFailure = source(ami(8)).region(WEST).name("web-0001").state(ImageState.FAILED)
                .tag("SourceAmi", SOURCE).tag("SourceRegion", SOURCE_REGION).build();
        String next = ((Action.Copy) plan(secondFailure).actions().get(1)).clientToken();

        assertThat(again).isEqualTo(once);
        assertThat(next).isNotEqualTo(once);
    }

    @Test
    void foundByOurTagAlone_stillOurs() {
        Image tagged = source(FAILED).region(WEST).name("web-0001").state(ImageState.FAILED)
                .tag("SourceAmi", SOURCE).build();

        assertThat(plan(tagged).actions()).extracting(Action::type)
                .containsExactly(ActionType.DEREGISTER, ActionType.COPY);
    }

    @Test
    void pendingCopy_isACopy_andNothingIsPlanned() {
        Plan plan = plan(ourFailedCopy().state(ImageState.PENDING).build());

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).extracting(Kept::reason).containsExactly("copy-exists: " + FAILED + " (pending)");
    }

    @Test
    void aLiveCopyBesideAFailedOne_isTheCopy_andTheFailedOneIsLeft() {
        Image live = source(ami(9)).region(WEST).name("web-0001-b").tag("SourceAmi", SOURCE)
                .tag("SourceRegion", SOURCE_REGION).build();

        Plan plan = plan(ourFailedCopy().build(), live);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).extracting(Kept::reason).containsExactly("copy-exists: " + ami(9) + " (available)");
    }

    @Test
    void neverDeregisters_aFailedCopyAPersonMade_butReportsIt_andCopies() {
        Image theirs = source(FAILED).region(WEST).name("web-manual").state(ImageState.FAILED)
                .copiedFrom(SOURCE, SOURCE_REGION).build();

        Plan plan = plan(theirs);

        assertThat(plan.actions()).extracting(Action::type).containsExactly(ActionType.COPY);
        assertThat(((Action.Copy) plan.actions().get(0)).replacesFailedCopies()).isEmpty();
        assertThat(plan.kept()).containsExactly(new Kept(WEST, ResourceType.IMAGE, FAILED,
                "failed-copy of " + SOURCE + ": not made by cross-region-copy, left in place"));
    }

    @Test
    void neverDeregisters_aFailedCopyAnotherAccountOwns() {
        Plan plan = plan(ourFailedCopy().owner(OTHER_ACCOUNT).build());

        assertThat(plan.actions()).extracting(Action::type).doesNotContain(ActionType.DEREGISTER);
        assertThat(plan.kept()).extracting(Kept::resourceId, Kept::reason).containsExactly(
                tuple(FAILED, "failed-copy of " + SOURCE + ": not made by cross-region-copy, left in place"),
                // it still holds the source's name, so no copy can be made beside it
                tuple(SOURCE, "name-taken: " + FAILED));
    }

    @Test
    void neverDeregisters_whenTheAccountIsUnknown() {
        Plan plan = config(WEST).policy().plan(source(SOURCE).owner(null).build(), null,
                destinations(List.of(WEST), ourFailedCopy().build()), NOW);

        assertThat(plan.actions()).isEmpty();
    }
}
