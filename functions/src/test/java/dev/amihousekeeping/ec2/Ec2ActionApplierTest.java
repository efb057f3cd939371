package dev.amihousekeeping.ec2;

import static dev.amihousekeeping.testing.Fixtures.REGION;
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

    private static final Instant NOW = Instant.parse("2026-11-01T10:15:30Z");
    private final Ec2Gateway gateway = mock(Ec2Gateway.class);
    private final Ec2ActionApplier applier = new Ec2ActionApplier(gateway, Clock.fixed(NOW, ZoneOffset.UTC));

    private static Action removeGrants(ResourceType type, String id, List<LaunchPermission> grants) {
        return new Action.RemoveGrants(REGION, type, id, "reason", grants);
    }

    private static Action deleteSnapshot(String id) {
        return new Action.DeleteSnapshot(REGION, id, "reason", 0, null, null, List.of(), null);
    }

    private static Action deprecate(String id, String at) {
        return new Action.Deprecate(REGION, id, "reason", Instant.parse(at), List.of());
    }

    @Test
    void removesOnlyTheOffendingGrantsStillThere_andReportsBeforeAndAfter() throws Exception {
        LaunchPermission everyone = LaunchPermission.publicGroup();
        LaunchPermission stranger = LaunchPermission.user("999999999999");
        LaunchPermission partner = LaunchPermission.user("444455556666");
        when(gateway.launchPermissions(REGION, "ami-1"))
                .thenReturn(List.of(everyone, partner), List.of(partner));

        Applied applied = applier.apply(removeGrants(ResourceType.IMAGE, "ami-1", List.of(everyone, stranger)));

        verify(gateway).removeLaunchPermissions(REGION, "ami-1", List.of(everyone));
        assertThat(applied.outcome()).isEqualTo(Outcome.DONE);
        assertThat(applied.detail()).isEqualTo(
                "removed [group=all]; before [group=all, userId=444455556666]; after [userId=444455556666]");
    }

    @Test
    void failsGrantRemoval_whenTheGrantIsStillThereAfterwards() throws Exception {
        LaunchPermission everyone = LaunchPermission.publicGroup();
        when(gateway.createVolumePermissions(REGION, "snap-1")).thenReturn(List.of(everyone));

        Applied applied = applier.apply(removeGrants(ResourceType.SNAPSHOT, "snap-1", List.of(everyone)));

        verify(gateway).removeCreateVolumePermissions(REGION, "snap-1", List.of(everyone));
        assertThat(applied.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(applied.detail()).startsWith("still granted after removal: [group=all]");
    }

    @Test
    void skipsGrantRemoval_whenTheGrantIsAlreadyGone() throws Exception {
        when(gateway.launchPermissions(REGION, "ami-1")).thenReturn(List.of());

        Applied applied = applier.apply(removeGrants(ResourceType.IMAGE, "ami-1", List.of(LaunchPermission.publicGroup())));

        verify(gateway, never()).removeLaunchPermissions(anyString(), anyString(), anyList());
        assertThat(applied.outcome()).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void skipsASnapshotDelete_whenEc2SaysItIsInUseOrGone() throws Exception {
        doThrow(new Ec2OutcomeException(Ec2OutcomeException.Kind.IN_USE, "InvalidSnapshot.InUse", "used by ami-2"))
                .when(gateway).deleteSnapshot(REGION, "snap-1");
        doThrow(new Ec2OutcomeException(Ec2OutcomeException.Kind.GONE, "InvalidSnapshot.NotFound", "no such"))
                .when(gateway).deleteSnapshot(REGION, "snap-2");

        Applied inUse = applier.apply(deleteSnapshot("snap-1"));
        Applied gone = applier.apply(deleteSnapshot("snap-2"));

        assertThat(inUse).isEqualTo(Applied.skipped("InvalidSnapshot.InUse: used by ami-2"));
        assertThat(gone).isEqualTo(Applied.skipped("snapshot already deleted (InvalidSnapshot.NotFound)"));
    }

    @Test
    void deprecatesNoEarlierThanTheNextWholeMinute_becauseEc2RefusesAPastTime() throws Exception {
        applier.apply(deprecate("ami-1", "2026-10-01T00:00:00Z"));
        applier.apply(deprecate("ami-2", "2026-12-01T00:00:00Z"));

        verify(gateway).deprecate(REGION, "ami-1", Instant.parse("2026-11-01T10:16:00Z"));
        verify(gateway).deprecate(REGION, "ami-2", Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void tagsWithEveryTagParameter() throws Exception {
        applier.apply(new Action.Tag(REGION, ResourceType.IMAGE, "ami-1", "reason",
                Map.of("CreatedBy", "arn:aws:iam::111122223333:user/alice", "DeleteOn", "2026-12-01")));

        verify(gateway).createTags(REGION, List.of("ami-1"),
                Map.of("CreatedBy", "arn:aws:iam::111122223333:user/alice", "DeleteOn", "2026-12-01"));
    }

    @Test
    void copiesInTheDestinationRegion_withADeterministicClientToken() throws Exception {
        when(gateway.copyImage(any())).thenReturn("ami-copy");
        Action copy = new Action.Copy("us-west-2", "ami-1", "dr copy", REGION, "web-1", null, "alias/ami-dr", null,
                true, Map.of("SourceAmi", "ami-1"), List.of());

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

        applier.apply(new Action.Copy("us-west-2", "ami-1", "dr copy", REGION, "web-1", null, null, "amihk-planned",
                true, Map.of(), List.of()));

        ArgumentCaptor<ImageCopy> sent = ArgumentCaptor.forClass(ImageCopy.class);
        verify(gateway).copyImage(sent.capture());
        assertThat(sent.getValue().clientToken()).isEqualTo("amihk-planned");
    }

    @Test
    void namesRegionAndKey_whenACopyFailsOnKms() throws Exception {
        when(gateway.copyImage(any())).thenThrow(new Ec2Exception("CopyImage", "us-west-2",
                "InvalidKMSKey.InvalidState", "key is disabled", 400, null));

        Applied applied = applier.apply(new Action.Copy("us-west-2", "ami-1", "dr", REGION, "web-1", null,
                "alias/ami-dr", null, true, Map.of(), List.of()));

        assertThat(applied).isEqualTo(Applied.failed(
                "InvalidKMSKey.InvalidState: key is disabled (destination us-west-2, kmsKeyId alias/ami-dr)"));
    }

    @Test
    void turnsOnBlockPublicAccess_onlyWhereItIsOff() throws Exception {
        when(gateway.imageBlockPublicAccessState(REGION)).thenReturn("unblocked");
        when(gateway.snapshotBlockPublicAccessState(REGION)).thenReturn("block-all-sharing");

        Applied image = applier.apply(new Action.EnableBlockPublicAccess(REGION, "111122223333", "reason", "image",
                "block-new-sharing"));
        Applied snapshot = applier.apply(new Action.EnableBlockPublicAccess(REGION, "111122223333", "reason",
                "snapshot", "block-new-sharing"));

        verify(gateway).enableImageBlockPublicAccess(REGION);
        verify(gateway, never()).enableSnapshotBlockPublicAccess(eq(REGION), anyString());
        assertThat(image.outcome()).isEqualTo(Outcome.DONE);
        assertThat(snapshot.outcome()).isEqualTo(Outcome.SKIPPED);
    }
}
