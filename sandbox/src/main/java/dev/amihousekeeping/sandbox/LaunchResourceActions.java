package dev.amihousekeeping.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** What launches from AMIs: {@code DescribeInstances}, {@code DescribeLaunchTemplates}, their versions. */
final class LaunchResourceActions {

    private static final Map<String, Integer> STATE_CODES = Map.of("pending", 0, "running", 16,
            "shutting-down", 32, "terminated", 48, "stopping", 64, "stopped", 80);

    static final ResourceFilter<SeedInstance> INSTANCE_FILTERS = ResourceFilter.withTags(SeedInstance::tags)
            .field("instance-id", SeedInstance::instanceId)
            .field("image-id", SeedInstance::imageId)
            .field("instance-state-name", SeedInstance::state)
            .field("instance-state-code", instance -> STATE_CODES.get(instance.state()))
            .field("instance-type", SeedInstance::instanceType);

    static final ResourceFilter<SeedLaunchTemplate> TEMPLATE_FILTERS = ResourceFilter.withTags(SeedLaunchTemplate::tags)
            .field("launch-template-name", SeedLaunchTemplate::name)
            .field("create-time", t -> t.createTime() == null ? null : Ec2Time.format(t.createTime()));

    private LaunchResourceActions() {
    }

    static void register(Map<String, Ec2Action> actions) {
        actions.put("DescribeInstances", LaunchResourceActions::describeInstances);
        actions.put("DescribeLaunchTemplates", LaunchResourceActions::describeLaunchTemplates);
        actions.put("DescribeLaunchTemplateVersions", new DescribeLaunchTemplateVersions());
    }

    private static void describeInstances(Ec2Call call) {
        QueryRequest request = call.request();
        List<String> instanceIds = request.list("InstanceId");
        PageRequest page = PageRequest.of(request, "instances", 5, 1000);
        page.refuseWithIds(instanceIds, "instancesSet");
        Collection<SeedInstance> candidates;
        if (!instanceIds.isEmpty()) {
            candidates = new ArrayList<>();
            for (String instanceId : instanceIds) {
                SeedInstance instance = call.region().instances.get(instanceId);
                if (instance == null) {
                    throw Ec2Error.instanceNotFound(instanceId);
                }
                candidates.add(instance);
            }
        } else {
            candidates = Paging.from(call.region().instances, page);
        }
        Predicate<SeedInstance> wanted = INSTANCE_FILTERS.compile(request.filters());
        XmlWriter xml = call.xml();
        Paging.writeSet(xml, "reservationSet", candidates, wanted, page, instance -> {
            xml.start("item")
                    .leaf("reservationId", "r-" + instance.instanceId().substring(2))
                    .leaf("ownerId", call.account())
                    .empty("groupSet")
                    .start("instancesSet").start("item")
                    .leaf("instanceId", instance.instanceId())
                    .leaf("imageId", instance.imageId())
                    .start("instanceState").leaf("code", STATE_CODES.getOrDefault(instance.state(), 16))
                    .leaf("name", instance.state()).end()
                    .leaf("instanceType", instance.instanceType())
                    .leaf("launchTime", instance.launchTime() == null ? call.region().defaultTime : instance.launchTime())
                    .start("placement").leaf("availabilityZone", call.region().name + "a").end();
            ImageXml.tags(xml, instance.tags());
            xml.end().end().end();
            return instance.instanceId();
        });
    }

    private static void describeLaunchTemplates(Ec2Call call) {
        QueryRequest request = call.request();
        PageRequest page = PageRequest.of(request, "launch-templates", 1, 200);
        List<String> ids = request.list("LaunchTemplateId");
        List<String> names = request.list("LaunchTemplateName");
        Collection<SeedLaunchTemplate> candidates = new ArrayList<>();
        for (String id : ids) {
            SeedLaunchTemplate template = call.region().launchTemplates.get(id);
            if (template == null) {
                throw new Ec2Error("InvalidLaunchTemplateId.NotFound",
                        "At least one of the launch templates specified in the request does not exist.");
            }
            candidates.add(template);
        }
        for (String name : names) {
            candidates.add(templateNamed(call, name));
        }
        if (ids.isEmpty() && names.isEmpty()) {
            candidates = Paging.from(call.region().launchTemplates, page);
        }
        Predicate<SeedLaunchTemplate> wanted = TEMPLATE_FILTERS.compile(request.filters());
        XmlWriter xml = call.xml();
        Paging.writeSet(xml, "launchTemplates", candidates, wanted, page, template -> {
            xml.start("item")
                    .leaf("launchTemplateId", template.launchTemplateId())
                    .leaf("launchTemplateName", template.name())
                    .leaf("createTime", template.createTime() == null ? call.region().defaultTime : template.createTime())
                    .leaf("createdBy", "arn:aws:iam::" + call.account() + ":root")
                    .leaf("defaultVersionNumber", template.defaultVersion())
                    .leaf("latestVersionNumber", template.latestVersion());
            ImageXml.tags(xml, template.tags());
            xml.end();
            return template.launchTemplateId();
        });
    }

    static SeedLaunchTemplate templateNamed(Ec2Call call, String name) {
        return call.region().launchTemplates.values().stream().filter(t -> name.equals(t.name())).findFirst()
                .orElseThrow(() -> new Ec2Error("InvalidLaunchTemplateName.NotFoundException",
                        "At least one of the launch templates specified in the request does not exist."));
    }
}
