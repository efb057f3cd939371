package dev.amihousekeeping.core;

import dev.amihousekeeping.config.CrossRegionCopyConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Gives the copies a source already has the stamp (tag-on-create) that the source gets late. The catch-up can copy
 * a new AMI before its event's first delivery gets through (throttled, 5xx); the redelivery then stamps the
 * source and makes no second copy, and without this the copy would lack what a copy made after the stamp carries.
 *
 * <p>A copy gets each tag of the stamp that a copy made now from the stamped source would carry
 * ({@link CrossRegionCopyPolicy#tagsOfNewCopy}: the source's tags with {@code copyTags}, its expiry tags with
 * {@code retainCopies}) and that it lacks; an expiry tag only when it has none of the configured expiry keys, as
 * tag-on-create treats an image. A tag the copy has is never changed. Copies are the images of the destinations
 * that carry our {@code SourceAmi} tag naming the source; one {@code failed} or {@code deregistered} is left alone.
 *
 * <p>Only for the run that stamps the source: a source that gets no tag gets no copy tags either, so a tag a
 * person removed from a copy once the source was stamped is never added back.
 */
public final class CopyStampPolicy {

    private final CrossRegionCopyPolicy copies;
    private final List<String> expiryTagKeys;

    /** {@code expiryTagKeys}: expiry's keys, as tag-on-create and the copy policy are given them. */
    public CopyStampPolicy(CrossRegionCopyConfig config, List<String> expiryTagKeys) {
        this.copies = new CrossRegionCopyPolicy(config, expiryTagKeys);
        this.expiryTagKeys = List.copyOf(expiryTagKeys);
    }

    /**
     * The {@code tag} actions on the copies of {@code source} (as read, before the stamp), for {@code stamp}: the
     * tag-on-create plan of {@code source}. {@code destinationImages}: each destination read, as for
     * {@link CrossRegionCopyPolicy#plan}; the same read serves both. Each action's region is the copy's.
     */
    public Plan plan(Image source, Plan stamp, Map<String, List<Image>> destinationImages) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(destinationImages, "destinationImages");
        Map<String, String> added = TagOnCreatePolicy.tagsAddedTo(source, stamp);
        Map<String, String> carried = copies.tagsOfNewCopy(TagOnCreatePolicy.stamped(source, stamp));
        // What a copy made after the stamp would hold of it; the rest of the stamp never reaches a copy.
        Map<String, String> reaching = new TreeMap<>();
        added.keySet().stream().filter(carried::containsKey).forEach(key -> reaching.put(key, carried.get(key)));
        if (reaching.isEmpty()) {
            return Plan.empty();
        }
        DestinationCopies destinations = new DestinationCopies(destinationImages);
        List<Action> actions = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        for (String region : destinationImages.keySet()) {
            for (Image copy : destinations.madeFrom(source, region)) {
                if (copy.state() == ImageState.FAILED || copy.state() == ImageState.DEREGISTERED) {
                    kept.add(new Kept(region, ResourceType.IMAGE, copy.imageId(),
                            "not-stamped: copy " + copy.state().apiValue()));
                    continue;
                }
                Map<String, String> missing = missingOn(copy, reaching);
                if (missing.isEmpty()) {
                    kept.add(new Kept(region, ResourceType.IMAGE, copy.imageId(), "tags-present"));
                } else {
                    actions.add(tag(region, copy, missing, source));
                }
            }
        }
        return new Plan(actions, kept);
    }

    private Map<String, String> missingOn(Image copy, Map<String, String> reaching) {
        boolean hasExpiry = expiryTagKeys.stream().anyMatch(copy.tags()::containsKey);
        Map<String, String> missing = new TreeMap<>();
        reaching.forEach((key, value) -> {
            // Another expiry key on the copy is a date a person chose for it: ours would take precedence over it.
            boolean expiryTaken = hasExpiry && expiryTagKeys.contains(key);
            if (!copy.tags().containsKey(key) && !expiryTaken) {
                missing.put(key, value);
            }
        });
        return missing;
    }

    private Action tag(String region, Image copy, Map<String, String> missing, Image source) {
        List<String> shown = new ArrayList<>();
        missing.forEach((key, value) -> {
            // As tag-on-create shows them: the date is what a reader checks, the creator's ARN is long.
            shown.add(expiryTagKeys.contains(key) ? key + "=" + value : key);
        });
        return new Action.Tag(region, ResourceType.IMAGE, copy.imageId(),
                "copy-stamp " + String.join(", ", shown) + " (as on its source " + source.imageId() + " in "
                        + source.region() + ")", missing);
    }
}
