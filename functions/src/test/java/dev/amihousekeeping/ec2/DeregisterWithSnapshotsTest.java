package dev.amihousekeeping.ec2;

import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.BlockDevice;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ImageState;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.port.Applied;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The deregister-with-snapshots decisions, with a mocked gateway: which EC2 answer leads to which call. */
class DeregisterWithSnapshotsTest {

    private final Ec2Gateway gateway = mock(Ec2Gateway.class);
    private static final Map<String, String> RECYCLE = Map.of("HousekeepingRecycle", "true", "HousekeepingRunId", "run-1");
    private final DeregisterWithSnapshots deregister = new DeregisterWithSnapshots(gateway,
            new RecycleTagging(gateway, RECYCLE));

    private static Action.Deregister deregister(List<String> snapshotIds, boolean deleteSnapshots) {
        return new Action.Deregister(REGION, "ami-1", "expired", deleteSnapshots, snapshotIds, List.of(), 0,
                List.of());
    }

    @Test
    void deletesOnlyWhatEc2DidNotReportDeleted_trustingTheResponseNotTheRequest() throws Exception {
        when(gateway.deregister(REGION, "ami-1", true))
                .thenReturn(new Deregistration(List.of("snap-a"), Map.of("snap-b", "internal-error")));

        Applied applied = deregister.apply(deregister(List.of("snap-a", "snap-b"), true));

        verify(gateway, never()).deleteSnapshot(REGION, "snap-a");
        verify(gateway).deleteSnapshot(REGION, "snap-b");
        assertThat(applied.outcome()).isEqualTo(Outcome.DONE);
        assertThat(applied.detail()).contains("snapshots deleted [snap-a, snap-b]");
    }

    @Test
    void invariant13_tagsTheImageAndEverySnapshotItDeletes_inOneCall_beforeDeregistering() throws Exception {
        when(gateway.deregister(REGION, "ami-1", true)).thenReturn(new Deregistration(List.of("snap-a", "snap-b"),
                Map.of()));

        Applied applied = deregister.apply(deregister(List.of("snap-a", "snap-b"), true));

        InOrder order = inOrder(gateway);
        order.verify(gateway).createTags(REGION, List.of("ami-1", "snap-a", "snap-b"), RECYCLE);
        order.verify(gateway).deregister(REGION, "ami-1", true);
        assertThat(applied.outcome()).isEqualTo(Outcome.DONE);
    }

