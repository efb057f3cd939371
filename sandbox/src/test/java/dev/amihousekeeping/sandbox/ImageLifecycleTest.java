package dev.amihousekeeping.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DeregisterImageResponse;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.amihousekeeping.sandbox.SandboxClients.ec2;
import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.TestSeeds.NOW;
import static dev.amihousekeeping.sandbox.TestSeeds.PARTNER;
import static dev.amihousekeeping.sandbox.TestSeeds.image;
import static dev.amihousekeeping.sandbox.TestSeeds.imageId;
import static dev.amihousekeeping.sandbox.TestSeeds.snapshotId;
import static org.assertj.core.api.Assertions.assertThat;

class ImageLifecycleTest {

    private Sandbox sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Ec2Client start(Seed seed, Duration copyDelay) {
        sandbox = Sandbox.start(SandboxOptions.defaults().withSeed(seed).withCopyDelay(copyDelay));
        return ec2(sandbox, "us-east-1");
    }

    private static Image describe(Ec2Client ec2, String imageId) {
        return ec2.describeImages(r -> r.imageIds(imageId).includeDisabled(true)).images().get(0);
    }

    private static List<String> snapshotIds(Ec2Client ec2) {
        return ec2.describeSnapshots(r -> r.ownerIds("self")).snapshots().stream().map(Snapshot::snapshotId).toList();
    }

    @Test
    void deletesOnlyUnsharedSnapshots_whenDeregisteringWithDeleteAssociatedSnapshots() {
        // Image 1 has its own root snapshot and shares snapshot 2 (its data volume) with image 2.
        SeedImage first = new SeedImage(imageId(1), "first", null, NOW, null, null, null, null, null, null, null,
                null, null, List.of(SeedBlockDevice.of("/dev/xvda", snapshotId(1), 8),
                SeedBlockDevice.of("/dev/sdb", snapshotId(2), 8)), null, null, null, null);
        Ec2Client ec2 = start(TestSeeds.seed("us-east-1", List.of(first, image(2, "second"))), Duration.ZERO);

        DeregisterImageResponse response = ec2.deregisterImage(r -> r.imageId(imageId(1)).deleteAssociatedSnapshots(true));

        assertThat(response.returnValue()).isTrue();
        assertThat(response.deleteSnapshotResults()).extracting(r -> r.snapshotId() + "=" + r.returnCodeAsString())
                .containsExactly(snapshotId(1) + "=success", snapshotId(2) + "=skipped");
        assertThat(snapshotIds(ec2)).containsExactly(snapshotId(2));
        errorOf(() -> ec2.describeImages(r -> r.imageIds(imageId(1))), "InvalidAMIID.NotFound", 400);
    }

    @Test
    void keepsSnapshots_whenDeregisteringWithoutDeleteAssociatedSnapshots() {
        Ec2Client ec2 = start(TestSeeds.seed("us-east-1", List.of(image(1, "one"))), Duration.ZERO);

        DeregisterImageResponse response = ec2.deregisterImage(r -> r.imageId(imageId(1)));

        assertThat(response.deleteSnapshotResults()).isEmpty();
        assertThat(snapshotIds(ec2)).containsExactly(snapshotId(1));
        ec2.deleteSnapshot(r -> r.snapshotId(snapshotId(1)));
        assertThat(snapshotIds(ec2)).isEmpty();
    }

    @Test
    void refusesDeregistration_whileDeregistrationProtectionIsOn() {
        Ec2Client ec2 = start(TestSeeds.seed("us-east-1", List.of(image(1, "one"))), Duration.ZERO);

        assertThat(ec2.enableImageDeregistrationProtection(r -> r.imageId(imageId(1)).withCooldown(true)).returnValue())
                .isEqualTo("enabled-with-cooldown");
        assertThat(describe(ec2, imageId(1)).deregistrationProtection()).isEqualTo("enabled-with-cooldown");
        errorOf(() -> ec2.deregisterImage(r -> r.imageId(imageId(1))), "OperationNotPermitted", 400);

        assertThat(ec2.disableImageDeregistrationProtection(r -> r.imageId(imageId(1))).returnValue())
                .isEqualTo("disabled");
        ec2.deregisterImage(r -> r.imageId(imageId(1)));
        assertThat(sandbox.state().regions().get("us-east-1").images()).isEmpty();
    }

    @Test
    void refusesDeregistration_whenImageBelongsToAnotherAccount() {
        SeedImage shared = image(1, "partner").withOwner(PARTNER).withSharing(true, List.of());
        Ec2Client ec2 = start(TestSeeds.seed("us-east-1", List.of(shared)), Duration.ZERO);

        errorOf(() -> ec2.deregisterImage(r -> r.imageId(imageId(1))), "AuthFailure", 400);
    }

