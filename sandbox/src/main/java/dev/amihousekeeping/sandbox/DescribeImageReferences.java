package dev.amihousekeeping.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code DescribeImageReferences}: which instances, launch templates and SSM parameters of this account name
 * the given AMIs (at most 10 per call). Options as in EC2: {@code ec2:Instance} / {@code state-name} (default
 * all states), {@code ec2:LaunchTemplate} / {@code version-depth} (the newest N versions, default 10).
 * Image Builder recipes are accepted and never found: the seed has none.
 */
final class DescribeImageReferences implements Ec2Action {

    static final String INSTANCE = "ec2:Instance";
    static final String LAUNCH_TEMPLATE = "ec2:LaunchTemplate";
    static final String SSM_PARAMETER = "ssm:Parameter";
    static final List<String> TYPES = List.of(INSTANCE, LAUNCH_TEMPLATE, SSM_PARAMETER,
            "imagebuilder:ImageRecipe", "imagebuilder:ContainerRecipe");
    private static final Set<String> INSTANCE_STATES =
            Set.of("pending", "running", "shutting-down", "terminated", "stopping", "stopped");
    /**
     * The option names the API reference documents for each resource type ({@code ResourceTypeOption}): only
     * {@code state-name} on instances and {@code version-depth} on launch templates; the others take none.
     */
    private static final Map<String, Set<String>> OPTIONS = Map.of(INSTANCE, Set.of("state-name"),
            LAUNCH_TEMPLATE, Set.of("version-depth"));

    record Reference(String imageId, String resourceType, String arn) {
    }

    @Override
    public void run(Ec2Call call) {
        QueryRequest request = call.request();
        List<String> imageIds = new ArrayList<>(new LinkedHashSet<>(request.list("ImageId")));
        if (imageIds.isEmpty()) {
            throw Ec2Error.missingParameter("ImageId");
        }
        if (imageIds.size() > 10) {
            throw Ec2Error.invalidValue("The maximum number of image IDs is 10; " + imageIds.size()
                    + " were specified.");
        }
        imageIds.forEach(call::image);
        Map<String, Map<String, List<String>>> types = resourceTypes(request);
        PageRequest page = PageRequest.of(request, "references", 5, 1000);

        List<Reference> references = new ArrayList<>();
        for (String imageId : imageIds) {
            references.addAll(references(call, imageId, types));
        }
        int start = offset(page.after());
        int end = page.paged() ? Math.min(references.size(), start + page.limit()) : references.size();
        XmlWriter xml = call.xml().start("imageReferenceSet");
        for (Reference reference : references.subList(Math.min(start, references.size()), end)) {
            xml.start("item").leaf("imageId", reference.imageId()).leaf("resourceType", reference.resourceType())
                    .leaf("arn", reference.arn()).end();
        }
        xml.end();
        if (end < references.size()) {
            xml.leaf("nextToken", PageRequest.token("references", String.valueOf(end)));
        }
    }

    /** Resource type -> option name -> values, from {@code IncludeAllResourceTypes} and {@code ResourceType.N}. */
    private static Map<String, Map<String, List<String>>> resourceTypes(QueryRequest request) {
        Map<String, Map<String, List<String>>> types = new LinkedHashMap<>();
        if (request.flag("IncludeAllResourceTypes")) {
            TYPES.forEach(type -> types.put(type, Map.of()));
        }
        for (QueryParams type : request.structures("ResourceType")) {
            String name = type.required("ResourceType");
            if (!TYPES.contains(name)) {
                throw Ec2Error.invalidValue("Value (" + name + ") for parameter ResourceType is invalid. "
                        + "Expected one of " + TYPES + ".");
            }
            Map<String, List<String>> options = new LinkedHashMap<>();
            for (QueryParams option : type.structures("ResourceTypeOption")) {
                String optionName = option.required("OptionName");
                Set<String> documented = OPTIONS.getOrDefault(name, Set.of());
                if (!documented.contains(optionName)) {
                    throw Ec2Error.invalidValue("The option name (" + optionName + ") is not valid for resource "
                            + "type " + name + (documented.isEmpty() ? "; it takes no options."
                            : ". Valid option names: " + new java.util.TreeSet<>(documented) + "."));
                }
                options.put(optionName, option.list("OptionValue"));
            }
            types.put(name, options);
        }
        if (types.isEmpty()) {
            throw Ec2Error.missingParameter("IncludeAllResourceTypes or ResourceType");
        }
        return types;
    }

    private static List<Reference> references(Ec2Call call, String imageId, Map<String, Map<String, List<String>>> types) {
        RegionState region = call.region();
        String arnPrefix = ":" + region.name + ":" + call.account() + ":";
        List<Reference> found = new ArrayList<>();
        if (types.containsKey(INSTANCE)) {
            List<String> states = types.get(INSTANCE).getOrDefault("state-name", List.of());
            states.stream().filter(s -> !INSTANCE_STATES.contains(s)).findFirst().ifPresent(s -> {
                throw Ec2Error.invalidValue("Value (" + s + ") for option state-name is invalid.");
            });
            for (SeedInstance instance : region.instances.values()) {
                if (imageId.equals(instance.imageId()) && (states.isEmpty() || states.contains(instance.state()))) {
                    found.add(new Reference(imageId, INSTANCE,
                            "arn:aws:ec2" + arnPrefix + "instance/" + instance.instanceId()));
                }
            }
        }
        if (types.containsKey(LAUNCH_TEMPLATE)) {
            int depth = versionDepth(types.get(LAUNCH_TEMPLATE).get("version-depth"));
            for (SeedLaunchTemplate template : region.launchTemplates.values()) {
                List<SeedLaunchTemplateVersion> versions = template.versions();
                List<SeedLaunchTemplateVersion> newest = versions.subList(Math.max(0, versions.size() - depth),
                        versions.size());
                if (newest.stream().anyMatch(v -> imageId.equals(v.imageId()))) {
                    found.add(new Reference(imageId, LAUNCH_TEMPLATE,
                            "arn:aws:ec2" + arnPrefix + "launch-template/" + template.launchTemplateId()));
                }
            }
        }
        if (types.containsKey(SSM_PARAMETER)) {
            for (SeedSsmParameter parameter : region.ssmParameters) {
                if (imageId.equals(parameter.value())) {
                    String name = parameter.name().startsWith("/") ? parameter.name().substring(1) : parameter.name();
                    found.add(new Reference(imageId, SSM_PARAMETER, "arn:aws:ssm" + arnPrefix + "parameter/" + name));
                }
            }
        }
        return found;
    }

    private static int offset(String after) {
        if (after == null) {
            return 0;
        }
        try {
            return Integer.parseInt(after);
        } catch (NumberFormatException e) {
            throw Ec2Error.invalidValue("The token is invalid");
        }
    }

    private static int versionDepth(List<String> values) {
        if (values == null || values.isEmpty()) {
            return 10;
        }
        try {
            int depth = Integer.parseInt(values.get(0));
            if (depth >= 1 && depth <= 10000) {
                return depth;
            }
        } catch (NumberFormatException e) {
            // falls through to the EC2 error below
        }
        throw Ec2Error.invalidValue("Value (" + values.get(0) + ") for option version-depth is invalid. "
                + "Expected an integer between 1 and 10000.");
    }
}
