package dev.amihousekeeping.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code DescribeImages}. Visibility follows EC2: disabled AMIs only with {@code IncludeDisabled}; deprecated
 * AMIs of other owners only with {@code IncludeDeprecated} or when asked for by id (owners always see theirs).
 * Without {@code MaxResults} everything is returned in one response, with it pages of at most 1,000.
 */
final class DescribeImages implements Ec2Action {

    static final ResourceFilter<SeedImage> FILTERS = ResourceFilter.withTags(SeedImage::tags)
            .field("image-id", SeedImage::imageId)
            .field("name", SeedImage::name)
            .field("state", SeedImage::state)
            .field("owner-id", SeedImage::ownerId)
            .field("is-public", SeedImage::isPublic)
            .field("description", SeedImage::description)
            .field("architecture", SeedImage::architecture)
            .field("creation-date", image -> image.creationDate() == null ? null : Ec2Time.format(image.creationDate()))
            .field("root-device-name", SeedImage::rootDeviceName)
            .field("root-device-type", image -> "ebs")
            .field("image-type", image -> "machine")
            .field("virtualization-type", image -> "hvm")
            .field("hypervisor", image -> "xen")
            .field("ena-support", image -> true)
            .field("source-image-id", SeedImage::sourceImageId)
            .field("source-image-region", SeedImage::sourceRegion)
            .field("state-reason-code", image -> image.stateReason() == null ? null : image.stateReason().code())
            .field("state-reason-message", image -> image.stateReason() == null ? null : image.stateReason().message())
            .fields("owner-alias", image -> List.of())
            .fields("platform", image -> List.of())
            .fields("block-device-mapping.snapshot-id", image -> devices(image, SeedBlockDevice::snapshotId))
            .fields("block-device-mapping.device-name", image -> devices(image, SeedBlockDevice::deviceName))
            .fields("block-device-mapping.volume-size", image -> devices(image, SeedBlockDevice::volumeSize))
            .fields("block-device-mapping.volume-type", image -> devices(image, SeedBlockDevice::volumeType))
            .fields("block-device-mapping.encrypted", image -> devices(image, SeedBlockDevice::encrypted))
            .fields("block-device-mapping.delete-on-termination", image -> devices(image, device -> true));

    @Override
    public void run(Ec2Call call) {
        QueryRequest request = call.request();
        List<String> imageIds = request.list("ImageId");
        PageRequest page = PageRequest.of(request, "images", 5, 1000);
        page.refuseWithIds(imageIds, "imageIdsSet");
        boolean byId = !imageIds.isEmpty();
        boolean includeDeprecated = request.flag("IncludeDeprecated") || byId;
        Instant now = call.now();
        Predicate<SeedImage> shownIfDeprecated = image -> includeDeprecated
                || call.account().equals(image.ownerId())
                || image.deprecationTime() == null || image.deprecationTime().isAfter(now);
        Predicate<SeedImage> wanted = selection(call).and(shownIfDeprecated).and(FILTERS.compile(request.filters()));
        Collection<SeedImage> candidates = byId ? requested(call, imageIds)
                : Paging.from(listed(call, owners(call)), page);

        XmlWriter xml = call.xml();
        Paging.writeSet(xml, "imagesSet", candidates, wanted, page, image -> {
            ImageXml.image(xml, image, call.region());
            return image.imageId();
        });
    }

    private static Predicate<SeedImage> selection(Ec2Call call) {
        QueryRequest request = call.request();
        List<String> owners = owners(call);
        List<String> executableBy = request.list("ExecutableBy");
        boolean includeDisabled = request.flag("IncludeDisabled");
        return image -> call.visible(image)
                && (includeDisabled || !"disabled".equals(image.state()))
                && (owners.isEmpty() || owners.contains(image.ownerId()))
                && (executableBy.isEmpty() || executableBy.stream().anyMatch(who -> executableBy(call, image, who)));
    }

    private static List<String> owners(Ec2Call call) {
        return call.request().list("Owner").stream().map(o -> o.equals("self") ? call.account() : o).toList();
    }

    /** Explicit launch permissions only, as EC2: an owner's own image is not "executable by" it. */
    private static boolean executableBy(Ec2Call call, SeedImage image, String who) {
        if (who.equals("all")) {
            return image.isPublic();
        }
        return call.sharedWith(image, who.equals("self") ? call.account() : who);
    }

    /**
     * The region's images of this account plus, unless {@code Owner} asks only for this account's, the images
     * other accounts of the sandbox own in this region and share with it.
     */
    private static NavigableMap<String, SeedImage> listed(Ec2Call call, List<String> owners) {
        if (owners.size() == 1 && owners.get(0).equals(call.account())) {
            return call.region().images;
        }
        TreeMap<String, SeedImage> all = new TreeMap<>(call.region().images);
        for (AccountState other : call.state().sandbox().accounts()) {
            RegionState region = other == call.state() ? null : other.existingRegion(call.region().name);
            if (region == null) {
                continue;
            }
            for (SeedImage image : region.images.values()) {
                if ((owners.isEmpty() || owners.contains(image.ownerId())) && call.visible(image)) {
                    all.putIfAbsent(image.imageId(), image);
                }
            }
        }
        return all;
    }

    private static List<SeedImage> requested(Ec2Call call, List<String> imageIds) {
        List<String> missing = new ArrayList<>();
        List<SeedImage> found = new ArrayList<>();
        for (String imageId : new TreeSet<>(imageIds)) {
            if (!IdGenerator.isImageId(imageId)) {
                throw Ec2Error.imageMalformed(imageId);
            }
            SeedImage image = call.visibleImage(imageId);
            if (image == null) {
                missing.add(imageId);
            } else {
                found.add(image);
            }
        }
        if (!missing.isEmpty()) {
            throw Ec2Error.imagesNotFound(missing);
        }
        return found;
    }

    private static Collection<String> devices(SeedImage image, java.util.function.Function<SeedBlockDevice, Object> field) {
        return image.blockDeviceMappings().stream().map(field).filter(Objects::nonNull).map(String::valueOf).toList();
    }
}
