package dev.amihousekeeping.run;

import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.amihousekeeping.config.OrphanSnapshotsConfig;
import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.BlockDevice;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ImageState;
import dev.amihousekeeping.core.OrphanSnapshotPolicy;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.Snapshot;
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.core.port.Precondition;
import dev.amihousekeeping.ec2.Ec2Exception;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.ec2.Recheck;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The re-check just before a snapshot is deleted (invariant 6), on what the gateway reads now. Mocked gateway:
 * each case needs one exact answer that a sandbox could only give through a race.
 */
class OrphanSnapshotsRecheckTest {

    private static final String SNAP = "snap-0123456789abcdef0";
    private static final String GONE_AMI = "ami-0123456789abcdef0";

    private final Ec2Gateway gateway = mock(Ec2Gateway.class);
    private final OrphanSnapshotPolicy policy = new OrphanSnapshotPolicy(OrphanSnapshotsConfig.defaults());

    private static Snapshot orphan(Map<String, String> tags) {
        return new Snapshot(REGION, SNAP, "vol-0123456789abcdef0", 8, NOW.minusSeconds(30 * 86_400),
                "Created by CreateImage(i-0123456789abcdef0) for " + GONE_AMI, ACCOUNT, "completed", tags, null);
    }

    private static Action deletion() {
        return new Action.DeleteSnapshot(REGION, SNAP, "orphan: " + GONE_AMI + " deregistered", 8, null, GONE_AMI,
                List.of(), null);
    }

    private static Image image(String id, ImageState state, String... snapshots) {
        return new Image(REGION, id, "web", ACCOUNT, state, NOW, Map.of(), false, null, null, false, null, null,
                java.util.Arrays.stream(snapshots).map(s -> new BlockDevice("/dev/xvda", s, 8)).toList());
    }

    private Optional<String> recheck(Snapshot current) {
        return OrphanSnapshotsRun.recheck(policy, new SnapshotUsers(gateway), ACCOUNT, deletion(), current, NOW);
    }

    @Test
    void lets_theDeletionGo_whenNoImageUsesTheSnapshotAndItsAmiIsStillGone() {
        when(gateway.imagesUsingSnapshot(REGION, SNAP)).thenReturn(List.of());
        when(gateway.describeImage(REGION, GONE_AMI)).thenReturn(Optional.empty());

        assertThat(recheck(orphan(Map.of()))).isEmpty();
        verify(gateway).describeImage(REGION, GONE_AMI);
    }

    @Test
    void skips_whenADisabledImageUsesTheSnapshotNow() {
        when(gateway.imagesUsingSnapshot(REGION, SNAP))
                .thenReturn(List.of(image("ami-0aaaaaaaaaaaaaaa1", ImageState.DISABLED, SNAP)));

        assertThat(recheck(orphan(Map.of()))).contains("re-check: referenced-by: ami-0aaaaaaaaaaaaaaa1");
    }

    @Test
    void skips_whenTheAmiItsDescriptionNamesExistsNow_evenWithoutListingIt() {
        when(gateway.imagesUsingSnapshot(REGION, SNAP)).thenReturn(List.of());
        when(gateway.describeImage(REGION, GONE_AMI)).thenReturn(Optional.of(image(GONE_AMI, ImageState.PENDING)));

        assertThat(recheck(orphan(Map.of()))).contains("re-check: ami-exists: " + GONE_AMI);
    }

    @Test
    void skips_whenTheSnapshotWasExemptedSincePlanning() {
        when(gateway.imagesUsingSnapshot(REGION, SNAP)).thenReturn(List.of());
        when(gateway.describeImage(REGION, GONE_AMI)).thenReturn(Optional.empty());

        assertThat(recheck(orphan(Map.of("DoNotDelete", "ticket-42")))).contains("re-check: exempt-tag DoNotDelete");
    }

    @Test
    void failsTheAction_andDeletesNothing_whenTheImagesCannotBeReadNow() throws Exception {
        when(gateway.describeSnapshot(REGION, SNAP)).thenReturn(Optional.of(orphan(Map.of())));
        when(gateway.imagesUsingSnapshot(REGION, SNAP)).thenThrow(new Ec2Exception("DescribeImages", REGION,
                "RequestLimitExceeded", "Request limit exceeded.", 503, null));
        Precondition precondition = Recheck.of(gateway, (a, i) -> Optional.empty(),
                (a, s) -> OrphanSnapshotsRun.recheck(policy, new SnapshotUsers(gateway), ACCOUNT, a, s, NOW));
        ActionApplier applier = mock(ActionApplier.class);

        Report report = new Executor(RunLog.silent(), Clock.fixed(NOW, ZoneOffset.UTC)).execute(
                RunRequest.of("orphan-snapshots", List.of(REGION), false, 100, NOW),
                new Plan(List.of(deletion()), List.of()), List.of(), precondition, applier);

        assertThat(report.actions()).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(a.detail()).startsWith("RequestLimitExceeded");
        });
        verify(applier, never()).apply(any());
        verify(gateway, never()).deleteSnapshot(anyString(), anyString());
    }
}
