package dev.amihousekeeping.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.amihousekeeping.sandbox.SandboxClients.ec2;
import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.TestSeeds.ACCOUNT;
import static dev.amihousekeeping.sandbox.TestSeeds.NOW;
import static dev.amihousekeeping.sandbox.TestSeeds.PARTNER;
import static dev.amihousekeeping.sandbox.TestSeeds.image;
import static dev.amihousekeeping.sandbox.TestSeeds.imageId;
import static org.assertj.core.api.Assertions.assertThat;

class DescribeImagesTest {

    private Sandbox sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Ec2Client start(Seed seed, String region) {
        sandbox = Sandbox.start(0, seed);
        return ec2(sandbox, region);
    }

    private static List<String> ids(DescribeImagesResponse response) {
        return response.images().stream().map(Image::imageId).toList();
    }

    @Test
    void returnsImageInEc2Shape_whenOwnedBySelf() {
        SeedImage web = new SeedImage(imageId(1), "web-2026-10-01", null, Instant.parse("2026-10-01T00:00:00Z"),
                null, false, List.of(SeedLaunchPermission.user(PARTNER)), Map.of("DeleteOn", "2026-10-15"),
                null, Instant.parse("2026-10-20T10:00:00Z"), true, null, null,
                List.of(SeedBlockDevice.of("/dev/xvda", TestSeeds.snapshotId(1), 8)), "web server", null, null, null);
        Ec2Client ec2 = start(TestSeeds.seed("eu-west-1", List.of(web)), "eu-west-1");

        Image image = ec2.describeImages(r -> r.owners("self")).images().get(0);

        assertThat(image.imageId()).isEqualTo(imageId(1));
        assertThat(image.name()).isEqualTo("web-2026-10-01");
        assertThat(image.stateAsString()).isEqualTo("available");
        assertThat(image.ownerId()).isEqualTo(ACCOUNT);
        assertThat(image.creationDate()).isEqualTo("2026-10-01T00:00:00.000Z");
        assertThat(image.publicLaunchPermissions()).isFalse();
        assertThat(image.description()).isEqualTo("web server");
        assertThat(image.lastLaunchedTime()).isEqualTo("2026-10-20T10:00:00.000Z");
        assertThat(image.deregistrationProtection()).isEqualTo("enabled-without-cooldown");
        assertThat(image.tags()).singleElement().satisfies(t -> {
            assertThat(t.key()).isEqualTo("DeleteOn");
            assertThat(t.value()).isEqualTo("2026-10-15");
        });
        assertThat(image.blockDeviceMappings()).singleElement().satisfies(d -> {
            assertThat(d.deviceName()).isEqualTo("/dev/xvda");
            assertThat(d.ebs().snapshotId()).isEqualTo(TestSeeds.snapshotId(1));
            assertThat(d.ebs().volumeSize()).isEqualTo(8);
        });
    }

    @Test
    void pagesOfAThousand_whenPaginatorAsksForMaxResults() {
        Ec2Client ec2 = start(TestSeeds.many("us-east-1", 2500), "us-east-1");
        List<Integer> pageSizes = new ArrayList<>();
        List<String> all = new ArrayList<>();

        ec2.describeImagesPaginator(r -> r.owners("self").maxResults(1000)).forEach(page -> {
            pageSizes.add(page.images().size());
            all.addAll(ids(page));
        });

        assertThat(pageSizes).containsExactly(1000, 1000, 500);
        assertThat(all).hasSize(2500).doesNotHaveDuplicates();
    }

    @Test
    void returnsEverythingAtOnce_whenMaxResultsIsAbsent() {
        Ec2Client ec2 = start(TestSeeds.many("us-east-1", 2500), "us-east-1");

        DescribeImagesResponse response = ec2.describeImages(r -> r.owners("self"));

        assertThat(response.images()).hasSize(2500);
        assertThat(response.nextToken()).isNull();
    }

    @Test
    void capsPageAtAThousand_whenMaxResultsIsLarger() {
        Ec2Client ec2 = start(TestSeeds.many("us-east-1", 1200), "us-east-1");

        DescribeImagesResponse response = ec2.describeImages(r -> r.maxResults(5000));

        assertThat(response.images()).hasSize(1000);
        assertThat(response.nextToken()).isNotBlank();
    }

