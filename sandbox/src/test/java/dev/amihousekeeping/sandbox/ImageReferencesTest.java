package dev.amihousekeeping.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImageReferencesRequest;
import software.amazon.awssdk.services.ec2.model.ImageReference;
import software.amazon.awssdk.services.ec2.model.ResourceTypeRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.amihousekeeping.sandbox.SandboxClients.ec2;
import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.TestSeeds.image;
import static dev.amihousekeeping.sandbox.TestSeeds.imageId;
import static org.assertj.core.api.Assertions.assertThat;

class ImageReferencesTest {

    private static final String ARN = "arn:aws:ec2:eu-west-1:111122223333:";

    private Sandbox sandbox;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        // Image 1: a running instance, the oldest of 12 template versions, and an SSM parameter.
        // Image 2: a terminated instance and the newest template version. Image 3: nothing.
        List<SeedLaunchTemplateVersion> versions = new ArrayList<>();
        versions.add(SeedLaunchTemplateVersion.of(1, imageId(1)));
        IntStream.rangeClosed(2, 11).forEach(v -> versions.add(SeedLaunchTemplateVersion.of(v, imageId(3) + "x")));
        versions.add(SeedLaunchTemplateVersion.of(12, imageId(2)));
        Seed seed = TestSeeds.seed("eu-west-1", List.of(image(1, "one"), image(2, "two"), image(3, "three")));
        SeedRegion region = seed.regions().get("eu-west-1");
        sandbox = Sandbox.start(0, seed.withRegion("eu-west-1", new SeedRegion(region.images(), region.snapshots(),
                List.of(SeedInstance.of("i-0000000000000000a", imageId(1), "running"),
                        SeedInstance.of("i-0000000000000000b", imageId(2), "terminated")),
                List.of(SeedLaunchTemplate.of("lt-0000000000000000a", "web", 1, versions)),
                List.of(new SeedSsmParameter("/ami/web/latest", imageId(1))), null, null, null)));
        ec2 = ec2(sandbox, "eu-west-1");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private List<String> references(DescribeImageReferencesRequest request) {
        return ec2.describeImageReferences(request).imageReferences().stream()
                .map(r -> r.imageId().substring(20) + " " + r.resourceTypeAsString() + " " + r.arn()).toList();
    }

    private static ResourceTypeRequest type(String type, String option, String... values) {
        return ResourceTypeRequest.builder().resourceType(type)
                .resourceTypeOptions(o -> o.optionName(option).optionValues(values)).build();
    }

    @Test
    void findsInstancesTemplatesAndParameters_whenAllResourceTypesAreIncluded() {
        List<String> found = references(DescribeImageReferencesRequest.builder()
                .imageIds(imageId(1), imageId(2), imageId(3)).includeAllResourceTypes(true).build());

        // version-depth defaults to 10: version 1 of 12 is too old to count.
        assertThat(found).containsExactly(
                "1 ec2:Instance " + ARN + "instance/i-0000000000000000a",
                "1 ssm:Parameter arn:aws:ssm:eu-west-1:111122223333:parameter/ami/web/latest",
                "2 ec2:Instance " + ARN + "instance/i-0000000000000000b",
                "2 ec2:LaunchTemplate " + ARN + "launch-template/lt-0000000000000000a");
    }

    @Test
    void honoursStateNameAndVersionDepth_whenOptionsAreGiven() {
        List<String> found = references(DescribeImageReferencesRequest.builder().imageIds(imageId(1), imageId(2))
                .resourceTypes(type("ec2:Instance", "state-name", "pending", "running", "stopped"),
                        type("ec2:LaunchTemplate", "version-depth", "12"))
                .build());

        assertThat(found).containsExactly(
                "1 ec2:Instance " + ARN + "instance/i-0000000000000000a",
                "1 ec2:LaunchTemplate " + ARN + "launch-template/lt-0000000000000000a",
                "2 ec2:LaunchTemplate " + ARN + "launch-template/lt-0000000000000000a");
    }

    @Test
    void findsNothing_forImageBuilderRecipes() {
        assertThat(references(DescribeImageReferencesRequest.builder().imageIds(imageId(1))
                .resourceTypes(r -> r.resourceType("imagebuilder:ImageRecipe"),
                        r -> r.resourceType("imagebuilder:ContainerRecipe")).build())).isEmpty();
    }

