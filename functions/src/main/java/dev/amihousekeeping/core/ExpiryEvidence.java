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
        boolean deprecationSupported,
        boolean consumersChecked,
        Map<String, String> consumerHolds) {

    public ExpiryEvidence {
        Objects.requireNonNull(inUse, "inUse");
        Map<String, List<LaunchPermission>> copy = new HashMap<>();
        launchPermissions.forEach((id, grants) -> copy.put(id, List.copyOf(grants)));
        launchPermissions = Map.copyOf(copy);
        consumerHolds = consumerHolds == null ? Map.of() : Map.copyOf(consumerHolds);
    }

    /** Evidence of a run that does not look at a shared AMI's consumers. */
    public ExpiryEvidence(InUseIndex inUse, Map<String, List<LaunchPermission>> launchPermissions,
                          boolean deprecationSupported) {
        this(inUse, launchPermissions, deprecationSupported, false, null);
    }

    /**
     * This evidence with the consumers of shared AMIs looked at (DESIGN §5, invariant 14): {@code holds} says why
     * an image must stay ({@code in-use: 444455556666 i-0abc}, {@code consumer-unreadable: 444455556666}); an
     * image with grants read and no hold had every consumer read and none used it.
     */
    public ExpiryEvidence withConsumers(Map<String, String> holds) {
        return new ExpiryEvidence(inUse, launchPermissions, deprecationSupported, true, holds);
    }

    /** Why a consumer account keeps {@code imageId}, if one does. */
    public Optional<String> consumerHold(String imageId) {
        return Optional.ofNullable(consumerHolds.get(imageId));
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
