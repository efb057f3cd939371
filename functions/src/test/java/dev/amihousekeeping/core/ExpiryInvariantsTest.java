package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.ExpiryTestConfig.config;
import static dev.amihousekeeping.core.ExpiryTestImage.cleanEvidence;
import static dev.amihousekeeping.core.ExpiryTestImage.expired;
import static dev.amihousekeeping.core.ExpiryTestImage.inventory;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.testing.Fixtures;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §6 invariants 2, 3, 6 and 7 for expiry. Each test starts from an image that every rule expires, so
 * the one guard under test is all that stands between it and a deregistration.
 */
class ExpiryInvariantsTest {

    private static final String ID = "ami-0001";

    @Test
    void invariant2_neverDeregisters_whenInUse() {
        Inventory inventory = inventory(expired(ID).build());
        ExpiryEvidence evidence = new ExpiryEvidence(
                InUseIndex.checking(List.of(ID)).use(ID, "lt-0abc v7").build(), Map.of(ID, List.of()), true);

        assertKept(config().policy().plan(inventory, evidence, NOW), "in-use: lt-0abc v7");
    }

    @Test
    void invariant2_neverDeregisters_whenInUseCouldNotBeRead() {
        Inventory inventory = inventory(expired(ID).build());
        ExpiryEvidence evidence = new ExpiryEvidence(
                InUseIndex.checkingAll().failed("DescribeInstances: UnauthorizedOperation").build(),
                Map.of(ID, List.of()), true);

        assertKept(config().policy().plan(inventory, evidence, NOW),
                "in-use-unknown: DescribeInstances: UnauthorizedOperation");
    }

    @Test
    void invariant2_neverDeregisters_whenSharedWithAnotherAccount() {
        Inventory inventory = inventory(expired(ID).build());
        ExpiryEvidence evidence = new ExpiryEvidence(InUseIndex.checking(List.of(ID)).build(),
                Map.of(ID, List.of(LaunchPermission.user("444455556666"))), true);

        assertKept(config().policy().plan(inventory, evidence, NOW), "shared: userId=444455556666");
    }

    @Test
    void invariant2_neverDeregisters_whenPublic() {
        Inventory inventory = inventory(expired(ID).makePublic().build());

        assertKept(config().plan(inventory), "shared: group=all");
    }

    @Test
    void invariant2_neverDeregisters_whenExempt() {
        Inventory inventory = inventory(expired(ID).tag("Retain", "").build());

        assertKept(config().plan(inventory), "exempt-tag Retain");
    }

    @Test
    void invariant2_neverDeregisters_whenExemptTagDiffersInCaseOrSpaces() {
        Inventory lower = inventory(expired(ID).tag("retain", "").build());
        Inventory spaced = inventory(expired(ID).tag(" DoNotDelete ", "yes").build());

        assertKept(config().plan(lower), "exempt-tag Retain");
        assertKept(config().plan(spaced), "exempt-tag DoNotDelete");
    }

    @Test
    void invariant2_neverDeregisters_whenProtected() {
        Inventory inventory = inventory(expired(ID).protectedFromDeregistration().build());

        assertKept(config().plan(inventory), "deregistration-protection");
    }

    @Test
    void invariant2_neverDeregisters_whenPending() {
        Inventory inventory = inventory(expired(ID).state(ImageState.PENDING).build());

        assertKept(config().plan(inventory), "pending");
    }

    @Test
    void invariant2_neverDeregisters_whenYoungerThanMinAge() {
        Inventory inventory = inventory(expired(ID).created("2026-10-31T06:00:00Z").build());

        assertKept(config().plan(inventory), "min-age 0d < 1d");
    }

    @Test
    void invariant2_neverDeregisters_whenNotOwned() {
        Inventory inventory = inventory(expired(ID).owner("444455556666").build());

        assertKept(config().plan(inventory), "not-owned: owner 444455556666");
    }

    @Test
    void invariant2_neverDeregisters_whenAmongNewestKeepLatestOfLineage() {
        Inventory inventory = inventory(
                expired(ID).name("web-v2").created("2026-02-01T00:00:00Z").build(),
                expired("ami-0000").name("web-v1").created("2026-01-01T00:00:00Z").build());

        Plan plan = config().keepLatest(1).plan(inventory);

        assertThat(plan.actions()).extracting(Action::resourceId).containsExactly("ami-0000");
        assertThat(plan.kept()).containsExactly(new Kept(Fixtures.REGION, ResourceType.IMAGE, ID, "keep-latest 1 of web"));
    }

