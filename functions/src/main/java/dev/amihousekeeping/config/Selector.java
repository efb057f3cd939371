package dev.amihousekeeping.config;

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

    /** True when a resource with these tags and this name is selected; {@code name} may be null. */
    public boolean matches(Map<String, String> resourceTags, String name) {
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (!e.getValue().equals(resourceTags.get(e.getKey()))) {
                return false;
            }
        }
        return namePattern == null || (name != null && globToRegex(namePattern).matcher(name).matches());
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
