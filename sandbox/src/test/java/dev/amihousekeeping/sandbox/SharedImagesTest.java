package dev.amihousekeeping.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageReference;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.util.List;
import java.util.Map;

import static dev.amihousekeeping.sandbox.AccountSeeds.CONSUMER;
import static dev.amihousekeeping.sandbox.AccountSeeds.HUB;
import static dev.amihousekeeping.sandbox.AccountSeeds.REGION;
import static dev.amihousekeeping.sandbox.AccountSeeds.roleArn;
import static dev.amihousekeeping.sandbox.SandboxClients.assumed;
import static dev.amihousekeeping.sandbox.SandboxClients.ec2;
import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.TestSeeds.NOW;
import static dev.amihousekeeping.sandbox.TestSeeds.imageId;
import static org.assertj.core.api.Assertions.assertThat;

/** The management account's AMIs as the consumer account sees them (see {@link AccountSeeds}). */
class SharedImagesTest {

    private Sandbox sandbox;
    private Ec2Client consumer;
    private Ec2Client hub;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, AccountSeeds.organization());
        consumer = ec2(sandbox, REGION, assumed(sandbox, roleArn(CONSUMER)));
        hub = ec2(sandbox, REGION);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static List<String> ids(List<Image> images) {
        return images.stream().map(Image::imageId).toList();
    }

    @Test
    void consumerSeesImagesSharedByIdOrganizationOrOu_notPrivateOnes() {
        List<String> executable = ids(consumer.describeImages(r -> r.executableUsers("self")).images());
        List<String> byId = ids(consumer.describeImages(r -> r.imageIds(imageId(1), imageId(2), imageId(3)))
                .images());
        List<String> own = ids(consumer.describeImages(r -> r.owners("self")).images());
        List<String> fromHub = ids(consumer.describeImages(r -> r.owners(HUB)).images());

        assertThat(executable).containsExactly(imageId(1), imageId(2), imageId(3));
        assertThat(byId).containsExactly(imageId(1), imageId(2), imageId(3));
        assertThat(own).containsExactly(imageId(5));
        assertThat(fromHub).containsExactly(imageId(1), imageId(2), imageId(3));
        errorOf(() -> consumer.describeImages(r -> r.imageIds(imageId(4))), "InvalidAMIID.NotFound", 400);
        assertThat(consumer.describeImages(r -> r.imageIds(imageId(1))).images().get(0).ownerId()).isEqualTo(HUB);
    }

    @Test
    void anAccountOutsideTheOu_seesOnlyTheOrganizationWideShare() {
        Seed seed = AccountSeeds.organization();
        Map<String, SeedAccount> accounts = new java.util.TreeMap<>(seed.accounts());
        accounts.put("555566667777", new SeedAccount(null, List.of(AccountSeeds.ROLE), null));
        sandbox.load(new Seed(HUB, NOW, null, accounts, seed.organization()));
        Ec2Client member = ec2(sandbox, REGION, assumed(sandbox, roleArn("555566667777")));

        assertThat(ids(member.describeImages(r -> r.executableUsers("self")).images())).containsExactly(imageId(2));
    }

    @Test
    void onlyTheOwner_readsOrChangesAnImagesAttributes() {
        errorOf(() -> consumer.describeImageAttribute(r -> r.imageId(imageId(1))
                .attribute(ImageAttributeName.LAUNCH_PERMISSION)), "AuthFailure", 400);
        errorOf(() -> consumer.deregisterImage(r -> r.imageId(imageId(1))), "AuthFailure", 400);

        assertThat(hub.describeImageAttribute(r -> r.imageId(imageId(1)).attribute(ImageAttributeName.LAUNCH_PERMISSION))
                .launchPermissions()).singleElement().satisfies(p -> assertThat(p.userId()).isEqualTo(CONSUMER));
    }

    @Test
    void consumerAnswersImageReferences_toTheHubsAmi_fromItsOwnResources() {
        List<ImageReference> references = consumer.describeImageReferences(r -> r.imageIds(imageId(1))
                .includeAllResourceTypes(true)).imageReferences();
        List<ImageReference> atHub = hub.describeImageReferences(r -> r.imageIds(imageId(1))
                .includeAllResourceTypes(true)).imageReferences();

        assertThat(references).extracting(ImageReference::arn).containsExactlyInAnyOrder(
                "arn:aws:ec2:" + REGION + ":" + CONSUMER + ":instance/i-0000000000000000a",
                "arn:aws:ec2:" + REGION + ":" + CONSUMER + ":launch-template/lt-0000000000000000b",
                "arn:aws:ssm:" + REGION + ":" + CONSUMER + ":parameter/ami/web/latest");
        assertThat(atHub).isEmpty();
        errorOf(() -> consumer.describeImageReferences(r -> r.imageIds(imageId(4)).includeAllResourceTypes(true)),
                "InvalidAMIID.NotFound", 400);
    }

    @Test
    void consumerMayPointAnImageParameter_atASharedAmi() {
        SsmClient ssm = SsmClient.builder().endpointOverride(sandbox.endpoint())
                .region(software.amazon.awssdk.regions.Region.of(REGION))
                .credentialsProvider(assumed(sandbox, roleArn(CONSUMER)))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();

        ssm.putParameter(r -> r.name("/ami/shared/latest").value(imageId(2)).type("String")
                .dataType("aws:ec2:image"));

        errorOf(() -> ssm.putParameter(r -> r.name("/ami/private/latest").value(imageId(4)).type("String")
                .dataType("aws:ec2:image")), "ValidationException", 400);
    }
}
