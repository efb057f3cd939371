package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.BinnedResource;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ImageState;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.port.Applied;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The Recycle Bin through EC2 (the CLI's {@code restore}): what the bin holds, with tags, and restoring one AMI or
 * snapshot from it. The listings carry no tags; a binned resource's tags are read with {@code DescribeTags} by
 * resource id, as the Recycle Bin console does.
 */
public final class RecycleBinGateway {

    /** The calls of {@link #list}. */
    public static final Set<String> IAM_LIST = Set.of("ec2:ListImagesInRecycleBin", "ec2:ListSnapshotsInRecycleBin",
            "ec2:DescribeTags");
    /** The calls of {@link #restore}: the image's state is read to know whether it came back disabled. */
    public static final Set<String> IAM_RESTORE = Set.of("ec2:RestoreSnapshotFromRecycleBin",
            "ec2:RestoreImageFromRecycleBin", "ec2:DescribeImages", "ec2:EnableImage", "ec2:DeleteTags");

    private final Ec2Clients clients;
    private final Ec2Gateway gateway;

    public RecycleBinGateway(Ec2Clients clients, Ec2Gateway gateway) {
        this.clients = clients;
        this.gateway = gateway;
    }

    /** Every AMI and snapshot in the region's bin, AMIs first, each with its tags. */
    public List<BinnedResource> list(String region) {
        List<BinnedResource> bin = new ArrayList<>();
        Ec2Gateway.call("ListImagesInRecycleBin", region, () -> clients.ec2(region)
                .listImagesInRecycleBinPaginator(r -> r.maxResults(1000)).images().stream().toList())
                .forEach(i -> bin.add(new BinnedResource(region, ResourceType.IMAGE, i.imageId(), i.description(),
                        i.recycleBinEnterTime(), i.recycleBinExitTime(), Map.of())));
        Ec2Gateway.call("ListSnapshotsInRecycleBin", region, () -> clients.ec2(region)
                .listSnapshotsInRecycleBinPaginator(r -> r.maxResults(1000)).snapshots().stream().toList())
                .forEach(s -> bin.add(new BinnedResource(region, ResourceType.SNAPSHOT, s.snapshotId(),
                        s.description(), s.recycleBinEnterTime(), s.recycleBinExitTime(), Map.of())));
        Map<String, Map<String, String>> tags = tags(region, bin.stream().map(BinnedResource::resourceId).toList());
        return bin.stream().map(r -> r.withTags(tags.getOrDefault(r.resourceId(), Map.of()))).toList();
    }

    /** Of {@code ids}, those EC2 lists outside the bin in {@code region} (restored, or never deleted). */
    public Set<String> liveIds(String region, Collection<String> ids) {
        Set<String> live = new TreeSet<>(gateway.describeImages(region,
                ids.stream().filter(id -> id.startsWith("ami-")).toList()).keySet());
        live.addAll(gateway.describeSnapshots(region, ids.stream().filter(id -> id.startsWith("snap-")).toList())
                .keySet());
        return live;
    }

    private Map<String, Map<String, String>> tags(String region, List<String> ids) {
        Map<String, Map<String, String>> tags = new HashMap<>();
        for (List<String> batch : Ec2Gateway.batches(ids)) {
            Ec2Gateway.call("DescribeTags", region, () -> clients.ec2(region)
                    .describeTagsPaginator(r -> r.filters(Filter.builder().name("resource-id").values(batch).build()))
                    .tags().stream().toList())
                    .forEach(t -> tags.computeIfAbsent(t.resourceId(), id -> new LinkedHashMap<>())
                            .put(t.key(), t.value() == null ? "" : t.value()));
        }
        return tags;
    }

    /**
     * Restores one AMI or snapshot, then enables an image the disable stage disabled, then removes the stage tags.
     * Not in the bin any more (restored or purged meanwhile): skipped. EC2 refusing an AMI whose snapshots are not
     * back ({@code IncorrectState} in the sandbox; AWS documents the rule, not the code): failed, saying so.
     * Restored but not enabled or untagged: failed, since the resource is back but not as the report says.
     */
    public Applied restore(Action.Restore action) {
        String region = action.region();
        String id = action.resourceId();
        try {
            if (action.resourceType() == ResourceType.SNAPSHOT) {
                Ec2Gateway.withOutcomes("RestoreSnapshotFromRecycleBin", region, () -> clients.ec2(region)
                        .restoreSnapshotFromRecycleBin(r -> r.snapshotId(id)));
            } else {
                Ec2Gateway.withOutcomes("RestoreImageFromRecycleBin", region, () -> clients.ec2(region)
                        .restoreImageFromRecycleBin(r -> r.imageId(id)));
            }
        } catch (Ec2OutcomeException outcome) {
            if (outcome.kind() != Ec2OutcomeException.Kind.GONE) {
                return Applied.failed(outcome.errorCode() + ": " + outcome.errorMessage());
            }
            return Applied.skipped("not in the Recycle Bin any more: restored or purged meanwhile ("
                    + outcome.errorCode() + ")");
        } catch (Ec2Exception e) {
            if (action.resourceType() == ResourceType.IMAGE && "IncorrectState".equals(e.errorCode())) {
                return Applied.failed("EC2 refuses: " + e.errorMessage() + " Restore its snapshots first "
                        + "(--snapshot); a snapshot purged from the bin cannot come back, nor can the AMI.");
            }
            return Applied.failed(e.errorCode() + ": " + e.errorMessage());
        }
        List<String> done = new ArrayList<>(List.of("restored"));
        try {
            if (action.enableImage()) {
                Optional<Image> image = gateway.describeImage(region, id);
                if (image.isPresent() && image.get().state() == ImageState.DISABLED) {
                    Ec2Gateway.call("EnableImage", region, () -> clients.ec2(region).enableImage(r -> r.imageId(id)));
                    done.add("enabled (the disable stage disabled it)");
                }
            }
            if (!action.stageTags().isEmpty()) {
                Ec2Gateway.call("DeleteTags", region, () -> clients.ec2(region).deleteTags(r -> r.resources(id)
                        .tags(action.stageTags().stream().map(key -> Tag.builder().key(key).build()).toList())));
                done.add("removed tags " + String.join(", ", action.stageTags()));
            }
        } catch (Ec2Exception e) {
            return Applied.failed(String.join("; ", done) + "; then " + e.operation() + " failed: " + e.errorCode()
                    + ": " + e.errorMessage());
        }
        return Applied.done(String.join("; ", done));
    }
}
