package dev.amihousekeeping.config;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * The AWS region names a policy may use, with their partition. Taken from the SDK's bundled endpoint metadata
 * rather than a list in code: that metadata lists every public region (commercial, GovCloud, China, ISO,
 * European Sovereign Cloud) and is refreshed with each SDK release, so a new region arrives with the SDK
 * upgrade that can also reach it. The {@code aws-global}-style pseudo regions are left out: EC2 has no AMIs there.
 */
public final class AwsRegions {

    private static final Map<String, String> PARTITION_BY_REGION = Region.regions().stream()
            .filter(region -> !region.isGlobalRegion())
            .filter(region -> region.metadata() != null)
            .collect(Collectors.toUnmodifiableMap(Region::id, AwsRegions::partitionId));

    private AwsRegions() {
    }

    /** Whether {@code name} is a real AWS region, such as {@code eu-west-1}. Case-sensitive, as AWS is. */
    public static boolean isKnown(String name) {
        return PARTITION_BY_REGION.containsKey(name);
    }

    /** The partition ({@code aws}, {@code aws-cn}, {@code aws-us-gov}, ...) of a known region. */
    public static Optional<String> partitionOf(String name) {
        return Optional.ofNullable(PARTITION_BY_REGION.get(name));
    }

    private static String partitionId(Region region) {
        RegionMetadata metadata = region.metadata();
        return metadata.partition().id();
    }
}
