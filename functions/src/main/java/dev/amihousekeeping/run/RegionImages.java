package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.ec2.Ec2Exception;
import dev.amihousekeeping.ec2.Ec2Gateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account's images per target, each target listed at most once per run: a region that is both a source and a
 * destination (two regions backing up each other) is listed once. A source that cannot be listed is that target's
 * error; a destination that cannot be listed is an error of the run, recorded once, and the other regions go on
 * (DESIGN §5). Sources are listed in parallel, destinations afterwards, one after another.
 */
final class RegionImages {

    private final Map<Target, Optional<List<Image>>> listed = new ConcurrentHashMap<>();
    private final List<RegionError> errors = new ArrayList<>();

    /** Every image the account owns in the source {@code target}, in any state; a failed listing throws. */
    List<Image> source(Target target, Ec2Gateway gateway) {
        try {
            List<Image> images = gateway.readImages(target.region());
            listed.put(target, Optional.of(images));
            return images;
        } catch (RuntimeException e) {
            // Already the source's error: as a destination it is then absent, and not reported twice.
            listed.put(target, Optional.empty());
            throw e;
        }
    }

    /**
     * The images of each destination of a source in {@code source}, the source's own region left out, in the
     * source's account. A destination that could not be read is absent: the copy policy then plans nothing there.
     */
    Map<String, List<Image>> destinations(Ec2Gateway gateway, List<String> destinationRegions, Target source) {
        Map<String, List<Image>> destinations = new LinkedHashMap<>();
        for (String region : destinationRegions) {
            if (!region.equals(source.region())) {
                destination(gateway, source.inRegion(region))
                        .ifPresent(images -> destinations.put(region, images));
            }
        }
        return destinations;
    }

    /**
     * The images the account owns in {@code target}, listed once per run whatever asks (a destination, a region's
     * latest parameters); empty when they could not be listed, which is then an error of the run.
     */
    Optional<List<Image>> listed(Ec2Gateway gateway, Target target) {
        return destination(gateway, target);
    }

    private Optional<List<Image>> destination(Ec2Gateway gateway, Target target) {
        Optional<List<Image>> known = listed.get(target);
        if (known != null) {
            return known;
        }
        Optional<List<Image>> images;
        try {
            images = Optional.of(gateway.readImages(target.region()));
        } catch (Ec2Exception e) {
            errors.add(new RegionError(target.region(), e.errorCode(), e.errorMessage()));
            images = Optional.empty();
        }
        listed.put(target, images);
        return images;
    }

    /** The destinations that could not be listed, in the order they were asked for. */
    List<RegionError> errors() {
        return List.copyOf(errors);
    }
}
