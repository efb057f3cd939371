package dev.amihousekeeping.ec2;

import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.port.Applied;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Removal on grants the caller has just read: one read more (the read back), never a second "before". */
class GrantRemovalTest {

    private static final LaunchPermission EVERYONE = LaunchPermission.publicGroup();
    private static final LaunchPermission STRANGER = LaunchPermission.user("999999999999");
    private static final LaunchPermission PARTNER = LaunchPermission.user("444455556666");
    private final Ec2Gateway gateway = mock(Ec2Gateway.class);
    private final GrantRemoval removal = new GrantRemoval(gateway);

    private static Action.RemoveGrants remove(ResourceType type, String id, LaunchPermission... grants) {
        return new Action.RemoveGrants(REGION, type, id, "reason", List.of(grants));
    }

    @Test
    void removesTheGrantsThatWereThere_andReadsOnlyTheAfter() throws Exception {
        when(gateway.launchPermissions(REGION, "ami-1")).thenReturn(List.of(PARTNER));

        GrantRemoval.Result result = removal.remove(remove(ResourceType.IMAGE, "ami-1", EVERYONE, STRANGER),
                List.of(EVERYONE, PARTNER));

        verify(gateway).removeLaunchPermissions(REGION, "ami-1", List.of(EVERYONE));
        verify(gateway, times(1)).launchPermissions(REGION, "ami-1");
        assertThat(result.applied()).isEqualTo(Applied.done(
                "removed [group=all]; before [group=all, userId=444455556666]; after [userId=444455556666]"));
        assertThat(result.grantsAfter()).containsExactly(PARTNER);
    }

    @Test
    void failsTheRemoval_whenAGrantIsStillThereAfterwards() throws Exception {
        when(gateway.createVolumePermissions(REGION, "snap-1")).thenReturn(List.of(EVERYONE));

        GrantRemoval.Result result = removal.remove(remove(ResourceType.SNAPSHOT, "snap-1", EVERYONE),
                List.of(EVERYONE));

        verify(gateway).removeCreateVolumePermissions(REGION, "snap-1", List.of(EVERYONE));
        assertThat(result.applied().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.applied().detail()).isEqualTo(
                "still granted after removal: [group=all]; removed [group=all]; before [group=all]; after [group=all]");
        assertThat(result.grantsAfter()).containsExactly(EVERYONE);
    }

    @Test
    void skipsWithoutAnyCall_whenNoneOfTheGrantsIsThere() throws Exception {
        GrantRemoval.Result result = removal.remove(remove(ResourceType.IMAGE, "ami-1", EVERYONE), List.of(PARTNER));

        verifyNoInteractions(gateway);
        assertThat(result.applied()).isEqualTo(Applied.skipped("no longer granted: [group=all]"));
        assertThat(result.grantsAfter()).containsExactly(PARTNER);
    }

    @Test
    void skipsWithoutGrantsAfter_whenTheImageIsGoneBeforeTheRemoval() throws Exception {
        doThrow(new Ec2OutcomeException(Ec2OutcomeException.Kind.GONE, "InvalidAMIID.NotFound", "no such"))
                .when(gateway).removeLaunchPermissions(REGION, "ami-1", List.of(EVERYONE));

        GrantRemoval.Result result = removal.remove(remove(ResourceType.IMAGE, "ami-1", EVERYONE),
                List.of(EVERYONE));

        assertThat(result.applied()).isEqualTo(Applied.skipped("image already gone (InvalidAMIID.NotFound)"));
        assertThat(result.grantsAfter()).isNull();
    }

    @Test
    void readsTheBeforeItself_forCallersThatHaveNot() throws Exception {
        when(gateway.launchPermissions(REGION, "ami-1")).thenReturn(List.of(EVERYONE), List.of());

        GrantRemoval.Result result = removal.readAndRemove(remove(ResourceType.IMAGE, "ami-1", EVERYONE));

        verify(gateway, times(2)).launchPermissions(REGION, "ami-1");
        assertThat(result.applied()).isEqualTo(Applied.done("removed [group=all]; before [group=all]; after []"));
    }

    @Test
    void skipsWithoutRemoving_whenTheImageIsGoneAtTheBeforeRead() throws Exception {
        when(gateway.launchPermissions(REGION, "ami-1")).thenThrow(
                new Ec2OutcomeException(Ec2OutcomeException.Kind.GONE, "InvalidAMIID.NotFound", "no such"));

        GrantRemoval.Result result = removal.readAndRemove(remove(ResourceType.IMAGE, "ami-1", EVERYONE));

        verify(gateway, never()).removeLaunchPermissions(anyString(), anyString(), anyList());
        assertThat(result.applied()).isEqualTo(Applied.skipped("image already gone (InvalidAMIID.NotFound)"));
        assertThat(result.grantsAfter()).isNull();
    }
}
