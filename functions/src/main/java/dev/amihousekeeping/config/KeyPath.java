package dev.amihousekeeping.config;

import java.util.regex.Pattern;

/** Builds the key paths that error messages name: {@code expiry.selector.tags.Team}, {@code regions[1]}. */
final class KeyPath {

    // Keys that read unambiguously after a dot; anything else (a tag key with a dot or a space) is quoted.
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_:/+=@-]+");

    private KeyPath() {
    }

    static String field(String parent, String name) {
        if (!PLAIN_KEY.matcher(name).matches()) {
            return parent + "[" + Quoted.string(name) + "]";
        }
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
