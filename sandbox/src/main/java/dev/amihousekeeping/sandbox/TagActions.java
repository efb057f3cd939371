package dev.amihousekeeping.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** {@code CreateTags}, {@code DeleteTags}, {@code DescribeTags} over images, snapshots, instances, templates. */
final class TagActions {

    private record Taggable(String resourceId, String resourceType, Map<String, String> tags,
                            Consumer<Map<String, String>> replace) {
    }

    private record TagEntry(String resourceId, String resourceType, String key, String value) {
        String pagingKey() {
            return resourceId + "\t" + key;
        }
    }

    private static final ResourceFilter<TagEntry> FILTERS = ResourceFilter.<TagEntry>withTags(null)
            .field("key", TagEntry::key)
            .field("value", TagEntry::value)
            .field("resource-id", TagEntry::resourceId)
            .field("resource-type", TagEntry::resourceType);

    private TagActions() {
    }

    static void register(Map<String, Ec2Action> actions) {
        actions.put("CreateTags", TagActions::create);
        actions.put("DeleteTags", TagActions::delete);
        actions.put("DescribeTags", TagActions::describe);
    }

    private static void create(Ec2Call call) {
        List<Taggable> resources = resources(call);
        Map<String, String> tags = TagRules.read(call.request().structures("Tag"));
        if (tags.isEmpty()) {
            throw Ec2Error.missingParameter("Tag");
        }
        List<Map<String, String>> merged = new ArrayList<>();
        for (Taggable resource : resources) {
            merged.add(TagRules.merged(resource.tags(), tags));
        }
        for (int i = 0; i < resources.size(); i++) {
            resources.get(i).replace().accept(merged.get(i));
        }
        call.xml().leaf("return", true);
    }

    private static void delete(Ec2Call call) {
        List<Taggable> resources = resources(call);
        List<QueryParams> items = call.request().structures("Tag");
        Map<String, String> keys = new LinkedHashMap<>();
        for (QueryParams item : items) {
            String key = item.required("Key");
            TagRules.checkKey(key);
            keys.put(key, item.string("Value"));
        }
        for (Taggable resource : resources) {
            Map<String, String> remaining = new TreeMap<>(resource.tags());
            if (items.isEmpty()) {
                // Without Tag.N, EC2 deletes every user tag and keeps the aws: ones.
                remaining.keySet().removeIf(key -> !key.startsWith("aws:"));
            }
            // A given Value deletes the tag only when it matches, as in EC2.
            keys.forEach((key, value) -> {
                if (value == null || value.equals(remaining.get(key))) {
                    remaining.remove(key);
                }
            });
            resource.replace().accept(remaining);
        }
        call.xml().leaf("return", true);
    }

    private static void describe(Ec2Call call) {
        PageRequest page = PageRequest.of(call.request(), "tags", 5, 1000);
        Predicate<TagEntry> filters = FILTERS.compile(call.request().filters());
        String after = page.after();
        Predicate<TagEntry> wanted = after == null ? filters
                : filters.and(entry -> entry.pagingKey().compareTo(after) > 0);
        RegionState region = call.region();
        List<TagEntry> entries = new ArrayList<>();
        // ASCII order of the id prefixes (ami- < i- < lt- < snap-) keeps the whole listing sorted by id.
        region.images.values().forEach(i -> add(entries, i.imageId(), "image", i.tags()));
        region.instances.values().forEach(i -> add(entries, i.instanceId(), "instance", i.tags()));
        region.launchTemplates.values().forEach(t -> add(entries, t.launchTemplateId(), "launch-template", t.tags()));
        region.snapshots.values().forEach(s -> add(entries, s.snapshotId(), "snapshot", s.tags()));
        if (call.request().filters().stream().anyMatch(f -> f.name().equals("resource-id"))) {
            // Tags of what is in the Recycle Bin are read by id (the Recycle Bin console uses DescribeTags so).
            region.recycleBin.images.forEach((id, e) -> add(entries, id, "image", e.resource().tags()));
            region.recycleBin.snapshots.forEach((id, e) -> add(entries, id, "snapshot", e.resource().tags()));
            entries.sort(java.util.Comparator.comparing(TagEntry::pagingKey));
        }
        XmlWriter xml = call.xml();
        Paging.writeSet(xml, "tagSet", entries, wanted, page, entry -> {
            xml.start("item").leaf("resourceId", entry.resourceId()).leaf("resourceType", entry.resourceType())
                    .leaf("key", entry.key()).leaf("value", entry.value()).end();
            return entry.pagingKey();
        });
    }

    private static void add(List<TagEntry> entries, String id, String type, Map<String, String> tags) {
        tags.forEach((key, value) -> entries.add(new TagEntry(id, type, key, value)));
    }

    /** Every {@code ResourceId.N}, all checked before any is changed. */
    private static List<Taggable> resources(Ec2Call call) {
        List<String> ids = call.request().list("ResourceId");
        if (ids.isEmpty()) {
            throw Ec2Error.missingParameter("ResourceId");
        }
        RegionState region = call.region();
        List<Taggable> resources = new ArrayList<>();
        for (String id : ids) {
            RecycleBin bin = region.recycleBin;
            // Tags of a resource in the Recycle Bin can be changed; its aws: system tag cannot (TagRules).
            if (bin.images.containsKey(id)) {
                resources.add(new Taggable(id, "image", bin.images.get(id).resource().tags(), tags -> bin.images.put(
                        id, bin.images.get(id).withResource(bin.images.get(id).resource().withTags(tags)))));
            } else if (bin.snapshots.containsKey(id)) {
                resources.add(new Taggable(id, "snapshot", bin.snapshots.get(id).resource().tags(), tags ->
                        bin.snapshots.put(id, bin.snapshots.get(id).withResource(
                                bin.snapshots.get(id).resource().withTags(tags)))));
            } else if (id.startsWith("ami-")) {
                SeedImage image = call.image(id);
                resources.add(new Taggable(id, "image", image.tags(),
                        tags -> region.putImage(region.images.get(id).withTags(tags))));
            } else if (id.startsWith("snap-")) {
                SeedSnapshot snapshot = call.snapshot(id);
                resources.add(new Taggable(id, "snapshot", snapshot.tags(),
                        tags -> region.snapshots.put(id, region.snapshots.get(id).withTags(tags))));
            } else if (id.startsWith("i-")) {
                SeedInstance instance = region.instances.get(id);
                if (instance == null) {
                    throw Ec2Error.instanceNotFound(id);
                }
                resources.add(new Taggable(id, "instance", instance.tags(),
                        tags -> region.instances.put(id, region.instances.get(id).withTags(tags))));
            } else if (id.startsWith("lt-")) {
                SeedLaunchTemplate template = region.launchTemplates.get(id);
                if (template == null) {
                    throw new Ec2Error("InvalidLaunchTemplateId.NotFound",
                            "The specified launch template, with template ID " + id + ", does not exist.");
                }
                resources.add(new Taggable(id, "launch-template", template.tags(),
                        tags -> region.launchTemplates.put(id, region.launchTemplates.get(id).withTags(tags))));
            } else {
                throw new Ec2Error("InvalidID", "The ID '" + id + "' is not valid");
            }
        }
        return resources;
    }
}
