package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.ec2.Ec2Exception;
import dev.amihousekeeping.ec2.Ec2Gateway;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The account's images per region, each region read at most once per run: a region that is both a source and a
 * destination (two regions backing up each other) is listed once. A region that cannot be read is an error of the
 * run, recorded once, and the other regions go on (DESIGN §5).
 */
final class RegionImages {

    private final Ec2Gateway gateway;
    private final Map<String, Optional<List<Image>>> read = new HashMap<>();
    private final List<RegionError> errors = new ArrayList<>();

    RegionImages(Ec2Gateway gateway) {
        this.gateway = gateway;
    }

    /** One region's listing, or why it failed. */
    private record Listing(Optional<List<Image>> images, RegionError error) {
    }

    /** Every image the account owns in {@code region}, in any state; empty when the region could not be read. */
    Optional<List<Image>> of(String region) {
        if (!read.containsKey(region)) {
            keep(region, list(region));
        }
        return read.get(region);
    }

    /** Lists the regions not read yet at the same time (each region has its own rate budget), in their order. */
    void readAll(List<String> regions) {
        List<String> missing = regions.stream().distinct().filter(r -> !read.containsKey(r)).toList();
        List<Listing> listings = PerTarget.map(missing.stream().map(Target::own).toList(),
                target -> list(target.region()),
                (target, e) -> new Listing(Optional.empty(), PerTarget.error(target, e)));
        for (int i = 0; i < missing.size(); i++) {
            keep(missing.get(i), listings.get(i));
        }
    }

    private Listing list(String region) {
        try {
            return new Listing(Optional.of(gateway.readImages(region)), null);
        } catch (Ec2Exception e) {
            return new Listing(Optional.empty(), new RegionError(region, e.errorCode(), e.errorMessage()));
        }
    }

    private void keep(String region, Listing listing) {
        read.put(region, listing.images());
        if (listing.error() != null) {
            errors.add(listing.error());
        }
    }

    /**
     * The images of each destination of a source in {@code sourceRegion}, the source's own region left out. A
     * destination that could not be read is absent: the copy policy then plans nothing there.
     */
    Map<String, List<Image>> destinations(List<String> destinationRegions, String sourceRegion) {
        Map<String, List<Image>> destinations = new LinkedHashMap<>();
        for (String region : destinationRegions) {
            if (!region.equals(sourceRegion)) {
                of(region).ifPresent(images -> destinations.put(region, images));
            }
        }
        return destinations;
    }

    void error(RegionError error) {
        errors.add(error);
    }

    List<RegionError> errors() {
        return List.copyOf(errors);
    }
}
