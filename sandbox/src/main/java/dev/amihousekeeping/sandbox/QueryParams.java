package dev.amihousekeeping.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Query API parameters, or one nested structure of them ({@code LaunchPermission.Add.1.} ...). Lists are
 * EC2-flattened: {@code ImageId.1}, {@code ImageId.2}; structures nest with dots.
 */
class QueryParams {

    private final SortedMap<String, String> params;
    private final String prefix;

    QueryParams(SortedMap<String, String> params, String prefix) {
        this.params = params;
        this.prefix = prefix;
    }

    SortedMap<String, String> parameters() {
        return java.util.Collections.unmodifiableSortedMap(params);
    }

    String string(String name) {
        return params.get(prefix + name);
    }

    String required(String name) {
        String value = string(name);
        if (value == null || value.isEmpty()) {
            throw Ec2Error.missingParameter(name);
        }
        return value;
    }

    boolean has(String name) {
        return params.containsKey(prefix + name) || hasStructure(name);
    }

    boolean hasStructure(String name) {
        String start = prefix + name + ".";
        SortedMap<String, String> tail = params.tailMap(start);
        return !tail.isEmpty() && tail.firstKey().startsWith(start);
    }

    boolean flag(String name) {
        String value = string(name);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Ec2Error.invalidValue("Value (" + value + ") for parameter " + name
                    + " is invalid. Expected: 'true' or 'false'.");
        };
    }

    Integer integer(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw Ec2Error.invalidValue("Value (" + value + ") for parameter " + name + " is invalid.");
        }
    }

    /** The values of {@code name.1}, {@code name.2}, ... in index order. */
    List<String> list(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<Integer, String> entry : indexed(name).entrySet()) {
            String key = entry.getValue();
            if (params.containsKey(key)) {
                values.add(params.get(key));
            }
        }
        return values;
    }

    /** The structures {@code name.1.*}, {@code name.2.*}, ... in index order. */
    List<QueryParams> structures(String name) {
        List<QueryParams> values = new ArrayList<>();
        for (String key : indexed(name).values()) {
            values.add(new QueryParams(params, key + "."));
        }
        return values;
    }

    /** The structure {@code name.*}. */
    QueryParams structure(String name) {
        return new QueryParams(params, prefix + name + ".");
    }

    /** {@code Filter.N.Name} / {@code Filter.N.Value.M}. */
    List<Filter> filters() {
        List<Filter> filters = new ArrayList<>();
        for (QueryParams filter : structures("Filter")) {
            filters.add(new Filter(filter.required("Name"), filter.list("Value")));
        }
        return filters;
    }

    /** Maps index N to the key prefix {@code name.N} for every N that appears, alone or as a structure. */
    private SortedMap<Integer, String> indexed(String name) {
        String start = prefix + name + ".";
        SortedMap<Integer, String> found = new TreeMap<>();
        for (String key : params.tailMap(start).keySet()) {
            if (!key.startsWith(start)) {
                break;
            }
            String rest = key.substring(start.length());
            int dot = rest.indexOf('.');
            String index = dot < 0 ? rest : rest.substring(0, dot);
            if (!index.isEmpty() && index.chars().allMatch(Character::isDigit) && index.length() < 9) {
                found.putIfAbsent(Integer.parseInt(index), start + index);
            }
        }
        return found;
    }
}
