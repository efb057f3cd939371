package dev.amihousekeeping.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.amihousekeeping.sandbox.DescribeImagesTest.filter;
import static dev.amihousekeeping.sandbox.SandboxClients.ec2;
import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.SandboxClients.http;
import static dev.amihousekeeping.sandbox.TestSeeds.image;
import static dev.amihousekeeping.sandbox.TestSeeds.snapshotId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DescribeVolumes answers from the seed's {@code volumes}, and the state shows them. */
class VolumesTest {

    private Sandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static String volumeId(int n) {
        return String.format("vol-%017x", n);
    }

    /** Volumes 1..count, volume n made from snapshot n; odd ones in use, even ones available. */
    private Ec2Client start(int count) {
        Seed seed = TestSeeds.seed("us-east-1", List.of(image(1, "one")));
        List<SeedVolume> volumes = IntStream.rangeClosed(1, count).mapToObj(n -> SeedVolume.of(volumeId(n),
                snapshotId(n), n % 2 == 1 ? "in-use" : "available")).toList();
        sandbox = Sandbox.start(0, seed.withRegion("us-east-1", seed.regions().get("us-east-1").withVolumes(volumes)));
        return ec2(sandbox, "us-east-1");
    }

    @Test
    void describesTheSeedsVolumes_withTheirSourceSnapshotAndState() {
        Ec2Client ec2 = start(2);

        List<Volume> volumes = ec2.describeVolumes().volumes();

        assertThat(volumes).extracting(Volume::volumeId, Volume::snapshotId, Volume::stateAsString, Volume::size)
                .containsExactly(org.assertj.core.api.Assertions.tuple(volumeId(1), snapshotId(1), "in-use", 8),
                        org.assertj.core.api.Assertions.tuple(volumeId(2), snapshotId(2), "available", 8));
        assertThat(ec2.describeVolumes(r -> r.filters(filter("snapshot-id", snapshotId(2)))).volumes())
                .extracting(Volume::volumeId).containsExactly(volumeId(2));
        assertThat(ec2.describeVolumes(r -> r.volumeIds(volumeId(1))).volumes()).hasSize(1);
        assertThat(ec2(sandbox, "eu-west-1").describeVolumes().volumes()).isEmpty();
    }

    @Test
    void pagesEveryVolume_throughTheSdkPaginator() {
        Ec2Client ec2 = start(12);
        List<Integer> pageSizes = new ArrayList<>();
        List<String> ids = new ArrayList<>();

        for (DescribeVolumesResponse page : ec2.describeVolumesPaginator(r -> r.maxResults(5))) {
            pageSizes.add(page.volumes().size());
            page.volumes().forEach(v -> ids.add(v.volumeId()));
        }

        assertThat(pageSizes).containsExactly(5, 5, 2);
        assertThat(ids).containsExactlyElementsOf(IntStream.rangeClosed(1, 12).mapToObj(VolumesTest::volumeId).toList());
    }

    @Test
    void unknownVolumeId_isNotFound_andMaxResultsOutOfRangeIsInvalid() {
        Ec2Client ec2 = start(1);

        errorOf(() -> ec2.describeVolumes(r -> r.volumeIds(volumeId(9))), "InvalidVolume.NotFound", 400);
        errorOf(() -> ec2.describeVolumes(r -> r.volumeIds("vol-x")), "InvalidVolumeID.Malformed", 400);
        errorOf(() -> ec2.describeVolumes(r -> r.maxResults(4)), "InvalidParameterValue", 400);
    }

    @Test
    void stateShowsTheVolumes_andASeedVolumeWithAnUnknownStateIsRefusedNamingIt() throws Exception {
        start(1);

        Seed state = Seed.parse(http("GET", sandbox.endpoint().resolve("/_sandbox/state"), null, null).body());

        assertThat(state.regions().get("us-east-1").volumes()).containsExactly(SeedVolume.of(volumeId(1),
                snapshotId(1), "in-use"));
        assertThatThrownBy(() -> sandbox.load(Seed.parse("{\"regions\":{\"us-east-1\":{\"volumes\":"
                + "[{\"volumeId\":\"vol-00000000000000001\",\"state\":\"gone\"}]}}}")))
                .hasMessageContaining("regions.us-east-1.volumes[0].state 'gone'");
    }
}
