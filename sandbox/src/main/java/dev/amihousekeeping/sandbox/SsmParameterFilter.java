package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of {@code ParameterFilters} ({@code ParameterStringFilter}): a key, an option and values. The keys
 * and options are those of the SSM API reference: {@code Name} (Equals, BeginsWith), {@code Path} (Recursive,
 * OneLevel), {@code Type}, {@code DataType}, {@code Tier}, {@code KeyId}, {@code Label} (Equals) and
 * {@code tag:<key>} (Equals; no values: the tag is present).
 */
record SsmParameterFilter(String key, String option, List<String> values) {

    private static final Map<String, List<String>> OPTIONS = Map.of(
            "Name", List.of("Equals", "BeginsWith"),
            "Path", List.of("OneLevel", "Recursive"),
            "Type", List.of("Equals"),
            "DataType", List.of("Equals"),
            "Tier", List.of("Equals"),
            "KeyId", List.of("Equals"),
            "Label", List.of("Equals"));

    /** DescribeParameters takes every key; GetParametersByPath only these (its path is its own argument). */
    static final Set<String> BY_PATH_KEYS = Set.of("Type", "KeyId", "Label");

    /** The filters of a request; a key outside {@code allowedKeys} (null: all) is {@code InvalidFilterKey}. */
    static List<SsmParameterFilter> parse(JsonNode filters, Set<String> allowedKeys) {
        List<SsmParameterFilter> out = new ArrayList<>();
        if (filters == null || filters.isNull()) {
            return out;
        }
        for (JsonNode filter : filters) {
            String key = filter.path("Key").asText("");
            boolean tag = key.startsWith("tag:") && key.length() > 4;
            if (!tag && (!OPTIONS.containsKey(key) || (allowedKeys != null && !allowedKeys.contains(key)))) {
                throw new SsmError("InvalidFilterKey", "The following filter key is not valid: " + key
                        + ". Valid filter keys include: " + (allowedKeys != null ? allowedKeys : OPTIONS.keySet())
                        + " and tag:<key>.");
            }
            List<String> options = tag ? List.of("Equals") : OPTIONS.get(key);
            String option = filter.hasNonNull("Option") ? filter.get("Option").asText() : options.get(0);
            if (!options.contains(option)) {
                throw new SsmError("InvalidFilterOption", "The following filter option is not valid: " + option
                        + ". Valid options include: " + options + ".");
            }
            List<String> values = new ArrayList<>();
            filter.path("Values").forEach(v -> values.add(v.asText()));
            if (values.isEmpty() && !tag) {
                throw new SsmError("InvalidFilterValue", "The following filter values are missing : null for"
                        + " filter key " + key + ".");
            }
            if (key.equals("Path") && values.stream().anyMatch(v -> !v.startsWith("/"))) {
                throw new SsmError("InvalidFilterValue", "The parameter path must begin with a forward slash"
                        + " \"/\": " + values);
            }
            out.add(new SsmParameterFilter(key, option, List.copyOf(values)));
        }
        return out;
    }

    boolean matches(SeedSsmParameter parameter) {
        if (key.startsWith("tag:")) {
            String tagValue = parameter.tags().get(key.substring(4));
            return tagValue != null && (values.isEmpty() || values.contains(tagValue));
        }
        return switch (key) {
            case "Name" -> values.stream().anyMatch(v -> option.equals("BeginsWith")
                    ? parameter.name().startsWith(v) : parameter.name().equals(v));
            case "Path" -> values.stream().anyMatch(v -> underPath(parameter.name(), v,
                    option.equals("Recursive")));
            case "Type" -> values.contains(parameter.effectiveType());
            case "DataType" -> values.contains(parameter.effectiveDataType());
            case "Tier" -> values.contains("Standard");
            default -> false; // KeyId, Label: the sandbox keeps neither KMS keys nor labels
        };
    }

    /** Whether {@code name} is below {@code path}: directly (one level), or at any depth. */
    static boolean underPath(String name, String path, boolean recursive) {
        String prefix = path.endsWith("/") ? path : path + "/";
        if (!name.startsWith(prefix) || name.length() == prefix.length()) {
            return false;
        }
        return recursive || name.indexOf('/', prefix.length()) < 0;
    }
}
