package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        return new SeedImage(imageId, name, newState, creationDate, ownerId, isPublic, launchPermissions, tags,
                deprecationTime, lastLaunchedTime, deregistrationProtection, sourceImageId, sourceRegion,
                blockDeviceMappings, description, architecture, rootDeviceName, reason);
    }

    SeedImage withSharing(boolean newPublic, List<SeedLaunchPermission> newPermissions) {
        return new SeedImage(imageId, name, state, creationDate, ownerId, newPublic, newPermissions, tags,
                deprecationTime, lastLaunchedTime, deregistrationProtection, sourceImageId, sourceRegion,
                blockDeviceMappings, description, architecture, rootDeviceName, stateReason);
    }

    SeedImage withTags(Map<String, String> newTags) {
        return new SeedImage(imageId, name, state, creationDate, ownerId, isPublic, launchPermissions, newTags,
                deprecationTime, lastLaunchedTime, deregistrationProtection, sourceImageId, sourceRegion,
                blockDeviceMappings, description, architecture, rootDeviceName, stateReason);
    }

    SeedImage withDeprecationTime(Instant newDeprecationTime) {
        return new SeedImage(imageId, name, state, creationDate, ownerId, isPublic, launchPermissions, tags,
                newDeprecationTime, lastLaunchedTime, deregistrationProtection, sourceImageId, sourceRegion,
                blockDeviceMappings, description, architecture, rootDeviceName, stateReason);
    }

    SeedImage withDeregistrationProtection(boolean protect) {
        return new SeedImage(imageId, name, state, creationDate, ownerId, isPublic, launchPermissions, tags,
                deprecationTime, lastLaunchedTime, protect, sourceImageId, sourceRegion,
                blockDeviceMappings, description, architecture, rootDeviceName, stateReason);
    }

    SeedImage withDescription(String newDescription) {
        return new SeedImage(imageId, name, state, creationDate, ownerId, isPublic, launchPermissions, tags,
                deprecationTime, lastLaunchedTime, deregistrationProtection, sourceImageId, sourceRegion,
                blockDeviceMappings, newDescription, architecture, rootDeviceName, stateReason);
    }

    SeedImage withOwner(String newOwnerId) {
        return new SeedImage(imageId, name, state, creationDate, newOwnerId, isPublic, launchPermissions, tags,
                deprecationTime, lastLaunchedTime, deregistrationProtection, sourceImageId, sourceRegion,
                blockDeviceMappings, description, architecture, rootDeviceName, stateReason);
    }
}
