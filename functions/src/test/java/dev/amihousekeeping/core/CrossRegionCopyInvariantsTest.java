package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.CopyFixtures.EU;
import static dev.amihousekeeping.core.CopyFixtures.SOURCE_REGION;
import static dev.amihousekeeping.core.CopyFixtures.WEST;
import static dev.amihousekeeping.core.CopyFixtures.ami;
import static dev.amihousekeeping.core.CopyFixtures.config;
import static dev.amihousekeeping.core.CopyFixtures.emptyDestinations;
import static dev.amihousekeeping.core.CopyFixtures.source;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.amihousekeeping.core.CopyFixtures.Ec2;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §6 invariant 7 for cross-region-copy: whatever order and however often the CreateImage, AMI State
 * Change and catch-up triggers arrive, each destination gets one copy. Each test would make a second copy (or a
 * copy of a copy) if the guard it names were removed.
 */
class CrossRegionCopyInvariantsTest {

    private static final String SOURCE = ami(1);
    private final CrossRegionCopyPolicy policy = config(WEST, EU).policy();

    @Test
    void invariant7_eventDeliveredTwiceBeforeTheCopyIsVisible_sameClientTokens() {
        Image available = source(SOURCE).build();

        Plan first = policy.plan(available, ACCOUNT, emptyDestinations(), NOW);
        Plan second = policy.plan(available, ACCOUNT, emptyDestinations(), NOW);

        // DescribeImages may not show a copy started a moment ago; EC2's ClientToken idempotency is then what
        // returns the first copy instead of making a second, so the tokens must be the same.
        assertThat(second).isEqualTo(first);
        assertThat(first.actions()).hasSize(2);
        Ec2 ec2 = new Ec2(emptyDestinations());
        ec2.apply(first, available);
        ec2.apply(second, available);
        assertThat(ec2.imagesIn(WEST)).isEqualTo(1);
        assertThat(ec2.imagesIn(EU)).isEqualTo(1);
    }

    @Test
    void invariant7_eventDeliveredAgainAfterTheCopyStarted_noSecondCopy_evenWhileItIsPending() {
        Image available = source(SOURCE).build();
        Ec2 ec2 = new Ec2(emptyDestinations());
        ec2.apply(policy.plan(available, ACCOUNT, ec2.destinationImages, NOW), available);

        Plan again = policy.plan(available, ACCOUNT, ec2.destinationImages, NOW.plusSeconds(60));

        assertThat(again.actions()).isEmpty();
        assertThat(again.kept()).extracting(Kept::region, Kept::reason).containsExactlyInAnyOrder(
                tuple(WEST,
                        "copy-exists: " + ec2.imagesByToken.get(token(WEST)) + " (pending)"),
                tuple(EU,
                        "copy-exists: " + ec2.imagesByToken.get(token(EU)) + " (pending)"));
    }

    @Test
    void invariant7_stateChangeBeforeTheLateCreateImage_oneCopyPerDestination() {
        Image available = source(SOURCE).build();
        Ec2 ec2 = new Ec2(emptyDestinations());

        // The AMI State Change (available) arrives first, then the CloudTrail CreateImage, then catch-up.
        ec2.apply(policy.plan(available, ACCOUNT, ec2.destinationImages, NOW), available);
        Plan lateCreateImage = policy.plan(available, ACCOUNT, ec2.destinationImages, NOW);
        Plan catchUp = policy.planAll(new Inventory(SOURCE_REGION, ACCOUNT, NOW, List.of(available), List.of()),
                ec2.destinationImages, NOW);

        assertThat(lateCreateImage.actions()).isEmpty();
        assertThat(catchUp.actions()).isEmpty();
        assertThat(ec2.imagesIn(WEST)).isEqualTo(1);
        assertThat(ec2.imagesIn(EU)).isEqualTo(1);
    }

    @Test
    void invariant7_createImageWhilePending_copiesNothingUntilAvailable() {
        Image pending = source(SOURCE).state(ImageState.PENDING).build();
        Image available = source(SOURCE).build();
        Ec2 ec2 = new Ec2(emptyDestinations());

        Plan onCreateImage = policy.plan(pending, ACCOUNT, ec2.destinationImages, NOW);
        ec2.apply(onCreateImage, pending);
        ec2.apply(policy.plan(available, ACCOUNT, ec2.destinationImages, NOW), available);
        ec2.apply(policy.plan(available, ACCOUNT, ec2.destinationImages, NOW), available);

        assertThat(onCreateImage.actions()).isEmpty();
        assertThat(onCreateImage.kept()).extracting(Kept::reason).containsExactly("not-available: pending");
        assertThat(ec2.imagesIn(WEST)).isEqualTo(1);
        assertThat(ec2.imagesIn(EU)).isEqualTo(1);
    }

    @Test
    void invariant7_copyIsNeverCopiedAgain_whenTwoRegionsBackEachOtherUp() {
        CrossRegionCopyPolicy eastAndWest = config(SOURCE_REGION, WEST).policy();
        Image original = source(SOURCE).tag("DeleteOn", "2027-01-01").build();
        Ec2 ec2 = new Ec2(Map.of(WEST, List.of(), SOURCE_REGION, List.of(original)));
        ec2.apply(eastAndWest.plan(original, ACCOUNT, ec2.destinationImages, NOW), original);
        Image copyInWest = ec2.destinationImages.get(WEST).get(0);
        Image copyAvailable = new Image(WEST, copyInWest.imageId(), copyInWest.name(), ACCOUNT, ImageState.AVAILABLE,
                NOW, copyInWest.tags(), false, null, null, false, copyInWest.sourceImageId(),
                copyInWest.sourceRegion(), List.of());

        Plan fromWest = eastAndWest.plan(copyAvailable, ACCOUNT, ec2.destinationImages, NOW);

        // The copy carries CopyToDR=true (tags copied), so only the is-a-copy guard stands between it and a
        // copy back to us-east-1.
        assertThat(copyAvailable.tags()).containsEntry("CopyToDR", "true");
        assertThat(fromWest.actions()).isEmpty();
        assertThat(fromWest.kept()).extracting(Kept::reason)
                .containsExactly("is-a-copy: from " + SOURCE + " " + SOURCE_REGION);
    }

    @Test
    void invariant7_copyIsNeverCopiedAgain_whenOnlyOurTagsSayItIsACopy() {
        // moto and some endpoints fill no SourceImageId: the SourceAmi tag we put on the copy still says it.
        Image taggedCopy = source(ami(2)).region(WEST).tag("SourceAmi", SOURCE).tag("SourceRegion", SOURCE_REGION)
                .build();

        Plan plan = config(SOURCE_REGION).policy().plan(taggedCopy, ACCOUNT,
                Map.of(SOURCE_REGION, List.of()), NOW);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).extracting(Kept::reason)
                .containsExactly("is-a-copy: from " + SOURCE + " " + SOURCE_REGION);
    }

    private static String token(String destination) {
        return CrossRegionCopyPolicy.clientToken(SOURCE_REGION, SOURCE, destination);
    }
}
