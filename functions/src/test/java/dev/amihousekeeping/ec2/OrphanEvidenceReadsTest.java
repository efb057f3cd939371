package dev.amihousekeeping.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.ec2.LoopbackEndpoint.Answer;
import dev.amihousekeeping.ec2.LoopbackEndpoint.Request;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reads orphan-snapshots decides on ask EC2 for images in every state: a disabled or deprecated AMI that uses
 * a snapshot must be seen, or the snapshot would look orphaned (invariant 3).
 */
class OrphanEvidenceReadsTest {

    private static final String NO_IMAGES = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<DescribeImagesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
            + "<requestId>req-1</requestId><imagesSet/></DescribeImagesResponse>";
    private static final String NO_SNAPSHOTS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<DescribeSnapshotsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
            + "<requestId>req-1</requestId><snapshotSet/></DescribeSnapshotsResponse>";

    private static Answer answer(Request request) {
        return Answer.ok(request.action().equals("DescribeSnapshots") ? NO_SNAPSHOTS : NO_IMAGES);
    }

    @Test
    void imagesUsingSnapshot_filtersByTheSnapshot_includingDisabledAndDeprecatedImages() {
        try (LoopbackEndpoint endpoint = new LoopbackEndpoint(OrphanEvidenceReadsTest::answer);
             Ec2Clients clients = endpoint.clients(1)) {
            new Ec2Gateway(clients, Clock.systemUTC(), "111122223333")
                    .imagesUsingSnapshot("us-east-1", "snap-0123456789abcdef0");

            assertThat(endpoint.requests()).singleElement().extracting(Request::form).satisfies(form -> assertThat(form)
                    .containsEntry("Action", "DescribeImages")
                    .containsEntry("Filter.1.Name", "block-device-mapping.snapshot-id")
                    .containsEntry("Filter.1.Value.1", "snap-0123456789abcdef0")
                    .containsEntry("IncludeDisabled", "true")
                    .containsEntry("IncludeDeprecated", "true")
                    // Any owner: an AMI another account registered from a snapshot we shared still needs it.
                    .doesNotContainKey("Owner.1"));
        }
    }

    @Test
    void readInventory_readsSnapshotsBeforeImages_andImagesInEveryState() {
        try (LoopbackEndpoint endpoint = new LoopbackEndpoint(OrphanEvidenceReadsTest::answer);
             Ec2Clients clients = endpoint.clients(1)) {
            new Ec2Gateway(clients, Clock.systemUTC(), "111122223333").readInventory("us-east-1");

            List<Request> requests = endpoint.requests();
            assertThat(requests).extracting(Request::action).containsExactly("DescribeSnapshots", "DescribeImages");
            assertThat(requests.get(0).form()).containsEntry("Owner.1", "self");
            assertThat(requests.get(1).form()).containsEntry("Owner.1", "self")
                    .containsEntry("IncludeDisabled", "true").containsEntry("IncludeDeprecated", "true");
        }
    }
}
