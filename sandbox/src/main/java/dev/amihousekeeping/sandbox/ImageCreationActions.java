package dev.amihousekeeping.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@code CreateImage}, {@code RegisterImage}, {@code CopyImage}: how new AMIs and their snapshots appear. */
final class ImageCreationActions {

    private ImageCreationActions() {
    }

    static void register(Map<String, Ec2Action> actions) {
        actions.put("CreateImage", ImageCreationActions::create);
        actions.put("RegisterImage", ImageCreationActions::registerImage);
        actions.put("CopyImage", new CopyImage());
    }

    private static void create(Ec2Call call) {
        QueryRequest request = call.request();
        String instanceId = request.required("InstanceId");
        String name = request.required("Name");
        Map<String, Map<String, String>> tags = TagRules.specifications(request, Set.of("image", "snapshot"));
        RegionState region = call.region();
        SeedInstance instance = region.instances.get(instanceId);
        if (instance == null) {
            throw Ec2Error.instanceNotFound(instanceId);
        }
        requireUniqueName(call, name);
        SeedImage launchedFrom = instance.imageId() == null ? null : region.images.get(instance.imageId());
        List<SeedBlockDevice> sourceDevices = launchedFrom == null || launchedFrom.blockDeviceMappings().isEmpty()
                ? List.of(SeedBlockDevice.of("/dev/xvda", null, 8)) : launchedFrom.blockDeviceMappings();
        IdGenerator ids = IdGenerator.random();
        String imageId = ids.next("ami");
        Instant now = call.now();
        String initial = call.state().copyDelay().isZero() ? "available" : "pending";
        List<SeedBlockDevice> devices = new ArrayList<>();
        for (SeedBlockDevice source : sourceDevices) {
            String snapshotId = ids.next("snap");
            region.snapshots.put(snapshotId, new SeedSnapshot(snapshotId, ids.next("vol"), source.volumeSize(), now,
                    "Created by CreateImage(" + instanceId + ") for " + imageId, call.account(),
                    tags.get("snapshot"), null, initial.equals("available") ? "completed" : "pending",
                    source.encrypted(), source.kmsKeyId(), null, null));
            devices.add(new SeedBlockDevice(source.deviceName(), snapshotId, source.volumeSize(), source.volumeType(),
                    source.encrypted(), source.kmsKeyId()));
        }
        SeedImage image = new SeedImage(imageId, name, initial, now, call.account(), false, null, tags.get("image"),
                null, null, false, null, null, devices, request.string("Description"), null, null, null);
        region.putImage(image);
        scheduleAvailable(call, image, "available", null);
        call.xml().leaf("imageId", imageId);
    }

    private static void registerImage(Ec2Call call) {
        QueryRequest request = call.request();
        String name = request.required("Name");
        Map<String, Map<String, String>> tags = TagRules.specifications(request, Set.of("image"));
        List<SeedBlockDevice> devices = new ArrayList<>();
        for (QueryParams mapping : request.structures("BlockDeviceMapping")) {
            String deviceName = mapping.required("DeviceName");
            QueryParams ebs = mapping.structure("Ebs");
            String snapshotId = ebs.string("SnapshotId");
            if (snapshotId == null) {
                devices.add(new SeedBlockDevice(deviceName, null, null, null, null, null));
                continue;
            }
            SeedSnapshot snapshot = call.snapshot(snapshotId);
            Integer size = ebs.integer("VolumeSize");
            devices.add(new SeedBlockDevice(deviceName, snapshotId, size == null ? snapshot.volumeSize() : size,
                    ebs.string("VolumeType"), snapshot.encrypted(), snapshot.kmsKeyId()));
        }
        if (devices.stream().noneMatch(device -> device.snapshotId() != null)) {
            throw Ec2Error.missingParameter("BlockDeviceMapping (an EBS snapshot for the root device)");
        }
        requireUniqueName(call, name);
        String imageId = IdGenerator.random().next("ami");
        call.region().putImage(new SeedImage(imageId, name, "available", call.now(), call.account(), false, null,
                tags.get("image"), null, null, false, null, null, devices, request.string("Description"),
                request.string("Architecture"), request.string("RootDeviceName"), null));
        call.xml().leaf("imageId", imageId);
    }

    static void requireUniqueName(Ec2Call call, String name) {
        SeedImage existing = call.region().imageNamed(name, call.account());
        if (existing != null) {
            throw new Ec2Error("InvalidAMIName.Duplicate",
                    "AMI name " + name + " is already in use by AMI " + existing.imageId());
        }
    }

    /** Pending images become {@code finalState} after the sandbox's copy delay (zero: already there). */
    static void scheduleAvailable(Ec2Call call, SeedImage image, String finalState, SeedStateReason reason) {
        if ("pending".equals(image.state())) {
            call.region().schedule(image.imageId(), System.nanoTime() + call.state().copyDelay().toNanos(),
                    finalState, reason);
        }
    }

    /** The description EC2 writes on a snapshot made by CopyImage. */
    static String copiedDescription(String imageId, String sourceImageId, String sourceSnapshotId, Instant at) {
        return "Copied for DestinationAmi " + imageId + " from SourceAmi " + sourceImageId + " for SourceSnapshot "
                + sourceSnapshotId + ". Task created on " + String.format(Locale.US, "%,d", at.toEpochMilli()) + ".";
    }

    static Map<String, String> userTags(Map<String, String> tags) {
        Map<String, String> user = new TreeMap<>();
        tags.forEach((key, value) -> {
            if (!key.startsWith("aws:")) {
                user.put(key, value);
            }
        });
        return user;
    }
}
