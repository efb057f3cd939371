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
        if (!volumeIds.isEmpty() && page.paged()) {
            throw Ec2Error.combination("The parameter volumeSet cannot be used with the parameter maxResults");
        }
        RegionState region = call.region();
        Predicate<SeedVolume> wanted = FILTERS.compile(request.filters());
        Collection<SeedVolume> candidates = !volumeIds.isEmpty() ? requested(region, volumeIds)
                : page.after() == null ? region.volumes.values()
                : region.volumes.tailMap(page.after(), false).values();

        XmlWriter xml = call.xml().start("volumeSet");
        String last = Paging.write(candidates, wanted, page, volume -> {
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
        xml.end();
        if (last != null) {
            xml.leaf("nextToken", PageRequest.token("volumes", last));
        }
    }

    private static List<SeedVolume> requested(RegionState region, List<String> volumeIds) {
        List<SeedVolume> found = new ArrayList<>();
        for (String volumeId : new TreeSet<>(volumeIds)) {
            if (!IdGenerator.isVolumeId(volumeId)) {
                throw new Ec2Error("InvalidVolumeID.Malformed",
                        "Invalid id: \"" + volumeId + "\" (expecting \"vol-...\")");
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
