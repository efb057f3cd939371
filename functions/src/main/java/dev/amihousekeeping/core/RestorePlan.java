package dev.amihousekeeping.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code ami-housekeeping restore} does, decided from what the Recycle Bin holds: which AMIs and snapshots,
 * in which order, with which tags to remove. Pure: the bin, the ids EC2 lists outside the bin and the selection
 * come in, nothing is read here.
 * <p>Selected: a resource tagged with the selection's run id, one named by id, and a snapshot whose description
 * names a selected AMI (CreateImage and CopyImage write it so): an AMI comes back only with its snapshots. Every
 * snapshot is restored before any AMI, since EC2 refuses to restore an AMI whose snapshots are still in the bin.
 * A named id that is not in the bin is {@code skipped}, saying whether EC2 lists it (already restored) or not
 * (purged when its retention ended, or never deleted).
 *
 * @param restores the restores in the order to apply them: snapshots, then images, each by region and id
 * @param notInBin the named ids that are not in the bin, as skipped report entries
 */
public record RestorePlan(List<Action.Restore> restores, List<ActionResult> notInBin) {

    public RestorePlan {
        restores = List.copyOf(restores);
        notInBin = List.copyOf(notInBin);
    }

    /**
     * @param regions  the regions the bin was read in, for an id found in none of them
     * @param bin      what the bins of {@code regions} hold, with tags
     * @param liveIds  of the named ids not in the bin, those EC2 lists, with the region it lists them in
     */
    public static RestorePlan of(RestoreSelection selection, List<String> regions, List<BinnedResource> bin,
                                 Map<String, String> liveIds, StageTagKeys tags) {
        Map<String, Set<String>> selectedImages = new TreeMap<>();
        for (BinnedResource resource : bin) {
            if (resource.type() == ResourceType.IMAGE) {
                Set<String> why = reasons(resource, selection, tags);
                if (!why.isEmpty()) {
                    selectedImages.put(resource.region() + "/" + resource.resourceId(), why);
                }
            }
        }
        List<Action.Restore> snapshots = new ArrayList<>();
        List<Action.Restore> images = new ArrayList<>();
        for (BinnedResource resource : bin) {
            Set<String> why = resource.type() == ResourceType.IMAGE
                    ? selectedImages.getOrDefault(resource.region() + "/" + resource.resourceId(), Set.of())
                    : reasons(resource, selection, tags);
            if (resource.type() == ResourceType.SNAPSHOT) {
                SnapshotOrigin.parse(resource.description()).amiId()
                        .filter(ami -> selectedImages.containsKey(resource.region() + "/" + ami))
                        .ifPresent(ami -> why.add("snapshot of " + ami));
            }
            if (why.isEmpty()) {
                continue;
            }
            Action.Restore restore = new Action.Restore(resource.region(), resource.type(), resource.resourceId(),
                    String.join(", ", why), tags.all().stream().filter(resource.tags()::containsKey).toList(),
                    resource.type() == ResourceType.IMAGE && resource.tags().containsKey(tags.disabledOn()),
                    resource.exitTime());
            (resource.type() == ResourceType.SNAPSHOT ? snapshots : images).add(restore);
        }
        Comparator<Action.Restore> byRegionAndId = Comparator.comparing(Action.Restore::region)
                .thenComparing(Action.Restore::resourceId);
        snapshots.sort(byRegionAndId);
        images.sort(byRegionAndId);
        List<Action.Restore> ordered = new ArrayList<>(snapshots);
        ordered.addAll(images);
        return new RestorePlan(ordered, notInBin(selection, regions, bin, liveIds));
    }

    private static Set<String> reasons(BinnedResource resource, RestoreSelection selection, StageTagKeys tags) {
        Set<String> why = new LinkedHashSet<>();
        if (selection.runId() != null && selection.runId().equals(resource.tags().get(tags.runId()))) {
            why.add("run " + selection.runId());
        }
        if (selection.namedIds().contains(resource.resourceId())) {
            why.add("named");
        }
        return why;
    }

    private static List<ActionResult> notInBin(RestoreSelection selection, List<String> regions,
                                               List<BinnedResource> bin, Map<String, String> liveIds) {
        Set<String> inBin = new LinkedHashSet<>();
        bin.forEach(resource -> inBin.add(resource.resourceId()));
        List<ActionResult> skipped = new ArrayList<>();
        for (String id : selection.namedIds()) {
            if (inBin.contains(id)) {
                continue;
            }
            ResourceType type = id.startsWith("ami-") ? ResourceType.IMAGE : ResourceType.SNAPSHOT;
            String live = liveIds.get(id);
            skipped.add(new ActionResult(live != null ? live : String.join(",", regions), type, id,
                    ActionType.RESTORE, "named", Outcome.SKIPPED, live != null
                    ? "already restored: not in the Recycle Bin, and EC2 lists it"
                    : "not in the Recycle Bin: purged when its retention ended, or never deleted"));
        }
        return skipped;
    }
}
