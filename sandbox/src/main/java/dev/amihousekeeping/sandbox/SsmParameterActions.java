package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The Parameter Store operations the sandbox answers: PutParameter, GetParameter, GetParameters,
 * GetParametersByPath, DescribeParameters, AddTagsToResource, RemoveTagsFromResource, ListTagsForResource.
 * Limits and messages follow the SSM API reference (names, 10 names per GetParameters, MaxResults ranges).
 */
final class SsmParameterActions {

    @FunctionalInterface
    interface Operation {
        void run(SsmCall call);
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.\\-/]{1,2048}");
    private static final int MAX_VALUE_LENGTH = 4096;
    private static final int MAX_TAGS = 50;
    private static final List<String> RESOURCE_TYPES = List.of("Document", "ManagedInstance", "MaintenanceWindow",
            "Parameter", "PatchBaseline", "OpsItem", "OpsMetadata", "Automation", "Association");

    private SsmParameterActions() {
    }

    static Map<String, Operation> operations() {
        Map<String, Operation> operations = new HashMap<>();
        operations.put("PutParameter", SsmParameterActions::putParameter);
        operations.put("GetParameter", SsmParameterActions::getParameter);
        operations.put("GetParameters", SsmParameterActions::getParameters);
        operations.put("GetParametersByPath", SsmParameterActions::getParametersByPath);
        operations.put("DescribeParameters", SsmParameterActions::describeParameters);
        operations.put("AddTagsToResource", SsmParameterActions::addTagsToResource);
        operations.put("RemoveTagsFromResource", SsmParameterActions::removeTagsFromResource);
        operations.put("ListTagsForResource", SsmParameterActions::listTagsForResource);
        return Map.copyOf(operations);
    }

    static void putParameter(SsmCall call) {
        String name = call.required("Name");
        String value = call.required("Value");
        checkName(name);
        if (value.length() > MAX_VALUE_LENGTH) {
            throw SsmError.validation("Standard tier parameters support a maximum parameter value of 4096"
                    + " characters. To create a larger parameter value, upgrade the parameter to use the advanced"
                    + " tier.");
        }
        String type = call.string("Type");
        if (type != null && !SeedSsmParameter.TYPES.contains(type)) {
            throw SsmError.constraint(type, "type", "Member must satisfy enum value set: "
                    + SeedSsmParameter.TYPES);
        }
        // DataType defaults to text (SSM API reference, PutParameter), on an overwrite too.
        String dataType = call.string("DataType") == null ? SeedSsmParameter.TEXT : call.string("DataType");
        if (!SeedSsmParameter.DATA_TYPES.contains(dataType)) {
            throw SsmError.validation("The following data type is not supported: " + dataType
                    + " (Data type names are all lowercase.)");
        }
        SeedSsmParameter existing = call.find(name);
        boolean overwrite = call.flag("Overwrite");
        Map<String, String> tags = tags(call.request().get("Tags"));
        if (existing != null && !overwrite) {
            throw new SsmError("ParameterAlreadyExists", "The parameter already exists. To overwrite this value,"
                    + " set the overwrite option in the request to true.");
        }
        if (existing == null && type == null) {
            throw SsmError.validation("A parameter type is required when you create a parameter.");
        }
        if (overwrite && !tags.isEmpty()) {
            throw SsmError.validation("Invalid request: tags and overwrite can't be used together. To create a"
                    + " parameter with tags, please remove overwrite flag. To update tags for an existing parameter,"
                    + " please use AddTagsToResource or RemoveTagsFromResource.");
        }
        String effectiveType = type != null ? type : existing.effectiveType();
        if (SeedSsmParameter.IMAGE.equals(dataType)) {
            checkImageValue(call, effectiveType, value);
        }
        long version = existing == null ? 1 : existing.effectiveVersion() + 1;
        call.put(new SeedSsmParameter(name, value, effectiveType, dataType, version, call.now(),
                existing != null ? existing.tags() : tags));
        call.response().put("Version", version).put("Tier", "Standard");
    }

