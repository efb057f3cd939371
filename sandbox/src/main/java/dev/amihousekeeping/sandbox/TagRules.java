package dev.amihousekeeping.sandbox;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** EC2's tag rules (reserved {@code aws:} prefix, lengths, 50 per resource) and {@code TagSpecification.N}. */
final class TagRules {

    static final int MAX_TAGS = 50;

    private TagRules() {
    }

    /** Reads {@code Tag.N.Key}/{@code Tag.N.Value} pairs; an absent value is the empty string, as in EC2. */
    static Map<String, String> read(List<QueryParams> items) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (QueryParams item : items) {
            String key = item.required("Key");
            String value = item.string("Value");
            checkKey(key);
            if (value != null && value.length() > 256) {
                throw Ec2Error.invalidValue("Tag value exceeds the maximum length of 256 characters");
            }
            tags.put(key, value == null ? "" : value);
        }
        return tags;
    }

    static void checkKey(String key) {
        if (key.isEmpty() || key.length() > 128) {
            throw Ec2Error.invalidValue("Tag key must be between 1 and 128 characters");
        }
        if (key.startsWith("aws:")) {
            throw Ec2Error.invalidValue("Tag keys starting with 'aws:' are reserved for internal use");
        }
    }

    /** The current tags with {@code added} applied, refusing to go over EC2's limit of 50. */
    static Map<String, String> merged(Map<String, String> current, Map<String, String> added) {
        Map<String, String> merged = new TreeMap<>(current);
        merged.putAll(added);
        if (merged.size() > MAX_TAGS) {
            throw new Ec2Error("TagLimitExceeded", "The maximum number of Tags for a resource has been reached.");
        }
        return merged;
    }

    /**
     * {@code TagSpecification.N.ResourceType} / {@code .Tag.M.*}, by resource type.
     *
     * @param allowed the resource types this action can tag; any other fails the request, as in EC2
     */
    static Map<String, Map<String, String>> specifications(QueryParams request, Set<String> allowed) {
        Map<String, Map<String, String>> byType = new HashMap<>();
        for (QueryParams spec : request.structures("TagSpecification")) {
            String type = spec.required("ResourceType");
            if (!allowed.contains(type)) {
                throw Ec2Error.invalidValue("'" + type + "' is not a valid taggable resource type for this "
                        + "operation.");
            }
            byType.computeIfAbsent(type, t -> new TreeMap<>()).putAll(read(spec.structures("Tag")));
        }
        return byType;
    }
}
