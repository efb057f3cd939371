package dev.amihousekeeping.config;

import dev.amihousekeeping.core.Image;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which AMIs a function looks at: every tag in {@code tags} must match exactly, and the name must match
 * {@code namePattern}, a glob with {@code *} and {@code ?} as in EC2's own {@code name} filter. Empty selects all.
 */
public record Selector(Map<String, String> tags, String namePattern) {

    public Selector {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public static Selector all() {
        return new Selector(Map.of(), null);
    }

    public boolean matches(Image image) {
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (!e.getValue().equals(image.tags().get(e.getKey()))) {
                return false;
            }
        }
        return namePattern == null || (image.name() != null && globToRegex(namePattern).matcher(image.name()).matches());
    }

    // Records cannot hold a derived field, so compiled globs are shared here: a policy has a handful of patterns
    // and matches() runs once per AMI, 10,000s of times a run.
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    static Pattern globToRegex(String glob) {
        return COMPILED.computeIfAbsent(glob, Selector::compileGlob);
    }

    private static Pattern compileGlob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