    @Test
    void rejectsMaxResults_whenBelowFiveOrCombinedWithImageIds() {
        Ec2Client ec2 = start(TestSeeds.many("us-east-1", 3), "us-east-1");

        errorOf(() -> ec2.describeImages(r -> r.maxResults(2)), "InvalidParameterValue", 400);
        errorOf(() -> ec2.describeImages(r -> r.maxResults(10).imageIds(imageId(1))),
                "InvalidParameterCombination", 400);
    }

    @Test
    void servesPageOfAThousandQuickly_whenRegionHoldsTenThousandImages() throws Exception {
        start(TestSeeds.many("us-east-1", 10_000), "us-east-1");
        String token = PageRequest.token("images", imageId(4000));
        String body = "Action=DescribeImages&Version=2016-11-15&Owner.1=self&MaxResults=1000&NextToken=" + token
                + "&Filter.1.Name=state&Filter.1.Value.1=available";
        long best = Long.MAX_VALUE;

        // Server time only (raw HTTP, no SDK parsing), best of several after the JIT has warmed up.
        for (int i = 0; i < 15; i++) {
            long start = System.nanoTime();
            var response = SandboxClients.http("POST", sandbox.endpoint(), body,
                    SandboxClients.authorization("us-east-1", "ec2"));
            best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body().split("<imageId>", -1)).hasSize(1001);
        }

