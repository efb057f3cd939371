package dev.amihousekeeping.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code DescribeVolumes}, from the seed's {@code volumes}. Without {@code MaxResults} everything comes in one
 * response; with it pages of 5 to 500, as the API reference allows, and not together with {@code VolumeId}.
 */
final class DescribeVolumes implements Ec2Action {

    static final ResourceFilter<SeedVolume> FILTERS = ResourceFilter.withTags(SeedVolume::tags)
            .field("volume-id", SeedVolume::volumeId)
            .field("snapshot-id", SeedVolume::snapshotId)
            .field("status", SeedVolume::state)
            .field("size", SeedVolume::size)
            .field("volume-type", volume -> "gp3")
            .field("encrypted", volume -> false)
            .field("multi-attach-enabled", volume -> false);

    @Override
    public void run(Ec2Call call) {
        QueryRequest request = call.request();
        List<String> volumeIds = request.list("VolumeId");
        PageRequest page = PageRequest.of(request, "volumes", 5, 500);
        page.refuseWithIds(volumeIds, "volumeSet");
        RegionState region = call.region();
        Predicate<SeedVolume> wanted = FILTERS.compile(request.filters());
        Collection<SeedVolume> candidates = !volumeIds.isEmpty() ? requested(region, volumeIds)
                : Paging.from(region.volumes, page);

        XmlWriter xml = call.xml();
        Paging.writeSet(xml, "volumeSet", candidates, wanted, page, volume -> {
            xml.start("item")
                    .leaf("volumeId", volume.volumeId())
                    .leaf("size", volume.size())
                    .leaf("snapshotId", volume.snapshotId() == null ? "" : volume.snapshotId())
                    .leaf("availabilityZone", region.name + "a")
                    .leaf("status", volume.state())
                    .leaf("createTime", volume.createTime() == null ? region.defaultTime : volume.createTime())
                    .empty("attachmentSet");
            ImageXml.tags(xml, volume.tags());
            xml.leaf("volumeType", "gp3").leaf("encrypted", false).leaf("multiAttachEnabled", false).end();
            return volume.volumeId();
        });
    }

    private static List<SeedVolume> requested(RegionState region, List<String> volumeIds) {
        List<SeedVolume> found = new ArrayList<>();
        for (String volumeId : new TreeSet<>(volumeIds)) {
            if (!IdGenerator.isVolumeId(volumeId)) {
                throw Ec2Error.malformed("InvalidVolumeID.Malformed", volumeId, "vol-");
            }
            SeedVolume volume = region.volumes.get(volumeId);
            if (volume == null) {
                throw new Ec2Error("InvalidVolume.NotFound", "The volume '" + volumeId + "' does not exist.");
            }
            found.add(volume);
        }
        return found;
    }
}
