package dev.amihousekeeping.run;

import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.TestActions;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which actions wait for which when several are in flight: the plan's order where two touch the same thing. */
class ActionOrderTest {

    private static Action deregister(String imageId, String... snapshotIds) {
        return new Action.Deregister(REGION, imageId, "expired", true, List.of(snapshotIds), List.of(), 8, List.of());
    }

    private static Action of(ActionType type, String resourceId) {
        return TestActions.of(REGION, ResourceType.IMAGE, resourceId, type, "test");
    }

    @Test
    void aSharedSnapshotsDelete_waitsForEveryDeregistrationOfItsImages_andNothingElse() {
        ActionOrder order = ActionOrder.of(List.of(deregister("ami-1", "snap-1"), deregister("ami-2", "snap-2"),
                deregister("ami-9", "snap-9"),
                new Action.DeleteSnapshot(REGION, "snap-s", "shared", 8, null, null, List.of("ami-1", "ami-2"), null)));

        assertThat(order.prerequisites(3)).containsExactly(0, 1);
        assertThat(order.dependents(0)).containsExactly(3);
        assertThat(order.dependents(2)).isEmpty();
    }

    @Test
    void aMarkATagRemovalAndAParameterWrite_haveNoDependents_andGoInPlanOrderOnTheirOwnResource() {
        ActionOrder order = ActionOrder.of(List.of(
                new Action.Mark(REGION, "ami-1", "notice", "HousekeepingNotice", LocalDate.of(2026, 12, 1)),
                new Action.RemoveTags(REGION, ResourceType.IMAGE, "ami-2", "restored", List.of("HousekeepingNotice")),
                of(ActionType.SET_PARAMETER, "/ami/web/latest"),
                deregister("ami-3", "snap-3"),
                of(ActionType.DEREGISTER, "ami-1")));

        assertThat(order.dependents(1)).isEmpty();
        assertThat(order.dependents(2)).isEmpty();
        assertThat(order.prerequisites(3)).isEmpty();
        // The notice mark and a later stage of the same image: one after the other.
        assertThat(order.prerequisites(4)).containsExactly(0);
    }

    @Test
    void aParameterWriteAndADisable_goAfterAChangeToAnImageTheyRead() {
        ActionOrder order = ActionOrder.of(List.of(deregister("ami-3", "snap-3"),
                new Action.SetParameter(REGION, "/ami/web/latest", "latest", "ami-3", null, "web", false, "ami-2"),
                new Action.Disable(REGION, "ami-4", "stage", "HousekeepingDisabledOn", LocalDate.of(2026, 12, 1),
                        false, List.of("ami-3", "ami-4"))));

        assertThat(order.prerequisites(1)).containsExactly(0);
        assertThat(order.prerequisites(2)).containsExactly(0);
    }

    @Test
    void aDeregistrationWritesItsOwnRecycleTags_soNoTagActionIsOrderedBeforeIt() {
        ActionOrder order = ActionOrder.of(List.of(of(ActionType.TAG, "ami-5"), deregister("ami-6", "snap-6"),
                of(ActionType.TAG, "ami-7")));

        assertThat(order.prerequisites(1)).isEmpty();
        // Stamps go one after another.
        assertThat(order.prerequisites(2)).containsExactly(0);
    }

    private static Action delete(String region, String snapshotId) {
        return new Action.DeleteSnapshot(region, snapshotId, "orphan", 8, null, null, List.of(), null);
    }

    private static Action tag(String region, String imageId) {
        return new Action.Tag(region, ResourceType.IMAGE, imageId, "stamp", Map.of("k", "v"));
    }

    @Test
    void inTurns_takesTheTargetsInTurn_inThePlansOrderWithinEach() {
        List<Action> plan = List.of(delete("us-east-1", "snap-a1"), delete("us-east-1", "snap-a2"),
                delete("us-east-1", "snap-a3"), delete("eu-west-1", "snap-b1"), delete("eu-west-1", "snap-b2"),
                delete("ap-southeast-2", "snap-c1"));

        assertThat(ActionOrder.of(plan).inTurns(plan, Action::region)).containsExactly(0, 3, 5, 1, 4, 2);
    }

    @Test
    void inTurns_startsNoActionBeforeItsPrerequisites_acrossTargets() {
        // Stamps go one after another whatever their region: eu-west-1's stamp waits for us-east-1's second one.
        List<Action> plan = List.of(tag("us-east-1", "ami-a1"), delete("us-east-1", "snap-a1"),
                tag("us-east-1", "ami-a2"), tag("eu-west-1", "ami-b1"), delete("eu-west-1", "snap-b1"));
        ActionOrder order = ActionOrder.of(plan);

        List<Integer> turns = order.inTurns(plan, Action::region);

        assertThat(turns).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        for (int i = 0; i < plan.size(); i++) {
            for (int prerequisite : order.prerequisites(i)) {
                assertThat(turns.indexOf(prerequisite)).as("%d before %d", prerequisite, i)
                        .isLessThan(turns.indexOf(i));
            }
        }
        assertThat(order.prerequisites(3)).contains(2);
    }
}
