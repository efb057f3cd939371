package dev.amihousekeeping.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The images of each destination region, indexed once so that planning the copies of 10,000s of source images
 * stays linear: which of them are copies of a given source, and which name is taken. A region absent from the
 * map was not read, and then nothing is known about it.
 */
final class DestinationCopies {

    /** region -> source image id -> images there that say they come from it (by attribute or by our tag). */
    private final Map<String, Map<String, List<Image>>> bySource = new HashMap<>();
    /** region -> image name -> an image there with that name. */
    private final Map<String, Map<String, Image>> byName = new HashMap<>();

    DestinationCopies(Map<String, List<Image>> destinationImages) {
        destinationImages.forEach((region, images) -> {
            Map<String, List<Image>> sources = bySource.computeIfAbsent(region, r -> new HashMap<>());
            Map<String, Image> names = byName.computeIfAbsent(region, r -> new HashMap<>());
            for (Image image : images) {
                if (image.sourceImageId() != null) {
                    sources.computeIfAbsent(image.sourceImageId(), id -> new ArrayList<>()).add(image);
                }
                image.tag(CrossRegionCopyPolicy.SOURCE_AMI_TAG)
                        .filter(id -> !id.equals(image.sourceImageId()))
                        .ifPresent(id -> sources.computeIfAbsent(id, k -> new ArrayList<>()).add(image));
                // A deregistered image no longer holds its name (EC2 frees it), so it cannot block a copy.
                if (image.name() != null && image.state() != ImageState.DEREGISTERED) {
                    names.putIfAbsent(image.name(), image);
                }
            }
        });
    }

    boolean wasRead(String region) {
        return bySource.containsKey(region);
    }

    /**
     * An image in {@code region} that is a copy of {@code source}, in any state but {@code failed} (a copy in
     * progress is a copy; a failed one never becomes one): its {@code SourceImageId} is the source's and its
     * {@code SourceRegion} the source's region, or it carries our {@code SourceAmi} tag naming the source and a
     * {@code SourceRegion} tag that is the source's region. A missing region (attribute or tag) still matches: AMI
     * ids are random, and some EC2-compatible endpoints fill no {@code SourceRegion}.
     */
    Optional<Image> copyOf(Image source, String region) {
        return copiesOf(source, region).stream().filter(c -> c.state() != ImageState.FAILED).findFirst();
    }

    /** The copies of {@code source} in {@code region}, found as {@link #copyOf} finds them, that ended {@code failed}. */
    List<Image> failedCopiesOf(Image source, String region) {
        return copiesOf(source, region).stream().filter(c -> c.state() == ImageState.FAILED).toList();
    }

    /**
     * Whether {@code copy} was made by this tool from {@code source}: it carries our {@code SourceAmi} tag naming
     * the source and a {@code SourceRegion} tag that is the source's region, or none. A copy a person made (EC2's
     * attribute only) is theirs.
     */
    static boolean madeBy(Image copy, Image source) {
        return copy.tag(CrossRegionCopyPolicy.SOURCE_AMI_TAG).filter(source.imageId()::equals).isPresent()
                && sameOrAbsent(copy.tags().get(CrossRegionCopyPolicy.SOURCE_REGION_TAG), source.region());
    }

    private List<Image> copiesOf(Image source, String region) {
        List<Image> candidates = bySource.getOrDefault(region, Map.of()).getOrDefault(source.imageId(), List.of());
        List<Image> copies = new ArrayList<>();
        for (Image candidate : candidates) {
            boolean byAttribute = source.imageId().equals(candidate.sourceImageId())
                    && sameOrAbsent(candidate.sourceRegion(), source.region());
            if (byAttribute || madeBy(candidate, source)) {
                copies.add(candidate);
            }
        }
        return copies;
    }

    /** The images in {@code region} that this tool made from {@code source} ({@link #madeBy}), in any state. */
    List<Image> madeFrom(Image source, String region) {
        return bySource.getOrDefault(region, Map.of()).getOrDefault(source.imageId(), List.of()).stream()
                .filter(candidate -> madeBy(candidate, source))
                .toList();
    }

    /** The image in {@code region} that holds {@code name}: AMI names are unique per account and region. */
    Optional<Image> named(String region, String name) {
        return Optional.ofNullable(byName.getOrDefault(region, Map.of()).get(name));
    }

    private static boolean sameOrAbsent(String value, String expected) {
        return value == null || value.equals(expected);
    }
}
