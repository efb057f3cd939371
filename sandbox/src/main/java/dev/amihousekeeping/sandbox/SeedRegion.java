package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Everything the sandbox holds for one region. The block public access states default to {@code unblocked}
 * (image: {@code unblocked} | {@code block-new-sharing}; snapshot: also {@code block-all-sharing}). The Recycle
 * Bin's rules and contents are left out of the JSON when there are none, so a region without them reads as before.
 */
public record SeedRegion(
        List<SeedImage> images,
        List<SeedSnapshot> snapshots,
        List<SeedInstance> instances,
        List<SeedLaunchTemplate> launchTemplates,
        List<SeedSsmParameter> ssmParameters,
        List<SeedLaunchConfiguration> launchConfigurations,
        String imageBlockPublicAccess,
        String snapshotBlockPublicAccess,
        List<SeedVolume> volumes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SeedRecycleBinRule> recycleBinRules,
        @JsonInclude(JsonInclude.Include.NON_NULL) SeedRecycleBin recycleBin) {

    public SeedRegion {
        images = images == null ? List.of() : List.copyOf(images);
        snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
        instances = instances == null ? List.of() : List.copyOf(instances);
        launchTemplates = launchTemplates == null ? List.of() : List.copyOf(launchTemplates);
        ssmParameters = ssmParameters == null ? List.of() : List.copyOf(ssmParameters);
        launchConfigurations = launchConfigurations == null ? List.of() : List.copyOf(launchConfigurations);
        imageBlockPublicAccess = imageBlockPublicAccess == null ? "unblocked" : imageBlockPublicAccess;
        snapshotBlockPublicAccess = snapshotBlockPublicAccess == null ? "unblocked" : snapshotBlockPublicAccess;
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        recycleBinRules = recycleBinRules == null ? List.of() : List.copyOf(recycleBinRules);
    }

    /** A region without Recycle Bin rules or contents. */
    public SeedRegion(List<SeedImage> images, List<SeedSnapshot> snapshots, List<SeedInstance> instances,
                      List<SeedLaunchTemplate> launchTemplates, List<SeedSsmParameter> ssmParameters,
                      List<SeedLaunchConfiguration> launchConfigurations, String imageBlockPublicAccess,
                      String snapshotBlockPublicAccess, List<SeedVolume> volumes) {
        this(images, snapshots, instances, launchTemplates, ssmParameters, launchConfigurations,
                imageBlockPublicAccess, snapshotBlockPublicAccess, volumes, null, null);
    }

    /** A region without volumes. */
    public SeedRegion(List<SeedImage> images, List<SeedSnapshot> snapshots, List<SeedInstance> instances,
                      List<SeedLaunchTemplate> launchTemplates, List<SeedSsmParameter> ssmParameters,
                      List<SeedLaunchConfiguration> launchConfigurations, String imageBlockPublicAccess,
                      String snapshotBlockPublicAccess) {
        this(images, snapshots, instances, launchTemplates, ssmParameters, launchConfigurations,
                imageBlockPublicAccess, snapshotBlockPublicAccess, null);
    }

    /** The same region with these volumes. */
    public SeedRegion withVolumes(List<SeedVolume> newVolumes) {
        return new SeedRegion(images, snapshots, instances, launchTemplates, ssmParameters, launchConfigurations,
                imageBlockPublicAccess, snapshotBlockPublicAccess, newVolumes, recycleBinRules, recycleBin);
    }

    /** The same region with these Recycle Bin rules. */
    public SeedRegion withRecycleBinRules(List<SeedRecycleBinRule> rules) {
        return new SeedRegion(images, snapshots, instances, launchTemplates, ssmParameters, launchConfigurations,
                imageBlockPublicAccess, snapshotBlockPublicAccess, volumes, rules, recycleBin);
    }

    public static SeedRegion of(List<SeedImage> images, List<SeedSnapshot> snapshots) {
        return new SeedRegion(images, snapshots, null, null, null, null, null, null, null, null, null);
    }

    public static SeedRegion empty() {
        return of(null, null);
    }
}
