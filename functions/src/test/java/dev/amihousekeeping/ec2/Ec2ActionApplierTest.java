package dev.amihousekeeping.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionParameters;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.CrossRegionCopyPolicy;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.port.Applied;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class Ec2ActionApplierTest {

    private static final String REGION = "us-east-1";
    private static final Instant NOW = Instant.parse("2026-11-01T10:15:30Z");
    private final Ec2Gateway gateway = mock(Ec2Gateway.class);
    private final Ec2ActionApplier applier = new Ec2ActionApplier(gateway, Clock.fixed(NOW, ZoneOffset.UTC));

    private static Action action(ResourceType type, String id, ActionType kind, Map<String, String> parameters,
                                 List<LaunchPermission> grants) {
        return new Action(REGION, type, id, kind, "reason", parameters, grants);
    }

    @Test
    void removesOnlyTheOffendingGrantsStillThere_andReportsBeforeAndAfter() throws Exception {
        LaunchPermission everyone = LaunchPermission.publicGroup();
        LaunchPermission stranger = LaunchPermission.user("999999999999");
        LaunchPermission partner = LaunchPermission.user("444455556666");
        when(gateway.launchPermissions(REGION, "ami-1"))
                .thenReturn(List.of(everyone, partner), List.of(partner));

        Applied applied = applier.apply(action(ResourceType.IMAGE, "ami-1", ActionType.REMOVE_GRANT, Map.of(),
                List.of(everyone, stranger)));

        verify(gateway).removeLaunchPermissions(REGION, "ami-1", List.of(everyone));
        assertThat(applied.outcome()).isEqualTo(Outcome.DONE);
        assertThat(applied.detail()).isEqualTo(
                "removed [group=all]; before [group=all, userId=444455556666]; after [userId=444455556666]");
    }

    @Test
    void failsGrantRemoval_whenTheGrantIsStillThereAfterwards() throws Exception {
        LaunchPermission everyone = LaunchPermission.publicGroup();
        when(gateway.createVolumePermissions(REGION, "snap-1")).thenReturn(List.of(everyone));

        Applied applied = applier.apply(action(ResourceType.SNAPSHOT, "snap-1", ActionType.REMOVE_GRANT, Map.of(),
                List.of(everyone)));

        verify(gateway).removeCreateVolumePermissions(REGION, "snap-1", List.of(everyone));
        assertThat(applied.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(applied.detail()).startsWith("still granted after removal: [group=all]");
    }

    @Test
    void skipsGrantRemoval_whenTheGrantIsAlreadyGone() throws Exception {
        when(gateway.launchPermissions(REGION, "ami-1")).thenReturn(List.of());

        Applied applied = applier.apply(action(ResourceType.IMAGE, "ami-1", ActionType.REMOVE_GRANT, Map.of(),
                List.of(LaunchPermission.publicGroup())));

        verify(gateway, never()).removeLaunchPermissions(anyString(), anyString(), anyList());
        assertThat(applied.outcome()).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void skipsASnapshotDelete_whenEc2SaysItIsInUseOrGone() throws Exception {
        doThrow(new Ec2OutcomeException(Ec2OutcomeException.Kind.IN_USE, "InvalidSnapshot.InUse", "used by ami-2"))
                .when(gateway).deleteSnapshot(REGION, "snap-1");
        doThrow(new Ec2OutcomeException(Ec2OutcomeException.Kind.GONE, "InvalidSnapshot.NotFound", "no such"))
                .when(gateway).deleteSnapshot(REGION, "snap-2");

        Applied inUse = applier.apply(action(ResourceType.SNAPSHOT, "snap-1", ActionType.DELETE_SNAPSHOT, Map.of(),
                List.of()));
        Applied gone = applier.apply(action(ResourceType.SNAPSHOT, "snap-2", ActionType.DELETE_SNAPSHOT, Map.of(),
                List.of()));

        assertThat(inUse).isEqualTo(Applied.skipped("InvalidSnapshot.InUse: used by ami-2"));
        assertThat(gone).isEqualTo(Applied.skipped("snapshot already deleted (InvalidSnapshot.NotFound)"));
    }

    @Test
    void deprecatesNoEarlierThanTheNextWholeMinute_becauseEc2RefusesAPastTime() throws Exception {
        applier.apply(action(ResourceType.IMAGE, "ami-1", ActionType.DEPRECATE,
                Map.of(ActionParameters.DEPRECATE_AT, "2026-10-01T00:00:00Z"), List.of()));
        applier.apply(action(ResourceType.IMAGE, "ami-2", ActionType.DEPRECATE,
                Map.of(ActionParameters.DEPRECATE_AT, "2026-12-01T00:00:00Z"), List.of()));

        verify(gateway).deprecate(REGION, "ami-1", Instant.parse("2026-11-01T10:16:00Z"));
        verify(gateway).deprecate(REGION, "ami-2", Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void tagsWithEveryTagParameter() throws Exception {
        applier.apply(action(ResourceType.IMAGE, "ami-1", ActionType.TAG,
                Map.of("tag:CreatedBy", "arn:aws:iam::111122223333:user/alice", "tag:DeleteOn", "2026-12-01",
                        "other", "ignored"), List.of()));

        verify(gateway).createTags(REGION, List.of("ami-1"),
                Map.of("CreatedBy", "arn:aws:iam::111122223333:user/alice", "DeleteOn", "2026-12-01"));
    }

    @Test
    void copiesInTheDestinationRegion_withADeterministicClientToken() throws Exception {
        when(gateway.copyImage(any())).thenReturn("ami-copy");
        Action copy = new Action("us-west-2", ResourceType.IMAGE, "ami-1", ActionType.COPY, "dr copy",
                Map.of(ActionParameters.SOURCE_REGION, REGION, ActionParameters.NAME, "web-1",
                        ActionParameters.KMS_KEY_ID, "alias/ami-dr", "tag:SourceAmi", "ami-1"), List.of());

        Applied first = applier.apply(copy);
        applier.apply(copy);

        ArgumentCaptor<ImageCopy> sent = ArgumentCaptor.forClass(ImageCopy.class);
        verify(gateway, org.mockito.Mockito.times(2)).copyImage(sent.capture());
        ImageCopy request = sent.getAllValues().get(0);
        assertThat(request.destinationRegion()).isEqualTo("us-west-2");
        assertThat(request.sourceRegion()).isEqualTo(REGION);
        assertThat(request.sourceImageId()).isEqualTo("ami-1");
        assertThat(request.kmsKeyId()).isEqualTo("alias/ami-dr");
        assertThat(request.copyImageTags()).isTrue();
        assertThat(request.tags()).containsExactly(Map.entry("SourceAmi", "ami-1"));
        assertThat(request.clientToken()).isEqualTo(sent.getAllValues().get(1).clientToken()).hasSizeLessThan(65)
                .isEqualTo(CrossRegionCopyPolicy.clientToken(REGION, "ami-1", "us-west-2"));
        assertThat(first).isEqualTo(Applied.done("copy ami-copy started in us-west-2"));
    }

    @Test
    void copiesWithThePlannedClientToken_whenTheActionCarriesOne() throws Exception {
        when(gateway.copyImage(any())).thenReturn("ami-copy");

        applier.apply(new Action("us-west-2", ResourceType.IMAGE, "ami-1", ActionType.COPY, "dr copy",
                Map.of(ActionParameters.SOURCE_REGION, REGION, ActionParameters.NAME, "web-1",
                        ActionParameters.CLIENT_TOKEN, "amihk-planned"), List.of()));

        ArgumentCaptor<ImageCopy> sent = ArgumentCaptor.forClass(ImageCopy.class);
        verify(gateway).copyImage(sent.capture());
        assertThat(sent.getValue().clientToken()).isEqualTo("amihk-planned");
    }

    @Test
    void namesRegionAndKey_whenACopyFailsOnKms() throws Exception {
        when(gateway.copyImage(any())).thenThrow(new Ec2Exception("CopyImage", "us-west-2",
                "InvalidKMSKey.InvalidState", "key is disabled", 400, null));

        Applied applied = applier.apply(new Action("us-west-2", ResourceType.IMAGE, "ami-1", ActionType.COPY, "dr",
                Map.of(ActionParameters.SOURCE_REGION, REGION, ActionParameters.NAME, "web-1",
                        ActionParameters.KMS_KEY_ID, "alias/ami-dr"), List.of()));

        assertThat(applied).isEqualTo(Applied.failed(
                "InvalidKMSKey.InvalidState: key is disabled (destination us-west-2, kmsKeyId alias/ami-dr)"));
    }

    @Test
    void turnsOnBlockPublicAccess_onlyWhereItIsOff() throws Exception {
        when(gateway.imageBlockPublicAccessState(REGION)).thenReturn("unblocked");
        when(gateway.snapshotBlockPublicAccessState(REGION)).thenReturn("block-all-sharing");

        Applied image = applier.apply(action(ResourceType.ACCOUNT, "111122223333",
                ActionType.ENABLE_BLOCK_PUBLIC_ACCESS, Map.of(ActionParameters.SCOPE, "image"), List.of()));
        Applied snapshot = applier.apply(action(ResourceType.ACCOUNT, "111122223333",
                ActionType.ENABLE_BLOCK_PUBLIC_ACCESS, Map.of(ActionParameters.SCOPE, "snapshot"), List.of()));

        verify(gateway).enableImageBlockPublicAccess(REGION);
        verify(gateway, never()).enableSnapshotBlockPublicAccess(eq(REGION), anyString());
        assertThat(image.outcome()).isEqualTo(Outcome.DONE);
        assertThat(snapshot.outcome()).isEqualTo(Outcome.SKIPPED);
    }
}