    @Test
    void pages_whenMaxResultsIsSmallerThanTheResult() {
        List<ImageReference> all = new ArrayList<>();

        ec2.describeImageReferencesPaginator(r -> r.imageIds(imageId(1), imageId(2)).includeAllResourceTypes(true)
                .maxResults(5)).forEach(page -> all.addAll(page.imageReferences()));

        assertThat(all).hasSize(4);
    }

    @Test
    void returnsEveryReference_acrossPages_whenThereAreMoreThanOnePageHolds() {
        // 12 instances launched from image 3, plus the seed's 4 references of images 1 and 2: 16, four pages of 5.
        List<SeedInstance> instances = new ArrayList<>();
        IntStream.rangeClosed(1, 12).forEach(i -> instances.add(
                SeedInstance.of(String.format("i-%017x", 0x100 + i), imageId(3), i % 2 == 0 ? "running" : "stopped")));
        SeedRegion region = sandbox.state().regions().get("eu-west-1");
        List<SeedInstance> all = new ArrayList<>(region.instances());
        all.addAll(instances);
        sandbox.load(sandbox.state().withRegion("eu-west-1", new SeedRegion(region.images(), region.snapshots(), all,
                region.launchTemplates(), region.ssmParameters(), null, null, null)));
        List<Integer> pageSizes = new ArrayList<>();
        List<String> arns = new ArrayList<>();

        ec2.describeImageReferencesPaginator(r -> r.imageIds(imageId(1), imageId(2), imageId(3))
                .includeAllResourceTypes(true).maxResults(5)).forEach(page -> {
                    pageSizes.add(page.imageReferences().size());
                    page.imageReferences().forEach(reference -> arns.add(reference.arn()));
                });

        assertThat(pageSizes).containsExactly(5, 5, 5, 1);
        assertThat(arns).doesNotHaveDuplicates().hasSize(16)
                .contains(ARN + "launch-template/lt-0000000000000000a",
                        "arn:aws:ssm:eu-west-1:111122223333:parameter/ami/web/latest")
                .containsAll(instances.stream().map(i -> ARN + "instance/" + i.instanceId()).toList());
    }

    @Test
    void rejectsOptionNames_thatTheApiReferenceDoesNotDocumentForTheResourceType() {
        String wrongType = errorOf(() -> ec2.describeImageReferences(r -> r.imageIds(imageId(1))
                .resourceTypes(type("ec2:Instance", "version-depth", "5"))), "InvalidParameterValue", 400);
        String noOptions = errorOf(() -> ec2.describeImageReferences(r -> r.imageIds(imageId(1))
                .resourceTypes(type("ssm:Parameter", "state-name", "running"))), "InvalidParameterValue", 400);
        String typo = errorOf(() -> ec2.describeImageReferences(r -> r.imageIds(imageId(1))
                .resourceTypes(type("ec2:LaunchTemplate", "versionDepth", "5"))), "InvalidParameterValue", 400);

        assertThat(wrongType).contains("version-depth", "ec2:Instance", "[state-name]");
        assertThat(noOptions).contains("resource type ssm:Parameter; it takes no options");
        assertThat(typo).contains("versionDepth", "[version-depth]");
    }

    @Test
    void rejectsRequest_whenTooManyIdsOrNoResourceTypeOrBadOption() {
        String[] eleven = IntStream.rangeClosed(1, 11).mapToObj(TestSeeds::imageId).toArray(String[]::new);

        errorOf(() -> ec2.describeImageReferences(r -> r.imageIds(eleven).includeAllResourceTypes(true)),
                "InvalidParameterValue", 400);
        errorOf(() -> ec2.describeImageReferences(r -> r.imageIds(imageId(1))), "MissingParameter", 400);
        errorOf(() -> ec2.describeImageReferences(r -> r.imageIds(imageId(1))
                .resourceTypes(type("ec2:LaunchTemplate", "version-depth", "0"))), "InvalidParameterValue", 400);
        errorOf(() -> ec2.describeImageReferences(r -> r.imageIds(imageId(9)).includeAllResourceTypes(true)),
                "InvalidAMIID.NotFound", 400);
    }
}