        assertThat(best).isLessThan(100);
    }

    @Test
    void matchesFilters_whenNameGlobTagStateAndSnapshotAreGiven() {
        SeedImage web1 = TestSeeds.withTags(image(1, "web-2026-10-01"), Map.of("Team", "platform"));
        SeedImage web2 = TestSeeds.withTags(image(2, "web-2026-10-02"), Map.of("Team", "data"));
        SeedImage api = image(3, "api-2026-10-01");
        Ec2Client ec2 = start(TestSeeds.seed("us-east-1", List.of(web1, web2, api)), "us-east-1");

        assertThat(ids(ec2.describeImages(r -> r.filters(filter("name", "web-*"))))).containsExactly(imageId(1), imageId(2));
        assertThat(ids(ec2.describeImages(r -> r.filters(filter("name", "web-2026-10-0?"), filter("tag:Team", "data")))))
                .containsExactly(imageId(2));
        assertThat(ids(ec2.describeImages(r -> r.filters(filter("tag-key", "Team"))))).containsExactly(imageId(1), imageId(2));
        assertThat(ids(ec2.describeImages(r -> r.filters(filter("block-device-mapping.snapshot-id",
                TestSeeds.snapshotId(3)))))).containsExactly(imageId(3));
        assertThat(ids(ec2.describeImages(r -> r.filters(filter("state", "pending"))))).isEmpty();
        assertThat(ids(ec2.describeImages(r -> r.filters(filter("is-public", "false"), filter("owner-id", ACCOUNT)))))
                .hasSize(3);
        assertThat(ids(ec2.describeImages(r -> r.filters(filter("image-id", imageId(2), imageId(3))))))
                .containsExactly(imageId(2), imageId(3));
    }

    @Test
    void rejectsFilter_whenNameIsUnknown() {
        Ec2Client ec2 = start(TestSeeds.many("us-east-1", 1), "us-east-1");

        String message = errorOf(() -> ec2.describeImages(r -> r.filters(filter("colour", "red"))),
                "InvalidParameterValue", 400);

        assertThat(message).contains("colour");
    }

    @Test
    void hidesDisabledImages_unlessIncludeDisabled() {
        SeedImage disabled = image(1, "old").withState("disabled", null);
        Ec2Client ec2 = start(TestSeeds.seed("us-east-1", List.of(disabled, image(2, "new"))), "us-east-1");

        assertThat(ids(ec2.describeImages(r -> r.owners("self")))).containsExactly(imageId(2));
        assertThat(ids(ec2.describeImages(r -> r.owners("self").includeDisabled(true))))
                .containsExactly(imageId(1), imageId(2));
    }

    @Test
    void hidesOthersDeprecatedImages_unlessIncludeDeprecatedOrAskedById() {
        SeedImage ownDeprecated = image(1, "own").withDeprecationTime(NOW.minusSeconds(60));
        SeedImage sharedDeprecated = image(2, "shared").withOwner(PARTNER)
                .withSharing(false, List.of(SeedLaunchPermission.user(ACCOUNT)))
                .withDeprecationTime(NOW.minusSeconds(60));
        SeedImage sharedFutureDeprecation = image(3, "later").withOwner(PARTNER).withSharing(true, List.of())
                .withDeprecationTime(NOW.plusSeconds(3600));
        Ec2Client ec2 = start(TestSeeds.seed("us-east-1", List.of(ownDeprecated, sharedDeprecated,
                sharedFutureDeprecation)), "us-east-1");

        assertThat(ids(ec2.describeImages(r -> r.includeDeprecated(false)))).containsExactly(imageId(1), imageId(3));
        assertThat(ids(ec2.describeImages(r -> r.includeDeprecated(true))))
                .containsExactly(imageId(1), imageId(2), imageId(3));
        assertThat(ids(ec2.describeImages(r -> r.imageIds(imageId(2))))).containsExactly(imageId(2));
    }

    @Test
    void scopesByOwnersAndExecutableBy() {
        SeedImage own = image(1, "own");
        SeedImage sharedToUs = image(2, "partner").withOwner(PARTNER)
                .withSharing(false, List.of(SeedLaunchPermission.user(ACCOUNT)));
        SeedImage publicOne = image(3, "vendor").withOwner("137112412989").withSharing(true, List.of());
        SeedImage notVisible = image(4, "private-elsewhere").withOwner(PARTNER);
        Ec2Client ec2 = start(TestSeeds.seed("us-east-1", List.of(own, sharedToUs, publicOne, notVisible)),
                "us-east-1");

        assertThat(ids(ec2.describeImages(DescribeImagesRequest.builder().build())))
                .containsExactly(imageId(1), imageId(2), imageId(3));
        assertThat(ids(ec2.describeImages(r -> r.owners("self")))).containsExactly(imageId(1));
        assertThat(ids(ec2.describeImages(r -> r.owners(PARTNER)))).containsExactly(imageId(2));
        assertThat(ids(ec2.describeImages(r -> r.executableUsers("all")))).containsExactly(imageId(3));
        assertThat(ids(ec2.describeImages(r -> r.executableUsers("self")))).containsExactly(imageId(2));
        errorOf(() -> ec2.describeImages(r -> r.imageIds(imageId(4))), "InvalidAMIID.NotFound", 400);
    }

    @Test
    void failsWithEc2Codes_whenIdIsUnknownOrMalformed() {
        Ec2Client ec2 = start(TestSeeds.many("us-east-1", 1), "us-east-1");

        String message = errorOf(() -> ec2.describeImages(r -> r.imageIds(imageId(1), imageId(9))),
                "InvalidAMIID.NotFound", 400);
        errorOf(() -> ec2.describeImages(r -> r.imageIds("ami-12")), "InvalidAMIID.Malformed", 400);

        assertThat(message).isEqualTo("The image id '[" + imageId(9) + "]' does not exist");
    }

    @Test
    void keepsRegionsApart() {
        Seed seed = TestSeeds.seed("us-east-1", List.of(image(1, "east")))
                .withRegion("eu-west-1", SeedRegion.of(List.of(image(2, "west")), List.of()));
        Ec2Client east = start(seed, "us-east-1");
        Ec2Client west = ec2(sandbox, "eu-west-1");

        assertThat(ids(east.describeImages(r -> r.owners("self")))).containsExactly(imageId(1));
        assertThat(ids(west.describeImages(r -> r.owners("self")))).containsExactly(imageId(2));
        assertThat(ids(ec2(sandbox, "ap-southeast-2").describeImages(r -> r.owners("self")))).isEmpty();
        errorOf(() -> west.describeImages(r -> r.imageIds(imageId(1))), "InvalidAMIID.NotFound", 400);
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }
}
