package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An AMI in a seed (DESIGN §8). Absent fields take EC2's defaults: {@code available}, private, no tags, not
 * deprecated, no deregistration protection. A null {@code ownerId} means the seed's account.
 */
public record SeedImage(
        String imageId,
        String name,
        String state,
        Instant creationDate,
        String ownerId,
        @JsonProperty("public") Boolean isPublic,
        List<SeedLaunchPermission> launchPermissions,
        Map<String, String> tags,
        Instant deprecationTime,
        Instant lastLaunchedTime,
        Boolean deregistrationProtection,
        String sourceImageId,
        String sourceRegion,
        List<SeedBlockDevice> blockDeviceMappings,
        String description,
        String architecture,
        String rootDeviceName,
        SeedStateReason stateReason) {

    public SeedImage {
        state = state == null ? "available" : state;
        List<SeedLaunchPermission> grants = launchPermissions == null ? List.of() : launchPermissions;
        // EC2 reports "public" as a group=all grant; the seed keeps it as one flag so it cannot disagree.
        isPublic = (isPublic != null && isPublic) || grants.stream().anyMatch(SeedLaunchPermission::isPublicGroup);
        launchPermissions = grants.stream().filter(p -> !p.isPublicGroup()).toList();
        tags = sortedCopy(tags);
        deregistrationProtection = deregistrationProtection != null && deregistrationProtection;
        blockDeviceMappings = blockDeviceMappings == null ? List.of() : List.copyOf(blockDeviceMappings);
        architecture = architecture == null ? "x86_64" : architecture;
        rootDeviceName = rootDeviceName == null
                ? (blockDeviceMappings.isEmpty() ? "/dev/xvda" : blockDeviceMappings.get(0).deviceName())
                : rootDeviceName;
    }

    /** A minimal available, private image owned by the seed's account. */
    public static SeedImage of(String imageId, String name, Instant creationDate, List<SeedBlockDevice> devices) {
        return new SeedImage(imageId, name, null, creationDate, null, null, null, null, null, null, null, null, null,
                devices, null, null, null, null);
    }

    static Map<String, String> sortedCopy(Map<String, String> tags) {
        return tags == null || tags.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    SeedImage withState(String newState, SeedStateReason reason) {
        return change(c -> {
            c.state = newState;
            c.stateReason = reason;
        });
    }

    SeedImage withSharing(boolean newPublic, List<SeedLaunchPermission> newPermissions) {
        return change(c -> {
            c.isPublic = newPublic;
            c.launchPermissions = newPermissions;
        });
    }

    SeedImage withTags(Map<String, String> newTags) {
        return change(c -> c.tags = newTags);
    }

    SeedImage withDeprecationTime(Instant newDeprecationTime) {
        return change(c -> c.deprecationTime = newDeprecationTime);
    }

    SeedImage withDeregistrationProtection(boolean protect) {
        return change(c -> c.deregistrationProtection = protect);
    }

    SeedImage withDescription(String newDescription) {
        return change(c -> c.description = newDescription);
    }

    SeedImage withOwner(String newOwnerId) {
        return change(c -> c.ownerId = newOwnerId);
    }

    SeedImage withImageId(String newImageId) {
        return change(c -> c.imageId = newImageId);
    }

    /** This image with the fields {@code edit} sets on a copy of its components, every other field as it is. */
    private SeedImage change(Consumer<Components> edit) {
        Components c = new Components(this);
        edit.accept(c);
        return new SeedImage(c.imageId, c.name, c.state, c.creationDate, c.ownerId, c.isPublic, c.launchPermissions,
                c.tags, c.deprecationTime, c.lastLaunchedTime, c.deregistrationProtection, c.sourceImageId,
                c.sourceRegion, c.blockDeviceMappings, c.description, c.architecture, c.rootDeviceName,
                c.stateReason);
    }

    /** The components of an image, to be changed before a new one is made of them. */
    private static final class Components {
        String imageId;
        String name;
        String state;
        Instant creationDate;
        String ownerId;
        Boolean isPublic;
        List<SeedLaunchPermission> launchPermissions;
        Map<String, String> tags;
        Instant deprecationTime;
        Instant lastLaunchedTime;
        Boolean deregistrationProtection;
        String sourceImageId;
        String sourceRegion;
        List<SeedBlockDevice> blockDeviceMappings;
        String description;
        String architecture;
        String rootDeviceName;
        SeedStateReason stateReason;

        Components(SeedImage image) {
            imageId = image.imageId;
            name = image.name;
            state = image.state;
            creationDate = image.creationDate;
            ownerId = image.ownerId;
            isPublic = image.isPublic;
            launchPermissions = image.launchPermissions;
            tags = image.tags;
            deprecationTime = image.deprecationTime;
            lastLaunchedTime = image.lastLaunchedTime;
            deregistrationProtection = image.deregistrationProtection;
            sourceImageId = image.sourceImageId;
            sourceRegion = image.sourceRegion;
            blockDeviceMappings = image.blockDeviceMappings;
            description = image.description;
            architecture = image.architecture;
            rootDeviceName = image.rootDeviceName;
            stateReason = image.stateReason;
        }
    }
}
