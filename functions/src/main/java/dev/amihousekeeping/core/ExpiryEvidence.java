package dev.amihousekeeping.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the gateway read, for the expiry candidates of one region only, beyond the inventory: which images are
 * in use, each candidate's launch permissions ({@code DescribeImageAttribute launchPermission}; an image
 * missing from the map was not read and counts as possibly shared), and whether the endpoint offers
 * {@code EnableImageDeprecation}.
 */
public record ExpiryEvidence(
        InUseIndex inUse,
        Map<String, List<LaunchPermission>> launchPermissions,
        boolean deprecationSupported) {

    public ExpiryEvidence {
        Objects.requireNonNull(inUse, "inUse");
        Map<String, List<LaunchPermission>> copy = new HashMap<>();
        launchPermissions.forEach((id, grants) -> copy.put(id, List.copyOf(grants)));
        launchPermissions = Map.copyOf(copy);
    }

    /** Evidence about nothing: enough for a region without candidates; any candidate is kept {@code in-use-unknown}. */
    public static ExpiryEvidence none() {
        return new ExpiryEvidence(InUseIndex.checking(Set.of()).build(), Map.of(), true);
    }

    /** The launch permissions read for {@code imageId}, or empty when they were not read. */
    public Optional<List<LaunchPermission>> grantsOf(String imageId) {
        return Optional.ofNullable(launchPermissions.get(imageId));
    }
}
