package dev.amihousekeeping.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.core.Snapshot;
import dev.amihousekeeping.ec2.LoopbackEndpoint.Answer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Invariant 10, the client half: EC2 throttling is retried by the SDK with backoff, and a throttle that outlasts
 * the attempts surfaces as a failure with its EC2 code. A loopback endpoint throttles the first calls.
 */
class Ec2ClientsRetryTest {

    private static final String SNAPSHOTS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<DescribeSnapshotsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>req-2</requestId>"
            + "<snapshotSet><item><snapshotId>snap-0123456789abcdef0</snapshotId><volumeId>vol-1</volumeId>"
            + "<status>completed</status><startTime>2026-10-01T00:00:00.000Z</startTime><volumeSize>8</volumeSize>"
            + "<ownerId>111122223333</ownerId><description>d</description></item></snapshotSet>"
            + "</DescribeSnapshotsResponse>";

    private static LoopbackEndpoint throttlingFirst(int throttles) {
        AtomicInteger left = new AtomicInteger(throttles);
        return new LoopbackEndpoint(request -> left.getAndDecrement() > 0
                ? Answer.error(503, "RequestLimitExceeded", "Request limit exceeded.")
                : Answer.ok(SNAPSHOTS));
    }

    @Test
    void retriesRequestLimitExceeded_untilEc2Answers() {
        try (LoopbackEndpoint endpoint = throttlingFirst(3); Ec2Clients clients = endpoint.clients(5)) {
            List<Snapshot> snapshots = new Ec2Gateway(clients, Clock.systemUTC()).readSnapshots("eu-west-1");

            assertThat(snapshots).extracting(Snapshot::snapshotId).containsExactly("snap-0123456789abcdef0");
            assertThat(endpoint.requests()).hasSize(4);
            assertThat(endpoint.requests().get(0).authorization()).contains("/eu-west-1/ec2/aws4_request");
        }
    }

    @Test
    void reportsTheThrottle_whenItOutlastsTheAttempts() {
        try (LoopbackEndpoint endpoint = throttlingFirst(10); Ec2Clients clients = endpoint.clients(2)) {
            Ec2Gateway gateway = new Ec2Gateway(clients, Clock.systemUTC());

            assertThatThrownBy(() -> gateway.readSnapshots("us-east-1"))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.errorCode()).isEqualTo("RequestLimitExceeded");
                        assertThat(e.operation()).isEqualTo("DescribeSnapshots");
                    });
            assertThat(endpoint.requests()).hasSize(2);
        }
    }

    @Test
    void asksForOwnSnapshots_inPagesOfTheLargestSize() {
        try (LoopbackEndpoint endpoint = throttlingFirst(0); Ec2Clients clients = endpoint.clients(1)) {
            new Ec2Gateway(clients, Clock.systemUTC()).readSnapshots("us-east-1");

            assertThat(endpoint.requests().get(0).form()).containsEntry("Action", "DescribeSnapshots")
                    .containsEntry("Owner.1", "self").containsEntry("MaxResults", "1000");
        }
    }
}
