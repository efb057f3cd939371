package dev.amihousekeeping.config;

import java.util.List;
import java.util.Map;

/**
 * {@code crossRegionCopy} section of the policy file (DESIGN §4). Off unless a person turns it on. A
 * {@code selector} in the file replaces the default one ({@code CopyToDR=true}) as a whole, so
 * {@code "selector": {}} copies every AMI. A source region may also be a destination (two regions backing up
 * each other); the copy function must skip a destination equal to the AMI's own region.
 */
public record CrossRegionCopyConfig(
        Boolean enabled,
        List<String> destinationRegions,
        Selector selector,
        Map<String, String> kmsKeyIds,
        Boolean copyTags,
        Boolean retainCopies) {

    public CrossRegionCopyConfig {
        enabled = enabled != null && enabled;
        destinationRegions = destinationRegions == null ? List.of() : List.copyOf(destinationRegions);
        selector = selector == null ? new Selector(Map.of("CopyToDR", "true"), null) : selector;
        kmsKeyIds = kmsKeyIds == null ? Map.of() : Map.copyOf(kmsKeyIds);
        copyTags = copyTags == null || copyTags;
        retainCopies = retainCopies == null || retainCopies;
    }

    public static CrossRegionCopyConfig defaults() {
        return new CrossRegionCopyConfig(null, null, null, null, null, null);
    }
}
