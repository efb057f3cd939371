package dev.amihousekeeping.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.sandbox.SeedGenerator;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SnapStart priming: it warms the request path without one call to any endpoint, and never fails a checkpoint. */
class SnapStartPrimingTest {

    @RegisterExtension
    static final SandboxHarness sandbox = SandboxHarness.start(
            SeedGenerator.generate("images=5,snapshots=15,regions=us-east-1,seed=3")).freshEachTest();

    @Test
    void prime_readsTheCannedImageAndSnapshot_withoutCallingTheEndpoint() throws Exception {
        Dependencies dependencies = dependencies("us-east-1");

        int listed = new SnapStartPriming(dependencies).prime();

        assertThat(listed).as("one image and one snapshot read back from the canned responses").isEqualTo(2);
        assertThat(totalCalls()).isZero();
    }

    @Test
    void handlerAfterPriming_usesTheEndpointAsConfigured() throws Exception {
        OrphanSnapshotsHandler handler = new OrphanSnapshotsHandler(dependencies("us-east-1"));
        handler.priming().beforeCheckpoint(null);

        Report report = Invocations.report(handler, Invocations.SCHEDULE);
        assertThat(report.errors()).isEmpty();
        assertThat(totalCalls()).isPositive();
    }

    @Test
    void failedPriming_doesNotFailTheCheckpoint() {
        // Not a region EC2's endpoint rules accept: the canned call fails before it would be sent.
        SnapStartPriming priming = new SnapStartPriming(dependencies("not a region"));

        assertThatThrownBy(priming::prime).isInstanceOf(RuntimeException.class);
        assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();
    }

    private Dependencies dependencies(String homeRegion) {
        return Dependencies.from(Map.of("AWS_REGION", homeRegion,
                        "HOUSEKEEPING_CONFIG", "{\"regions\":[\"us-east-1\"]}"),
                sandbox.settings());
    }

    private long totalCalls() {
        return sandbox.totalCalls();
    }
}
