package dev.amihousekeeping.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The family an image belongs to, for {@code keepLatest}: successive builds of the same thing.
 *
 * <p>It is the value of the configured lineage tag when the image has it; otherwise the image name with its
 * trailing version or date removed ({@code web-2026-10-01}, {@code web-v12}, {@code web-1.4.2},
 * {@code web-20261001T1200}, {@code web_2026_10_01}, {@code web.2026-10-01} all belong to {@code web}); a name
 * without such a suffix is its own lineage; an image with neither name nor tag is a lineage of one, its id.
 * When in doubt the name is kept whole: a lineage too narrow only protects more images.
 */
public record Lineage(String name) {

    /**
     * A base holding at least one letter, then one or more version or date parts, each after a separator:
     * {@code v12}, {@code 1}, {@code 2026}, {@code 20261001T1200}, {@code 00Z}. The base is reluctant so the
     * suffix takes every trailing part.
     */
    private static final Pattern VERSIONED_NAME =
            Pattern.compile("(.*?\\p{L}.*?)(?:[-_. ][vV]?\\d+(?:[tT]\\d+)?[zZ]?)+");

    /** Newest first by creation date, ties by image id: the order in which "the newest of a lineage" is meant. */
    public static final Comparator<Image> NEWEST_FIRST = Comparator.comparing(Image::creationDate,
            Comparator.reverseOrder()).thenComparing(Image::imageId, Comparator.reverseOrder());

    public Lineage {
        Objects.requireNonNull(name, "name");
    }

    /** The lineage of {@code image}: tag {@code lineageTagKey} (may be null) if set, else derived from the name. */
    public static Lineage of(Image image, String lineageTagKey) {
        if (lineageTagKey != null) {
            String tagged = image.tags().get(lineageTagKey);
            if (tagged != null && !tagged.isBlank()) {
                return new Lineage(tagged);
            }
        }
        if (image.name() == null || image.name().isBlank()) {
            return new Lineage(image.imageId());
        }
        return fromName(image.name());
    }

    /** The name with its trailing version or date parts removed, or the whole name when it has none. */
    public static Lineage fromName(String imageName) {
        Matcher m = VERSIONED_NAME.matcher(imageName);
        return new Lineage(m.matches() ? m.group(1) : imageName);
    }

    /**
     * The images among the newest {@code keepLatest} of their lineage (by creation date, newest first, ties by
     * image id), each mapped to its lineage. The caller passes only the images that count: owned, in scope,
     * not failed.
     */
    public static Map<String, Lineage> newest(List<Image> images, int keepLatest, String lineageTagKey) {
        Map<Lineage, List<Image>> byLineage = new HashMap<>();
        for (Image image : images) {
            byLineage.computeIfAbsent(of(image, lineageTagKey), k -> new ArrayList<>()).add(image);
        }
        Map<String, Lineage> protectedImages = new HashMap<>();
        byLineage.forEach((lineage, members) -> members.stream()
                .sorted(NEWEST_FIRST)
                .limit(keepLatest)
                .forEach(image -> protectedImages.put(image.imageId(), lineage)));
        return protectedImages;
    }

    @Override
    public String toString() {
        return name;
    }
}
