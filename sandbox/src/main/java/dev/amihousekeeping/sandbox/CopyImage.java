package dev.amihousekeeping.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code CopyImage}, run in the destination region. A repeated {@code ClientToken} returns the first copy's id
 * (EC2 idempotency). A KMS key id containing {@code invalid} makes the copy fail after the copy delay, as a bad
 * key does in EC2: "the action can appear to complete, but eventually fails".
 */
final class CopyImage implements Ec2Action {

    static final String DEFAULT_EBS_KEY = "alias/aws/ebs";

    @Override
    public void run(Ec2Call call) {
        QueryRequest request = call.request();
        String sourceRegion = request.required("SourceRegion");
        String sourceImageId = request.required("SourceImageId");
        String name = request.required("Name");
        boolean encryptedRequested = request.flag("Encrypted");
        String kmsKeyId = request.string("KmsKeyId");
        boolean copyTags = request.flag("CopyImageTags");
        Map<String, Map<String, String>> specTags = TagRules.specifications(request, Set.of("image", "snapshot"));
        RegionState destination = call.region();
        String token = request.string("ClientToken");
        String fingerprint = String.join("|", sourceRegion, sourceImageId, name, String.valueOf(encryptedRequested),
                String.valueOf(kmsKeyId), String.valueOf(request.string("Description")), String.valueOf(copyTags),
                String.valueOf(new TreeMap<>(specTags)));
        if (token != null && destination.copyTokens.containsKey(token)) {
            RegionState.CopyToken known = destination.copyTokens.get(token);
            if (!known.fingerprint().equals(fingerprint)) {
                throw new Ec2Error("IdempotentParameterMismatch", "The client token " + token
                        + " was already used for a CopyImage request with different parameters.");
            }
            call.xml().leaf("imageId", known.imageId());
            return;
        }
        if (kmsKeyId != null && !encryptedRequested) {
            throw new Ec2Error("InvalidParameterDependency",
                    "The parameter KmsKeyId requires the parameter Encrypted to be set.");
        }
        SeedImage source = source(call, sourceRegion, sourceImageId);
        ImageCreationActions.requireUniqueName(call, name);

        IdGenerator ids = IdGenerator.random();
        String imageId = ids.next("ami");
        Instant now = call.now();
        boolean fails = kmsKeyId != null && kmsKeyId.contains("invalid");
        boolean immediate = call.state().copyDelay().isZero();
        String finalState = fails ? "failed" : "available";
        SeedStateReason reason = fails
                ? new SeedStateReason("Server.InternalError", "Copy image failed with an internal error") : null;
        String imageState = immediate ? finalState : "pending";
        String snapshotState = immediate ? (fails ? "error" : "completed") : "pending";

        List<SeedBlockDevice> devices = new ArrayList<>();
        for (SeedBlockDevice device : source.blockDeviceMappings()) {
            if (device.snapshotId() == null) {
                devices.add(device);
                continue;
            }
            boolean encrypted = encryptedRequested || device.encrypted();
            String key = kmsKeyId != null ? kmsKeyId : encrypted ? DEFAULT_EBS_KEY : null;
            String snapshotId = ids.next("snap");
            // Copied snapshots have no source volume in the destination; EC2 reports vol-ffffffff.
            destination.snapshots.put(snapshotId, new SeedSnapshot(snapshotId, "vol-ffffffff", device.volumeSize(),
                    now, ImageCreationActions.copiedDescription(imageId, sourceImageId, device.snapshotId(), now),
                    call.account(), specTags.get("snapshot"), null, snapshotState, encrypted, key, null, null));
            devices.add(new SeedBlockDevice(device.deviceName(), snapshotId, device.volumeSize(), device.volumeType(),
                    encrypted, key));
        }
        Map<String, String> tags = new TreeMap<>();
        if (copyTags) {
            tags.putAll(ImageCreationActions.userTags(source.tags()));
        }
        tags.putAll(specTags.getOrDefault("image", Map.of()));
        SeedImage image = new SeedImage(imageId, name, imageState, now, call.account(), false, null, tags, null, null,
                false, sourceImageId, sourceRegion, devices, request.string("Description"), source.architecture(),
                source.rootDeviceName(), immediate ? reason : null);
        destination.putImage(image);
        ImageCreationActions.scheduleAvailable(call, image, finalState, reason);
        if (token != null) {
            destination.copyTokens.put(token, new RegionState.CopyToken(fingerprint, imageId));
        }
        call.xml().leaf("imageId", imageId);
    }

    private static SeedImage source(Ec2Call call, String sourceRegion, String sourceImageId) {
        if (!IdGenerator.isImageId(sourceImageId)) {
            throw Ec2Error.imageMalformed(sourceImageId);
        }
        RegionState region = call.state().existingRegion(sourceRegion);
        SeedImage source = region == null ? null : region.images.get(sourceImageId);
        if (source == null || !call.visible(source)) {
            throw Ec2Error.imagesNotFound(List.of(sourceImageId));
        }
        if (!"available".equals(source.state())) {
            throw Ec2Error.incorrectState("Image " + sourceImageId + " is not in a valid state for this "
                    + "operation (state: " + source.state() + ").");
        }
        return source;
    }
}