    /**
     * {@code aws:ec2:image} values must name an AMI this account can use in the region. SSM checks the format when
     * called and the AMI itself asynchronously, leaving the parameter uncreated when it is not found (SSM user
     * guide, "Native parameter support for Amazon Machine Image IDs"); the sandbox refuses both at once with
     * {@code ValidationException}, so a caller learns of it without an EventBridge listener.
     */
    private static void checkImageValue(SsmCall call, String type, String value) {
        if (!"String".equals(type)) {
            throw SsmError.validation("The aws:ec2:image data type is only supported for parameters of type"
                    + " String.");
        }
        if (!IdGenerator.isImageId(value)) {
            throw SsmError.validation("Parameter value, " + value + ", must be in the format ami-12345abc.");
        }
        if (call.state().visibleImage(call.region(), value) == null) {
            throw SsmError.validation("Unable to validate " + value + " for parameter " + call.string("Name")
                    + ": the AMI does not exist in " + call.region().name + " or is not available to this account.");
        }
    }

    static void getParameter(SsmCall call) {
        String name = call.required("Name");
        SeedSsmParameter parameter = call.find(name);
        if (parameter == null) {
            throw SsmError.parameterNotFound(name);
        }
        call.writeParameter(call.response().putObject("Parameter"), parameter);
    }

    static void getParameters(SsmCall call) {
        List<String> names = new ArrayList<>(new LinkedHashSet<>(call.strings("Names")));
        if (names.isEmpty()) {
            throw SsmError.constraint("[]", "names", "Member must have length greater than or equal to 1");
        }
        if (names.size() > 10) {
            throw SsmError.constraint(names, "names", "Member must have length less than or equal to 10");
        }
        ArrayNode found = call.response().putArray("Parameters");
        ArrayNode invalid = call.response().putArray("InvalidParameters");
        for (String name : names) {
            SeedSsmParameter parameter = call.find(name);
            if (parameter == null) {
                invalid.add(name);
            } else {
                call.writeParameter(found.addObject(), parameter);
            }
        }
    }

    static void getParametersByPath(SsmCall call) {
        String path = call.required("Path");
        if (!path.startsWith("/")) {
            throw SsmError.validation("The parameter doesn't meet the parameter name requirements. The parameter"
                    + " name must begin with a forward slash \"/\".");
        }
        boolean recursive = call.flag("Recursive");
        int limit = call.integer("MaxResults", 1, 10, 10);
        List<SsmParameterFilter> filters = SsmParameterFilter.parse(call.request().get("ParameterFilters"),
                SsmParameterFilter.BY_PATH_KEYS);
        page(call, "GetParametersByPath", limit, p -> SsmParameterFilter.underPath(p.name(), path, recursive)
                        && filters.stream().allMatch(f -> f.matches(p)),
                (out, p) -> call.writeParameter(out.addObject(), p));
    }

    static void describeParameters(SsmCall call) {
        if (call.request().hasNonNull("Filters")) {
            // The legacy ParametersFilter list; every current client (the functions, the CLI's --parameter-filters)
            // sends ParameterFilters. Refused rather than misread.
            throw SsmError.validation("This sandbox answers ParameterFilters only, not the legacy Filters.");
        }
        int limit = call.integer("MaxResults", 1, 50, 10);
        List<SsmParameterFilter> filters = SsmParameterFilter.parse(call.request().get("ParameterFilters"), null);
        page(call, "DescribeParameters", limit, p -> filters.stream().allMatch(f -> f.matches(p)),
                (out, p) -> call.writeMetadata(out.addObject(), p));
    }

