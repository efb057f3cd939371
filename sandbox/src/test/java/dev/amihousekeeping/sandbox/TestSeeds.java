package dev.amihousekeeping.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Small seeds built in code, so each test shows the state it starts from. */
final class TestSeeds {

    static final String ACCOUNT = "111122223333";
    static final String PARTNER = "444455556666";
    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    private TestSeeds() {
    }

    static String imageId(int n) {
        return String.format("ami-%017x", n);
    }

    static String snapshotId(int n) {
        return String.format("snap-%017x", n);
    }

    /** Image n owned by the account, available, backed by snapshot n. */
    static SeedImage image(int n, String name) {
        return SeedImage.of(imageId(n), name, NOW.minusSeconds(86_400L * n),
                List.of(SeedBlockDevice.of("/dev/xvda", snapshotId(n), 8)));
    }

    static SeedSnapshot snapshot(int n) {
        return SeedSnapshot.of(snapshotId(n), String.format("vol-%017x", n), 8, NOW.minusSeconds(86_400L * n),
                "Created by CreateImage(i-0123456789abcdef0) for " + imageId(n));
    }

    static SeedImage withTags(SeedImage image, Map<String, String> tags) {
        return image.withTags(tags);
    }

    /** One region holding the given images, each with its snapshot. */
    static Seed seed(String region, List<SeedImage> images) {
        return seed(region, images, SeedRegion::of);
    }

    /** One region made by {@code regionOf} from the given images and their snapshots, and what else it adds. */
    static Seed seed(String region, List<SeedImage> images,
                     BiFunction<List<SeedImage>, List<SeedSnapshot>, SeedRegion> regionOf) {
        List<SeedSnapshot> snapshots = new ArrayList<>();
        for (SeedImage image : images) {
            for (SeedBlockDevice device : image.blockDeviceMappings()) {
                if (snapshots.stream().noneMatch(s -> s.snapshotId().equals(device.snapshotId()))) {
                    int n = Integer.parseInt(device.snapshotId().substring(5), 16);
                    snapshots.add(snapshot(n));
                }
            }
        }
        return new Seed(ACCOUNT, NOW, Map.of(region, regionOf.apply(images, snapshots)));
    }

    /** {@code count} images named {@code app-NNNNN}, for paging. */
    static Seed many(String region, int count) {
        List<SeedImage> images = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            images.add(image(i, String.format("app-%05d", i)));
        }
        return seed(region, images);
    }
}
