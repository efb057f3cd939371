package dev.amihousekeeping.ec2;

import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.port.Applied;
import dev.amihousekeeping.testing.SandboxHarness;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Restoring one resource against the sandbox when the bin changed after it was listed. */
class RecycleBinGatewaySandboxTest {

    private static final String SNAPSHOT = "snap-0000000000000c001";
    private static final Instant EXIT = Instant.parse("2026-11-08T00:00:00Z");

    private static final String SEED = """
            {"accountId":"111122223333","now":"2026-11-01T00:00:00Z","regions":{"us-east-1":{
              "recycleBin":{"snapshots":[{"recycleBinEnterTime":"2026-10-30T00:00:00Z",
                "recycleBinExitTime":"2026-11-08T00:00:00Z",
                "snapshot":{"snapshotId":"%s","volumeId":"vol-0123456789abcdef0","volumeSize":8,
                  "startTime":"2026-09-01T00:00:00Z","tags":{"HousekeepingRunId":"r1"}}}]}
            }}}""".formatted(SNAPSHOT);

    @RegisterExtension
    static final SandboxHarness sandbox = SandboxHarness.start(SEED).freshEachTest();

    @Test
    void restore_ofWhatLeftTheBinAfterTheListing_isSkipped_notAFailure() {
        RecycleBinGateway bin = new RecycleBinGateway(sandbox.clients(), sandbox.gateway());
        Action.Restore restore = new Action.Restore(REGION, ResourceType.SNAPSHOT, SNAPSHOT, "run r1",
                List.of("HousekeepingRunId"), false, EXIT);
        assertThat(bin.list(REGION)).hasSize(1);

        Applied first = bin.restore(restore);
        Applied second = bin.restore(restore);

        assertThat(first.outcome()).as(first.detail()).isEqualTo(Outcome.DONE);
        assertThat(second.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(second.detail()).startsWith("not in the Recycle Bin any more: restored or purged meanwhile");
        assertThat(bin.list(REGION)).isEmpty();
    }
}