    /** Writes one page of the matching parameters, by name, and the NextToken when more follow. */
    private static void page(SsmCall call, String operation, int limit, Predicate<SeedSsmParameter> matches,
                             java.util.function.BiConsumer<ArrayNode, SeedSsmParameter> write) {
        String after = SsmApi.after(operation, call.string("NextToken"));
        List<SeedSsmParameter> all = call.region().ssmParameters.stream().filter(matches)
                .filter(p -> after == null || p.name().compareTo(after) > 0)
                .sorted(Comparator.comparing(SeedSsmParameter::name)).toList();
        ArrayNode out = call.response().putArray("Parameters");
        List<SeedSsmParameter> page = all.subList(0, Math.min(limit, all.size()));
        page.forEach(p -> write.accept(out, p));
        if (all.size() > page.size()) {
            call.response().put("NextToken", SsmApi.token(operation, page.get(page.size() - 1).name()));
        }
    }

    static void addTagsToResource(SsmCall call) {
        SeedSsmParameter parameter = taggedParameter(call);
        Map<String, String> tags = new TreeMap<>(parameter.tags());
        Map<String, String> added = tags(call.request().get("Tags"));
        if (added.isEmpty()) {
            throw SsmError.constraint("[]", "tags", "Member must not be null");
        }
        tags.putAll(added);
        if (tags.size() > MAX_TAGS) {
            throw new SsmError("TooManyTagsError", "The Targets parameter includes too many tags. Remove one or"
                    + " more tags and try the command again.");
        }
        call.put(parameter.withTags(tags));
    }

    static void removeTagsFromResource(SsmCall call) {
        SeedSsmParameter parameter = taggedParameter(call);
        Map<String, String> tags = new TreeMap<>(parameter.tags());
        call.strings("TagKeys").forEach(tags::remove);
        call.put(parameter.withTags(tags));
    }

    static void listTagsForResource(SsmCall call) {
        SsmCall.writeTags(call.response().putArray("TagList"), taggedParameter(call).tags());
    }

    /** The parameter a tagging call names: ResourceType {@code Parameter}, ResourceId its name. */
    private static SeedSsmParameter taggedParameter(SsmCall call) {
        String resourceType = call.required("ResourceType");
        String resourceId = call.required("ResourceId");
        if (!RESOURCE_TYPES.contains(resourceType)) {
            throw SsmError.constraint(resourceType, "resourceType", "Member must satisfy enum value set: "
                    + RESOURCE_TYPES);
        }
        if (!resourceType.equals("Parameter")) {
            throw new SsmError("InvalidResourceType", "The resource type isn't supported by this sandbox: only"
                    + " Parameter.");
        }
        SeedSsmParameter parameter = call.find(resourceId);
        if (parameter == null) {
            throw new SsmError("InvalidResourceId", "The resource ID \"" + resourceId + "\" isn't valid. Verify"
                    + " that you entered the correct ID and try again.");
        }
        return parameter;
    }

    private static Map<String, String> tags(JsonNode tags) {
        Map<String, String> out = new TreeMap<>();
        if (tags == null || tags.isNull()) {
            return out;
        }
        for (JsonNode tag : tags) {
            String key = tag.path("Key").asText("");
            if (key.isEmpty()) {
                throw SsmError.constraint(key, "tags.member.key", "Member must have length greater than or equal"
                        + " to 1");
            }
            out.put(key, tag.path("Value").asText(""));
        }
        return out;
    }

    /**
     * Parameter names as the SSM user guide states them: letters, digits and {@code _.-/}, at most 2048
     * characters; a name with a slash is fully qualified (begins with one); no {@code aws}/{@code ssm} prefix.
     */
    private static void checkName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        String bare = lower.startsWith("/") ? lower.substring(1) : lower;
        if (!NAME.matcher(name).matches() || (name.contains("/") && !name.startsWith("/"))
                || bare.startsWith("aws") || bare.startsWith("ssm")) {
            throw SsmError.validation("Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive)."
                    + " If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be"
                    + " formed as a mix of letters, numbers and the following 3 symbols .-_");
        }
    }
}