    @Test
    void invariant3_neverListsSnapshotForDeletion_whenAnotherImageReferencesIt() {
        Image expiring = expired(ID).snapshots(new BlockDevice("/dev/xvda", "snap-common", 8)).build();
        Image failedButReferencing = expired("ami-0002").state(ImageState.FAILED).tag("Retain", "")
                .snapshots(new BlockDevice("/dev/xvda", "snap-common", 8)).build();
        Inventory inventory = inventory(expiring, failedButReferencing);

        Plan plan = config().plan(inventory);

        assertThat(plan.actions()).singleElement().satisfies(a -> {
            assertThat(((Action.Deregister) a).snapshotIds()).isEmpty();
            assertThat(((Action.Deregister) a).keptSnapshots()).containsExactly("snap-common (used by ami-0002)");
        });
    }

    @Test
    void invariant6_recheck_skips_whenImageChangedSincePlanning() {
        ExpiryPolicy policy = config().policy();
        Inventory inventory = inventory(expired(ID).build());
        Action planned = policy.plan(inventory, cleanEvidence(inventory), NOW).actions().get(0);
        Image nowProtected = expired(ID).protectedFromDeregistration().build();

        assertThat(policy.recheck(planned, nowProtected, ACCOUNT, cleanEvidence(inventory), Map.of(), NOW.plusSeconds(300)))
                .contains("deregistration-protection");
    }

    @Test
    void invariant7_planningTheAppliedStateChangesNothingMore() {
        ExpiryPolicy policy = config().deprecateFirst(7).policy();
        // 40 s past the minute: EC2 rounds the requested deprecation time up to the next minute.
        Instant now = NOW.plusSeconds(40);
        Inventory before = inventory(
                expired("ami-0001").build(),
                expired("ami-0002").deprecated("2026-10-01T00:00:00Z").build(),
                expired("ami-0003").deprecated("2027-06-01T00:00:00Z").build(),
                expired("ami-0004").tag("Retain", "").build());
        Plan first = policy.plan(before, cleanEvidence(before), now);
        assertThat(first.actions()).extracting(a -> a.resourceId() + " " + a.type().json())
                .containsExactlyInAnyOrder("ami-0001 deprecate", "ami-0002 deregister", "ami-0003 deprecate");

        // Re-planned at the same instant (the CLI's --now, or a run right after the executor): the deprecation
        // EC2 recorded is still a few seconds ahead, and must count as done.
        Inventory after = applied(before, first);
        Plan second = policy.plan(after, cleanEvidence(after), now);

        assertThat(second.actions()).isEmpty();
        assertThat(second.kept()).extracting(Kept::reason).containsExactly(
                "grace: deprecated 2026-11-01T00:01:00Z, deregister after 2026-11-08T00:01:00Z",
                "grace: deprecated 2026-11-01T00:01:00Z, deregister after 2026-11-08T00:01:00Z",
                "exempt-tag Retain");
    }

    private static void assertKept(Plan plan, String reason) {
        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).containsExactly(new Kept(Fixtures.REGION, ResourceType.IMAGE, ID, reason));
    }

    /** What EC2 holds after {@code plan} ran: deregistered images gone, deprecations set as EC2 rounds them. */
    private static Inventory applied(Inventory inventory, Plan plan) {
        List<Image> images = new ArrayList<>();
        for (Image image : inventory.images()) {
            Action action = plan.actions().stream().filter(a -> a.resourceId().equals(image.imageId())).findFirst()
                    .orElse(null);
            if (action == null) {
                images.add(image);
            } else if (action.type() == ActionType.DEPRECATE) {
                Instant asked = ((Action.Deprecate) action).deprecateAt();
                Instant rounded = asked.plusSeconds(30).truncatedTo(ChronoUnit.MINUTES);
                images.add(new Image(image.region(), image.imageId(), image.name(), image.ownerId(), image.state(),
                        image.creationDate(), image.tags(), image.isPublic(), rounded, image.lastLaunchedTime(),
                        image.deregistrationProtection(), image.sourceImageId(), image.sourceRegion(),
                        image.blockDevices()));
            }
        }
        return new Inventory(inventory.region(), inventory.accountId(), inventory.readAt(), images,
                inventory.snapshots());
    }
}
