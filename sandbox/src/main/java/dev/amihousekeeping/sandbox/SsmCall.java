package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One SSM API call being served: its JSON request, the region it acts on, and the JSON response being built. */
record SsmCall(JsonNode request, AccountState state, RegionState region, ObjectNode response) {

    String string(String member) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new SsmError("SerializationException", "Member " + member + " must be a string");
        }
        return node.asText();
    }

    String required(String member) {
        String value = string(member);
        if (value == null || value.isEmpty()) {
            throw SsmError.constraint(value == null ? "null" : value, lowerFirst(member),
                    "Member must not be null");
        }
        return value;
    }

    boolean flag(String member) {
        JsonNode node = request.get(member);
        return node != null && node.asBoolean(false);
    }

    /** An integer member within {@code min..max}, or {@code defaultValue} when absent. */
    int integer(String member, int min, int max, int defaultValue) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        int value = node.asInt();
        if (value < min) {
            throw SsmError.constraint(value, lowerFirst(member),
                    "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw SsmError.constraint(value, lowerFirst(member),
                    "Member must have value less than or equal to " + max);
        }
        return value;
    }

    List<String> strings(String member) {
        JsonNode node = request.get(member);
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    /** The parameter of that name in this region, if any. */
    SeedSsmParameter find(String name) {
        for (SeedSsmParameter parameter : region.ssmParameters) {
            if (parameter.name().equals(name)) {
                return parameter;
            }
        }
        return null;
    }

    /** Adds the parameter, or replaces the one of the same name in place. */
    void put(SeedSsmParameter parameter) {
        List<SeedSsmParameter> parameters = region.ssmParameters;
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).name().equals(parameter.name())) {
                parameters.set(i, parameter);
                return;
            }
        }
        parameters.add(parameter);
    }

    Instant now() {
        return state.now();
    }

    String arn(SeedSsmParameter parameter) {
        String name = parameter.name();
        return "arn:aws:ssm:" + region.name + ":" + state.accountId() + ":parameter"
                + (name.startsWith("/") ? name : "/" + name);
    }

    Instant modified(SeedSsmParameter parameter) {
        return parameter.lastModifiedDate() != null ? parameter.lastModifiedDate() : region.defaultTime;
    }

    /** A {@code Parameter} structure (GetParameter, GetParameters, GetParametersByPath). */
    void writeParameter(ObjectNode out, SeedSsmParameter parameter) {
        out.put("Name", parameter.name())
                .put("Type", parameter.effectiveType())
                .put("Value", parameter.value())
                .put("Version", parameter.effectiveVersion())
                .put("LastModifiedDate", epochSeconds(modified(parameter)))
                .put("ARN", arn(parameter))
                .put("DataType", parameter.effectiveDataType());
    }

    /** A {@code ParameterMetadata} structure (DescribeParameters). */
    void writeMetadata(ObjectNode out, SeedSsmParameter parameter) {
        out.put("Name", parameter.name())
                .put("ARN", arn(parameter))
                .put("Type", parameter.effectiveType())
                .put("LastModifiedDate", epochSeconds(modified(parameter)))
                .put("Version", parameter.effectiveVersion())
                .put("Tier", "Standard");
        out.putArray("Policies");
        out.put("DataType", parameter.effectiveDataType());
    }

    static void writeTags(ArrayNode out, java.util.Map<String, String> tags) {
        tags.forEach((key, value) -> out.addObject().put("Key", key).put("Value", value));
    }

    /** JSON 1.1 timestamps are epoch seconds, with milliseconds as the fraction. */
    static double epochSeconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    private static String lowerFirst(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