    @Test
    void invariant13_deregistersAndDeletesNothing_whenTheRecycleTagsCannotBeWritten() throws Exception {
        doThrow(new Ec2Exception("CreateTags", REGION, "UnauthorizedOperation", "denied", 403, null))
                .when(gateway).createTags(anyString(), anyList(), anyMap());

        Applied applied = deregister.apply(deregister(List.of("snap-a"), true));

        verify(gateway, never()).deregister(anyString(), anyString(), anyBoolean());
        verify(gateway, never()).deleteSnapshot(anyString(), anyString());
        assertThat(applied.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(applied.detail()).startsWith("recycle tags not written (UnauthorizedOperation: denied)");
    }

    @Test
    void deletesEverySnapshotItself_whenTheEndpointIgnoredDeleteAssociatedSnapshots() throws Exception {
        when(gateway.deregister(REGION, "ami-1", true)).thenReturn(new Deregistration(List.of(), Map.of()));

        Applied applied = deregister.apply(deregister(List.of("snap-a", "snap-b"), true));

        verify(gateway).deleteSnapshot(REGION, "snap-a");
        verify(gateway).deleteSnapshot(REGION, "snap-b");
        assertThat(applied.outcome()).isEqualTo(Outcome.DONE);
    }

    @Test
    void failsTheAction_whenASnapshotCannotBeDeleted_soAHalfDoneDeregistrationIsNeverDone() throws Exception {
        when(gateway.deregister(REGION, "ami-1", true))
                .thenReturn(new Deregistration(List.of(), Map.of("snap-a", "missing-permissions")));
        doThrow(new Ec2Exception("DeleteSnapshot", REGION, "UnauthorizedOperation", "denied", 403, null))
                .when(gateway).deleteSnapshot(REGION, "snap-a");

        Applied applied = deregister.apply(deregister(List.of("snap-a"), true));

        assertThat(applied.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(applied.detail()).contains("NOT deleted").contains("UnauthorizedOperation: denied")
                .contains("DeregisterImage said missing-permissions");
    }

    @Test
    void keepsASnapshotAnotherImageUses_andSaysSo() throws Exception {
        when(gateway.deregister(REGION, "ami-1", true)).thenReturn(new Deregistration(List.of(), Map.of()));
        doThrow(new Ec2OutcomeException(Ec2OutcomeException.Kind.IN_USE, "InvalidSnapshot.InUse", "used by ami-2"))
                .when(gateway).deleteSnapshot(REGION, "snap-a");

        Applied applied = deregister.apply(deregister(List.of("snap-a"), true));

        assertThat(applied.outcome()).isEqualTo(Outcome.DONE);
        assertThat(applied.detail()).contains("kept, in use [snap-a]");
    }

    @Test
    void finishesTheSnapshots_whenTheImageWasAlreadyDeregistered() throws Exception {
        when(gateway.deregister(REGION, "ami-1", true)).thenThrow(
                new Ec2OutcomeException(Ec2OutcomeException.Kind.GONE, "InvalidAMIID.Unavailable", "gone"));

        Applied applied = deregister.apply(deregister(List.of("snap-a"), true));

        verify(gateway).deleteSnapshot(REGION, "snap-a");
        assertThat(applied.outcome()).isEqualTo(Outcome.DONE);
        assertThat(applied.detail()).startsWith("image already deregistered");
    }

    @Test
    void isSkipped_whenRunTwice() throws Exception {
        when(gateway.deregister(REGION, "ami-1", true)).thenThrow(
                new Ec2OutcomeException(Ec2OutcomeException.Kind.GONE, "InvalidAMIID.Unavailable", "gone"));
        doThrow(new Ec2OutcomeException(Ec2OutcomeException.Kind.GONE, "InvalidSnapshot.NotFound", "gone"))
                .when(gateway).deleteSnapshot(REGION, "snap-a");

        Applied applied = deregister.apply(deregister(List.of("snap-a"), true));

        assertThat(applied.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(applied.detail()).contains("already gone [snap-a]");
    }

    @Test
    void touchesNoSnapshot_whenDeleteSnapshotsIsOff() throws Exception {
        when(gateway.deregister(REGION, "ami-1", false)).thenReturn(new Deregistration(List.of(), Map.of()));

        Applied applied = deregister.apply(deregister(List.of("snap-a"), false));

        verify(gateway, never()).deleteSnapshot(anyString(), anyString());
        assertThat(applied).isEqualTo(Applied.done("deregistered"));
    }

    @Test
    void deletesOnlyThePlannedSnapshots_withoutAskingEc2ForTheRest_whenOtherImagesUseSome() throws Exception {
        when(gateway.deregister(REGION, "ami-1", false)).thenReturn(new Deregistration(List.of(), Map.of()));
        Action.Deregister action = new Action.Deregister(REGION, "ami-1", "expired", true, List.of("snap-a"),
                List.of("snap-b (used by ami-2)"), 0, List.of());

        Applied applied = deregister.apply(action);

        verify(gateway).deregister(REGION, "ami-1", false);
        verify(gateway).deleteSnapshot(REGION, "snap-a");
        verify(gateway, never()).deleteSnapshot(REGION, "snap-b");
        assertThat(applied.outcome()).isEqualTo(Outcome.DONE);
    }

    @Test
    void deletesNoSnapshotItself_whenThePlanNamesNone() throws Exception {
        when(gateway.deregister(REGION, "ami-1", true)).thenReturn(new Deregistration(List.of(), Map.of()));

        deregister.apply(deregister(List.of(), true));

        verify(gateway, never()).describeImage(anyString(), anyString());
        verify(gateway, never()).deleteSnapshot(anyString(), anyString());
    }

    @Test
    void readsTheImagesSnapshots_whenThePlanDidNotSayWhichToDelete() throws Exception {
        when(gateway.describeImage(REGION, "ami-1")).thenReturn(Optional.of(new Image(
                REGION, "ami-1", "web-1", "111122223333", ImageState.AVAILABLE, null,
                Map.of(), false, null, null, false, null, null,
                List.of(new BlockDevice("/dev/xvda", "snap-a", 8)))));
        when(gateway.deregister(REGION, "ami-1", true)).thenReturn(new Deregistration(List.of(), Map.of()));

        deregister.apply(deregister(null, true));

        verify(gateway).deleteSnapshot(REGION, "snap-a");
    }
}
