package dev.amihousekeeping.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.Reservation;

import java.util.List;

import static dev.amihousekeeping.sandbox.DescribeImagesTest.filter;
import static dev.amihousekeeping.sandbox.SandboxClients.ec2;
import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.TestSeeds.image;
import static dev.amihousekeeping.sandbox.TestSeeds.imageId;
import static org.assertj.core.api.Assertions.assertThat;

class LaunchResourcesTest {

    private Sandbox sandbox;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, TestSeeds.seed("us-east-1", List.of(image(1, "one"), image(2, "two")),
                (images, snapshots) -> new SeedRegion(images, snapshots,
                List.of(SeedInstance.of("i-0000000000000000a", imageId(1), "running"),
                        SeedInstance.of("i-0000000000000000b", imageId(2), "stopped")),
                List.of(SeedLaunchTemplate.of("lt-0000000000000000a", "web", 1,
                                List.of(SeedLaunchTemplateVersion.of(1, imageId(1)), SeedLaunchTemplateVersion.of(2, imageId(2)))),
                        SeedLaunchTemplate.of("lt-0000000000000000b", "api", 1,
                                List.of(SeedLaunchTemplateVersion.of(1, imageId(2))))),
                null, null, null, null)));
        ec2 = ec2(sandbox, "us-east-1");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void describesInstancesInReservations_andFiltersByImageAndState() {
        List<Instance> all = ec2.describeInstances().reservations().stream()
                .flatMap(r -> r.instances().stream()).toList();
        List<Reservation> stopped = ec2.describeInstances(r -> r.filters(filter("instance-state-name", "stopped")))
                .reservations();

        assertThat(all).extracting(i -> i.instanceId() + " " + i.imageId() + " " + i.state().nameAsString() + " "
                + i.state().code()).containsExactly("i-0000000000000000a " + imageId(1) + " running 16",
                "i-0000000000000000b " + imageId(2) + " stopped 80");
        assertThat(stopped).singleElement().satisfies(r -> assertThat(r.instances().get(0).imageId()).isEqualTo(imageId(2)));
        assertThat(ec2.describeInstances(r -> r.filters(filter("image-id", imageId(1)))).reservations()).hasSize(1);
        errorOf(() -> ec2.describeInstances(r -> r.instanceIds("i-0000000000000000f")), "InvalidInstanceID.NotFound", 400);
    }

    @Test
    void describesLaunchTemplatesWithDefaultAndLatestVersions() {
        List<LaunchTemplate> templates = ec2.describeLaunchTemplates().launchTemplates();

        assertThat(templates).extracting(t -> t.launchTemplateName() + " " + t.defaultVersionNumber() + " "
                + t.latestVersionNumber()).containsExactly("web 1 2", "api 1 1");
        assertThat(ec2.describeLaunchTemplates(r -> r.launchTemplateNames("api")).launchTemplates()).hasSize(1);
        errorOf(() -> ec2.describeLaunchTemplates(r -> r.launchTemplateIds("lt-0000000000000000f")),
                "InvalidLaunchTemplateId.NotFound", 400);
    }

    @Test
    void describesVersions_ofOneTemplateOrLatestAndDefaultOfAll() {
        List<LaunchTemplateVersion> web = ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId("lt-0000000000000000a"))
                .launchTemplateVersions();
        List<LaunchTemplateVersion> everywhere = ec2.describeLaunchTemplateVersions(r -> r.versions("$Latest", "$Default"))
                .launchTemplateVersions();

        assertThat(web).extracting(v -> v.versionNumber() + " " + v.launchTemplateData().imageId() + " " + v.defaultVersion())
                .containsExactly("2 " + imageId(2) + " false", "1 " + imageId(1) + " true");
        assertThat(everywhere).extracting(v -> v.launchTemplateId() + " " + v.versionNumber())
                .containsExactly("lt-0000000000000000a 2", "lt-0000000000000000a 1", "lt-0000000000000000b 1");
        errorOf(() -> ec2.describeLaunchTemplateVersions(r -> r.versions("1")), "MissingParameter", 400);
        errorOf(() -> ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName("web").versions("7")),
                "InvalidLaunchTemplateId.VersionNotFound", 400);
    }

    @Test
    void minVersionIsExclusive_andMaxVersionInclusive_asTheApiReferenceSays() {
        List<Long> afterOne = ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId("lt-0000000000000000a")
                .minVersion("1")).launchTemplateVersions().stream().map(LaunchTemplateVersion::versionNumber).toList();
        List<Long> upToOne = ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId("lt-0000000000000000a")
                .maxVersion("1")).launchTemplateVersions().stream().map(LaunchTemplateVersion::versionNumber).toList();

        assertThat(afterOne).containsExactly(2L);
        assertThat(upToOne).containsExactly(1L);
    }
}
