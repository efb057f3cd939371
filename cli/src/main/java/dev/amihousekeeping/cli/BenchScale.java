package dev.amihousekeeping.cli;

import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedGenerator;
import java.util.List;

/**
 * How big the bench's account is: AMIs and snapshots in all, spread evenly over the regions. The seed generator
 * counts per region, so each region gets the total divided by the number of regions, rounded up (the totals
 * printed are the seed's own).
 */
record BenchScale(int images, int snapshots, List<String> regions, long seed) {

    BenchScale {
        regions = List.copyOf(regions);
        if (regions.isEmpty()) {
            throw new BadInputException("--regions: at least one region");
        }
        if (images < 0 || snapshots < 0) {
            throw new BadInputException("--images and --snapshots must be >= 0");
        }
    }

    int imagesPerRegion() {
        return perRegion(images);
    }

    int snapshotsPerRegion() {
        return perRegion(snapshots);
    }

    /** The generator spec, e.g. {@code images=3334,snapshots=10000,regions=us-east-1;eu-west-1,seed=1}. */
    String generatorSpec() {
        return "images=" + imagesPerRegion() + ",snapshots=" + snapshotsPerRegion() + ",regions="
                + String.join(";", regions) + ",seed=" + seed;
    }

    Seed generate() {
        try {
            return SeedGenerator.generate(generatorSpec());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("bench: " + e.getMessage(), e);
        }
    }

    private int perRegion(int total) {
        return (total + regions.size() - 1) / regions.size();
    }
}
