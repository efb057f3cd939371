package dev.amihousekeeping.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Deregistration, deprecation, disabling and deregistration protection of AMIs. */
final class ImageLifecycleActions {

    private ImageLifecycleActions() {
    }

    static void register(Map<String, Ec2Action> actions) {
        actions.put("DeregisterImage", ImageLifecycleActions::deregister);
        actions.put("EnableImageDeprecation", ImageLifecycleActions::enableDeprecation);
        actions.put("DisableImageDeprecation", call -> {
            SeedImage image = call.ownedImage(call.request().required("ImageId"));
            call.region().putImage(image.withDeprecationTime(null));
            call.xml().leaf("return", true);
        });
        actions.put("EnableImage", call -> {
            SeedImage image = call.ownedImage(call.request().required("ImageId"));
            if ("disabled".equals(image.state())) {
                call.region().putImage(image.withState("available", null));
            }
            call.xml().leaf("return", true);
        });
        actions.put("DisableImage", ImageLifecycleActions::disable);
        actions.put("EnableImageDeregistrationProtection", call -> {
            SeedImage image = call.ownedImage(call.request().required("ImageId"));
            boolean cooldown = call.request().flag("WithCooldown");
            call.region().putImage(image.withDeregistrationProtection(true));
            if (cooldown) {
                call.region().protectionCooldown.add(image.imageId());
            } else {
                call.region().protectionCooldown.remove(image.imageId());
            }
            call.xml().leaf("return", cooldown ? "enabled-with-cooldown" : "enabled-without-cooldown");
        });
        actions.put("DisableImageDeregistrationProtection", call -> {
            SeedImage image = call.ownedImage(call.request().required("ImageId"));
            call.region().putImage(image.withDeregistrationProtection(false));
            call.region().protectionCooldown.remove(image.imageId());
            call.xml().leaf("return", "disabled");
        });
    }

    private static void deregister(Ec2Call call) {
        SeedImage image = call.ownedImage(call.request().required("ImageId"));
        if (image.deregistrationProtection()) {
            throw Ec2Error.operationNotPermitted("Image " + image.imageId() + " has deregistration protection "
                    + "enabled. Disable deregistration protection before deregistering the image.");
        }
        boolean deleteSnapshots = call.request().flag("DeleteAssociatedSnapshots");
        RegionState region = call.region();
        region.removeImage(image.imageId());
        // A disabled AMI goes to the bin too: retention rules apply to disabled AMIs (Recycle Bin user guide).
        region.recycleBin.keepImage(image, call.now());
        XmlWriter xml = call.xml().leaf("return", true);
        if (!deleteSnapshots) {
            return;
        }
        Set<String> snapshotIds = new LinkedHashSet<>();
        image.blockDeviceMappings().stream().map(SeedBlockDevice::snapshotId)
                .filter(id -> id != null).forEach(snapshotIds::add);
        xml.start("deleteSnapshotResultSet");
        for (String snapshotId : snapshotIds) {
            SeedSnapshot snapshot = region.snapshots.get(snapshotId);
            String code;
            if (!region.imagesUsing(snapshotId).isEmpty()) {
                // EC2 keeps a snapshot that another AMI still uses and says so with "skipped".
                code = "skipped";
            } else if (snapshot == null) {
                code = "client-error";
            } else if (!call.account().equals(snapshot.ownerId())) {
                code = "missing-permissions";
            } else {
                region.snapshots.remove(snapshotId);
                region.recycleBin.keepSnapshot(snapshot, call.now());
                code = "success";
            }
            xml.start("item").leaf("snapshotId", snapshotId).leaf("returnCode", code).end();
        }
        xml.end();
    }

    private static void enableDeprecation(Ec2Call call) {
        SeedImage image = call.ownedImage(call.request().required("ImageId"));
        Instant requested = Ec2Time.parse("DeprecateAt", call.request().required("DeprecateAt"));
        // "If you specify a value for seconds, Amazon EC2 rounds the seconds to the nearest minute."
        long seconds = requested.getEpochSecond();
        long remainder = Math.floorMod(seconds, 60L);
        Instant deprecateAt = Instant.ofEpochSecond(seconds - remainder + (remainder >= 30 ? 60 : 0));
        Instant now = call.now();
        if (deprecateAt.isBefore(now.truncatedTo(ChronoUnit.MINUTES))) {
            throw Ec2Error.invalidValue("The deprecation time " + Ec2Time.format(deprecateAt)
                    + " is in the past. You can't specify a date in the past.");
        }
        Instant limit = image.isPublic() && image.creationDate() != null
                ? image.creationDate().plus(Duration.ofDays(2 * 365))
                : now.plus(Duration.ofDays(10 * 365));
        if (deprecateAt.isAfter(limit)) {
            throw Ec2Error.invalidValue("The deprecation time " + Ec2Time.format(deprecateAt)
                    + " is too far in the future. The upper limit is " + Ec2Time.format(limit) + ".");
        }
        call.region().putImage(image.withDeprecationTime(deprecateAt));
        call.xml().leaf("return", true);
    }

    private static void disable(Ec2Call call) {
        SeedImage image = call.ownedImage(call.request().required("ImageId"));
        if ("pending".equals(image.state())) {
            throw Ec2Error.incorrectState("The image " + image.imageId() + " is pending and can't be disabled.");
        }
        // Disabling removes every launch permission and makes the AMI private.
        call.region().putImage(image.withSharing(false, List.of()).withState("disabled", null));
        call.xml().leaf("return", true);
    }
}
