package dev.amihousekeeping.sandbox;

import java.util.List;

/**
 * Everything the sandbox holds for one region. The block public access states default to {@code unblocked}
 * (image: {@code unblocked} | {@code block-new-sharing}; snapshot: also {@code block-all-sharing}).
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
        List<SeedVolume> volumes) {

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
                imageBlockPublicAccess, snapshotBlockPublicAccess, newVolumes);
    }

    public static SeedRegion of(List<SeedImage> images, List<SeedSnapshot> snapshots) {
        return new SeedRegion(images, snapshots, null, null, null, null, null, null, null);
    }

    public static SeedRegion empty() {
        return of(null, null);
    }
}
