package dev.amihousekeeping.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The filters one Describe action understands, by name, and their compilation into a predicate. Values match
 * as EC2 does: {@code *} and {@code ?} are wildcards, any value of a filter may match, all filters must match.
 * A name the action does not know is rejected rather than ignored, so a typo cannot widen a result.
 */
final class ResourceFilter<T> {

    private final Map<String, Function<T, Collection<String>>> fields = new LinkedHashMap<>();
    private final Function<T, Map<String, String>> tags;

    private ResourceFilter(Function<T, Map<String, String>> tags) {
        this.tags = tags;
    }

    /** A filter set with {@code tag:<key>}, {@code tag-key} and {@code tag-value} over the given tags. */
    static <T> ResourceFilter<T> withTags(Function<T, Map<String, String>> tags) {
        return new ResourceFilter<>(tags);
    }

    ResourceFilter<T> field(String name, Function<T, Object> value) {
        fields.put(name, item -> {
            Object v = value.apply(item);
            return v == null ? List.of() : List.of(String.valueOf(v));
        });
        return this;
    }

    ResourceFilter<T> fields(String name, Function<T, Collection<String>> values) {
        fields.put(name, values);
        return this;
    }

    Predicate<T> compile(List<Filter> filters) {
        List<Predicate<T>> all = new ArrayList<>();
        for (Filter filter : filters) {
            List<Pattern> patterns = filter.values().stream().map(ResourceFilter::glob).toList();
            Function<T, Collection<String>> values = valuesOf(filter.name());
            all.add(item -> {
                for (String candidate : values.apply(item)) {
                    for (Pattern pattern : patterns) {
                        if (pattern.matcher(candidate).matches()) {
                            return true;
                        }
                    }
                }
                return false;
            });
        }
        return item -> {
            for (Predicate<T> predicate : all) {
                if (!predicate.test(item)) {
                    return false;
                }
            }
            return true;
        };
    }

    private Function<T, Collection<String>> valuesOf(String name) {
        if (tags != null && name.startsWith("tag:")) {
            String key = name.substring(4);
            return item -> {
                String value = tags.apply(item).get(key);
                return value == null ? List.of() : List.of(value);
            };
        }
        if (tags != null && name.equals("tag-key")) {
            return item -> tags.apply(item).keySet();
        }
        if (tags != null && name.equals("tag-value")) {
            return item -> tags.apply(item).values();
        }
        Function<T, Collection<String>> field = fields.get(name);
        if (field == null) {
            throw Ec2Error.invalidValue("The filter '" + name + "' is invalid");
        }
        return field;
    }

    /** EC2 filter values: {@code *} any run, {@code ?} one character, backslash escapes either. */
    static Pattern glob(String value) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                literal.append(value.charAt(++i));
            } else if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
