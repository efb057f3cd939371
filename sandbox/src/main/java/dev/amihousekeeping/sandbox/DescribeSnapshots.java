package dev.amihousekeeping.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code DescribeSnapshots}: the snapshots this account owns or may create volumes from. Without
 * {@code MaxResults} everything comes in one response, with it pages of at most 1,000.
 */
final class DescribeSnapshots implements Ec2Action {

    static final ResourceFilter<SeedSnapshot> FILTERS = ResourceFilter.withTags(SeedSnapshot::tags)
            .field("snapshot-id", SeedSnapshot::snapshotId)
            .field("volume-id", SeedSnapshot::volumeId)
            .field("volume-size", SeedSnapshot::volumeSize)
            .field("description", SeedSnapshot::description)
            .field("owner-id", SeedSnapshot::ownerId)
            .field("status", SeedSnapshot::state)
            .field("encrypted", SeedSnapshot::encrypted)
            .field("kms-key-id", SeedSnapshot::kmsKeyId)
            .field("storage-tier", SeedSnapshot::storageTier)
            .field("progress", snapshot -> "completed".equals(snapshot.state()) ? "100%" : "0%")
            .field("start-time", snapshot -> snapshot.startTime() == null ? null : Ec2Time.format(snapshot.startTime()))
            .fields("owner-alias", snapshot -> List.of());

    @Override
    public void run(Ec2Call call) {
        QueryRequest request = call.request();
        List<String> snapshotIds = request.list("SnapshotId");
        PageRequest page = PageRequest.of(request, "snapshots", 5, 1000);
        page.refuseWithIds(snapshotIds, "snapshotSet");
        String account = call.account();
        List<String> owners = request.list("Owner").stream().map(o -> o.equals("self") ? account : o).toList();
        List<String> restorableBy = request.list("RestorableBy").stream()
                .map(r -> r.equals("self") ? account : r).toList();
        Predicate<SeedSnapshot> wanted = FILTERS.compile(request.filters()).and(snapshot -> call.visible(snapshot)
                && (owners.isEmpty() || owners.contains(snapshot.ownerId()))
                && (restorableBy.isEmpty() || restorableBy.stream().anyMatch(who -> restorable(snapshot, who))));
        Collection<SeedSnapshot> candidates = !snapshotIds.isEmpty() ? requested(call, snapshotIds)
                : Paging.from(call.region().snapshots, page);

        XmlWriter xml = call.xml();
        Paging.writeSet(xml, "snapshotSet", candidates, wanted, page, snapshot -> {
            ImageXml.snapshot(xml, snapshot, call.region());
            return snapshot.snapshotId();
        });
    }

    private static boolean restorable(SeedSnapshot snapshot, String who) {
        return snapshot.ownerId().equals(who) || snapshot.createVolumePermissions().stream()
                .anyMatch(p -> p.isPublicGroup() || who.equals(p.userId()));
    }

    private static List<SeedSnapshot> requested(Ec2Call call, List<String> snapshotIds) {
        List<SeedSnapshot> found = new ArrayList<>();
        for (String snapshotId : new TreeSet<>(snapshotIds)) {
            found.add(call.snapshot(snapshotId));
        }
        return found;
    }
}