    @Test
    void deprecatesAtNearestMinute_andUndeprecates() {
        Ec2Client ec2 = start(TestSeeds.seed("us-east-1", List.of(image(1, "one"))), Duration.ZERO);

        ec2.enableImageDeprecation(r -> r.imageId(imageId(1)).deprecateAt(Instant.parse("2026-11-02T10:00:31Z")));
        assertThat(describe(ec2, imageId(1)).deprecationTime()).isEqualTo("2026-11-02T10:01:00.000Z");

        ec2.enableImageDeprecation(r -> r.imageId(imageId(1)).deprecateAt(NOW));
        assertThat(describe(ec2, imageId(1)).deprecationTime()).isEqualTo("2026-11-01T00:00:00.000Z");

        ec2.disableImageDeprecation(r -> r.imageId(imageId(1)));
        assertThat(describe(ec2, imageId(1)).deprecationTime()).isNull();
    }

    @Test
    void refusesDeprecation_whenTimeIsInThePastByTheSandboxClock() {
        Ec2Client ec2 = start(TestSeeds.seed("us-east-1", List.of(image(1, "one"))), Duration.ZERO);

        errorOf(() -> ec2.enableImageDeprecation(r -> r.imageId(imageId(1)).deprecateAt(NOW.minus(Duration.ofDays(1)))),
                "InvalidParameterValue", 400);
        errorOf(() -> ec2.enableImageDeprecation(r -> r.imageId(imageId(1))
                .deprecateAt(NOW.plus(Duration.ofDays(11 * 365)))), "InvalidParameterValue", 400);
    }

    @Test
    void removesLaunchPermissions_whenImageIsDisabled_andRestoresAvailability_whenEnabled() {
        SeedImage shared = image(1, "one").withSharing(true, List.of(SeedLaunchPermission.user(PARTNER)));
        Ec2Client ec2 = start(TestSeeds.seed("us-east-1", List.of(shared)), Duration.ZERO);

        ec2.disableImage(r -> r.imageId(imageId(1)));

        Image disabled = describe(ec2, imageId(1));
        assertThat(disabled.stateAsString()).isEqualTo("disabled");
        assertThat(disabled.publicLaunchPermissions()).isFalse();
        assertThat(ec2.describeImageAttribute(r -> r.imageId(imageId(1)).attribute("launchPermission"))
                .launchPermissions()).isEmpty();

        ec2.enableImage(r -> r.imageId(imageId(1)));
        assertThat(describe(ec2, imageId(1)).stateAsString()).isEqualTo("available");
    }

    @Test
    void createsPendingImageFromInstance_thatBecomesAvailableAfterTheDelay() throws InterruptedException {
        Seed seed = TestSeeds.seed("us-east-1", List.of(image(1, "base")));
        SeedRegion region = seed.regions().get("us-east-1");
        seed = seed.withRegion("us-east-1", new SeedRegion(region.images(), region.snapshots(),
                List.of(SeedInstance.of("i-0123456789abcdef0", imageId(1), "running")), null, null, null, null, null));
        Ec2Client ec2 = start(seed, Duration.ofMillis(800));

        String created = ec2.createImage(r -> r.instanceId("i-0123456789abcdef0").name("web-2026-11-01")
                .tagSpecifications(t -> t.resourceType("image").tags(tag -> tag.key("DeleteOn").value("2026-12-01"))))
                .imageId();

        Image pending = describe(ec2, created);
        assertThat(pending.stateAsString()).isEqualTo("pending");
        assertThat(pending.creationDate()).isEqualTo("2026-11-01T00:00:00.000Z");
        assertThat(pending.tags()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("2026-12-01"));
        Snapshot snapshot = ec2.describeSnapshots(r -> r.snapshotIds(pending.blockDeviceMappings().get(0).ebs()
                .snapshotId())).snapshots().get(0);
        assertThat(snapshot.description()).isEqualTo("Created by CreateImage(i-0123456789abcdef0) for " + created);
        assertThat(snapshot.stateAsString()).isEqualTo("pending");

        Thread.sleep(900);
        assertThat(describe(ec2, created).stateAsString()).isEqualTo("available");
        errorOf(() -> ec2.createImage(r -> r.instanceId("i-0123456789abcdef0").name("web-2026-11-01")),
                "InvalidAMIName.Duplicate", 400);
        errorOf(() -> ec2.createImage(r -> r.instanceId("i-00000000000000000").name("other")),
                "InvalidInstanceID.NotFound", 400);
    }

    @Test
    void registersAvailableImage_whenRootSnapshotExists() {
        Ec2Client ec2 = start(TestSeeds.seed("us-east-1", List.of(image(1, "base"))), Duration.ofSeconds(5));

        String registered = ec2.registerImage(r -> r.name("from-snapshot").rootDeviceName("/dev/xvda")
                .blockDeviceMappings(b -> b.deviceName("/dev/xvda").ebs(e -> e.snapshotId(snapshotId(1))))).imageId();

        assertThat(describe(ec2, registered).stateAsString()).isEqualTo("available");
        errorOf(() -> ec2.deleteSnapshot(r -> r.snapshotId(snapshotId(1))), "InvalidSnapshot.InUse", 400);
        errorOf(() -> ec2.registerImage(r -> r.name("broken")
                        .blockDeviceMappings(b -> b.deviceName("/dev/xvda").ebs(e -> e.snapshotId(snapshotId(9))))),
                "InvalidSnapshot.NotFound", 400);
    }
}
