package dev.amihousekeeping.core;

import java.util.Map;
import java.util.TreeMap;

/**
 * Tags carried in {@link Action#parameters()}: a tag {@code K=V} is the parameter {@code tag:K} with value
 * {@code V}. Used by {@code tag} actions (the tags to add) and {@code copy} actions (the tags the new image
 * gets), so that the executor reads tags the same way whichever action carries them.
 */
public final class TagParameters {

    public static final String PREFIX = "tag:";

    private TagParameters() {
    }

    /** The parameter key for tag {@code tagKey}. */
    public static String key(String tagKey) {
        return PREFIX + tagKey;
    }

    /** The tags in {@code parameters}, prefix removed, sorted by key. */
    public static Map<String, String> from(Map<String, String> parameters) {
        Map<String, String> tags = new TreeMap<>();
        parameters.forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                tags.put(key.substring(PREFIX.length()), value);
            }
        });
        return tags;
    }
}
