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

    /** Every image the account owns in {@code region}, in any state; empty when the region could not be read. */
    Optional<List<Image>> of(String region) {
        return read.computeIfAbsent(region, r -> {
            try {
                return Optional.of(gateway.readImages(r));
            } catch (Ec2Exception e) {
                errors.add(new RegionError(r, e.errorCode(), e.errorMessage()));
                return Optional.empty();
            }
        });
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
