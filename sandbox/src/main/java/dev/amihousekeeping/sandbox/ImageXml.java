package dev.amihousekeeping.sandbox;

import java.util.List;
import java.util.Map;

/** Writes images, tags and block device mappings in EC2's response shapes. */
final class ImageXml {

    private ImageXml() {
    }

    static void image(XmlWriter xml, SeedImage image, RegionState region) {
        xml.start("item")
                .leaf("imageId", image.imageId())
                .leaf("imageLocation", image.ownerId() + "/" + image.name())
                .leaf("imageState", image.state())
                .leaf("imageOwnerId", image.ownerId())
                .leaf("creationDate", image.creationDate() == null ? region.defaultTime : image.creationDate())
                .leaf("isPublic", image.isPublic())
                .leaf("architecture", image.architecture())
                .leaf("imageType", "machine")
                .leaf("name", image.name())
                .leaf("description", image.description())
                .leaf("rootDeviceType", "ebs")
                .leaf("rootDeviceName", image.rootDeviceName());
        blockDevices(xml, image.blockDeviceMappings());
        xml.leaf("virtualizationType", "hvm");
        tags(xml, image.tags());
        xml.leaf("hypervisor", "xen")
                .leaf("enaSupport", true)
                .leaf("platformDetails", "Linux/UNIX")
                .leaf("usageOperation", "RunInstances")
                .leaf("deprecationTime", image.deprecationTime())
                .leaf("lastLaunchedTime", image.lastLaunchedTime())
                .leaf("deregistrationProtection", deregistrationProtection(image, region))
                .leaf("sourceImageId", image.sourceImageId())
                .leaf("sourceImageRegion", image.sourceRegion());
        if (image.stateReason() != null) {
            xml.start("stateReason").leaf("code", image.stateReason().code())
                    .leaf("message", image.stateReason().message()).end();
        }
        xml.end();
    }

    static String deregistrationProtection(SeedImage image, RegionState region) {
        if (!image.deregistrationProtection()) {
            return "disabled";
        }
        return region.protectionCooldown.contains(image.imageId())
                ? "enabled-with-cooldown" : "enabled-without-cooldown";
    }

    static void blockDevices(XmlWriter xml, List<SeedBlockDevice> devices) {
        xml.start("blockDeviceMapping");
        for (SeedBlockDevice device : devices) {
            xml.start("item").leaf("deviceName", device.deviceName());
            if (device.snapshotId() == null) {
                xml.leaf("virtualName", "ephemeral0");
            } else {
                xml.start("ebs")
                        .leaf("snapshotId", device.snapshotId())
                        .leaf("volumeSize", device.volumeSize())
                        .leaf("deleteOnTermination", true)
                        .leaf("volumeType", device.volumeType())
                        .leaf("encrypted", device.encrypted())
                        .leaf("kmsKeyId", device.kmsKeyId())
                        .end();
            }
            xml.end();
        }
        xml.end();
    }

    static void tags(XmlWriter xml, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        xml.start("tagSet");
        tags.forEach((key, value) -> xml.start("item").leaf("key", key).leaf("value", value).end());
        xml.end();
    }

    static void snapshot(XmlWriter xml, SeedSnapshot snapshot, RegionState region) {
        xml.start("item")
                .leaf("snapshotId", snapshot.snapshotId())
                .leaf("volumeId", snapshot.volumeId())
                .leaf("status", snapshot.state())
                .leaf("startTime", snapshot.startTime() == null ? region.defaultTime : snapshot.startTime())
                .leaf("progress", "completed".equals(snapshot.state()) ? "100%" : "0%")
                .leaf("ownerId", snapshot.ownerId())
                .leaf("volumeSize", snapshot.volumeSize())
                .leaf("description", snapshot.description())
                .leaf("encrypted", snapshot.encrypted())
                .leaf("kmsKeyId", snapshot.kmsKeyId())
                .leaf("storageTier", snapshot.storageTier())
                .leaf("fullSnapshotSizeInBytes", snapshot.fullSnapshotSizeInBytes());
        tags(xml, snapshot.tags());
        xml.end();
    }
}
