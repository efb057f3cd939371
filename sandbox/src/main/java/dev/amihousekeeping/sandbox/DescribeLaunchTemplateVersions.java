package dev.amihousekeeping.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code DescribeLaunchTemplateVersions} of one template (by id or name), or {@code $Latest}/{@code $Default}
 * of every template when neither is given. Versions come newest first.
 */
final class DescribeLaunchTemplateVersions implements Ec2Action {

    private record Version(SeedLaunchTemplate template, SeedLaunchTemplateVersion version) {
    }

    private static final ResourceFilter<Version> FILTERS = ResourceFilter.<Version>withTags(v -> v.template().tags())
            .field("image-id", v -> v.version().imageId())
            .field("is-default-version", v -> v.version().versionNumber().equals(v.template().defaultVersion()));

    @Override
    public void run(Ec2Call call) {
        QueryRequest request = call.request();
        String id = request.string("LaunchTemplateId");
        String name = request.string("LaunchTemplateName");
        List<String> requested = request.list("LaunchTemplateVersion");
        PageRequest page = PageRequest.of(request, "template-versions", 1, 200);
        if (id != null && name != null) {
            throw Ec2Error.combination("Specify either LaunchTemplateId or LaunchTemplateName, not both.");
        }
        List<SeedLaunchTemplate> templates = new ArrayList<>();
        if (id != null) {
            SeedLaunchTemplate template = call.region().launchTemplates.get(id);
            if (template == null) {
                throw new Ec2Error("InvalidLaunchTemplateId.NotFound",
                        "The specified launch template, with template ID " + id + ", does not exist.");
            }
            templates.add(template);
        } else if (name != null) {
            templates.add(LaunchResourceActions.templateNamed(call, name));
        } else if (!requested.isEmpty() && requested.stream().allMatch(v -> v.equals("$Latest") || v.equals("$Default"))) {
            templates.addAll(call.region().launchTemplates.values());
        } else {
            throw Ec2Error.missingParameter("LaunchTemplateId or LaunchTemplateName");
        }
        // The API reference: MinVersion is "the version number after which to describe", so it is exclusive;
        // MaxVersion is "the version number up to which to describe", inclusive.
        Integer min = parseVersion(request.string("MinVersion"));
        Integer max = parseVersion(request.string("MaxVersion"));
        List<Version> versions = new ArrayList<>();
        for (SeedLaunchTemplate template : templates) {
            for (SeedLaunchTemplateVersion version : select(template, requested)) {
                int number = version.versionNumber();
                if ((min == null || number > min) && (max == null || number <= max)) {
                    versions.add(new Version(template, version));
                }
            }
        }
        Predicate<Version> wanted = FILTERS.compile(request.filters());
        List<Version> matching = versions.stream().filter(wanted).toList();
        int start = page.after() == null ? 0 : offset(page.after());
        int end = page.paged() ? Math.min(matching.size(), start + page.limit()) : matching.size();
        XmlWriter xml = call.xml().start("launchTemplateVersionSet");
        for (Version v : matching.subList(Math.min(start, matching.size()), end)) {
            SeedLaunchTemplateVersion version = v.version();
            xml.start("item")
                    .leaf("launchTemplateId", v.template().launchTemplateId())
                    .leaf("launchTemplateName", v.template().name())
                    .leaf("versionNumber", version.versionNumber())
                    .leaf("createTime", version.createTime() == null ? call.region().defaultTime : version.createTime())
                    .leaf("createdBy", "arn:aws:iam::" + call.account() + ":root")
                    .leaf("defaultVersion", version.versionNumber().equals(v.template().defaultVersion()))
                    .start("launchTemplateData").leaf("imageId", version.imageId()).end()
                    .end();
        }
        xml.end();
        if (end < matching.size()) {
            xml.leaf("nextToken", PageRequest.token("template-versions", String.valueOf(end)));
        }
    }

    private static List<SeedLaunchTemplateVersion> select(SeedLaunchTemplate template, List<String> requested) {
        List<SeedLaunchTemplateVersion> all = template.versions();
        if (requested.isEmpty()) {
            return all.stream().sorted(Comparator.comparing(SeedLaunchTemplateVersion::versionNumber).reversed())
                    .toList();
        }
        Set<SeedLaunchTemplateVersion> chosen = new LinkedHashSet<>();
        for (String wanted : requested) {
            int number = switch (wanted) {
                case "$Latest" -> template.latestVersion();
                case "$Default" -> template.defaultVersion();
                default -> {
                    Integer parsed = parseVersion(wanted);
                    yield parsed == null ? -1 : parsed;
                }
            };
            SeedLaunchTemplateVersion version = all.stream().filter(v -> v.versionNumber() == number).findFirst()
                    .orElseThrow(() -> new Ec2Error("InvalidLaunchTemplateId.VersionNotFound",
                            "Could not find launch template version " + wanted + " for launch template "
                                    + template.launchTemplateId() + "."));
            chosen.add(version);
        }
        return chosen.stream().sorted(Comparator.comparing(SeedLaunchTemplateVersion::versionNumber).reversed())
                .toList();
    }

    private static Integer parseVersion(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw Ec2Error.invalidValue("Value (" + value + ") for parameter version is invalid.");
        }
    }

    private static int offset(String after) {
        try {
            return Integer.parseInt(after);
        } catch (NumberFormatException e) {
            throw Ec2Error.invalidValue("The token is invalid");
        }
    }
}
