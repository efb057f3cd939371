package dev.amihousekeeping.cli;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.PublicSharePolicy;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.run.HousekeepingFunction;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fewest EC2 calls a run could have made for what it did (DESIGN §10), by action: per region, one
 * DescribeImages and DescribeSnapshots page per 1,000 owned resources; one call per applied action; expiry's
 * reference checks at 10 AMIs a DescribeImageReferences call. Reads that EC2 offers no batch form of are counted
 * one per resource, honestly, rather than left out to flatter the ratio: public-share's grant of each AMI and
 * snapshot, and expiry's launch permissions of each candidate nothing uses. Re-checks before an action
 * (invariant 6) are not in the bound: they are what safety costs, and the table shows them as the difference.
 */
final class LowerBound {

    /** The largest page DescribeImages and DescribeSnapshots return. */
    static final int PAGE = 1000;
    /** DescribeLaunchTemplateVersions returns at most 200 versions a page. */
    static final int TEMPLATE_PAGE = 200;
    /** DescribeImageReferences takes at most 10 image ids a call. */
    static final int REFERENCE_BATCH = 10;

    private LowerBound() {
    }

    /** The bound of one phase of {@code function}, from the regions' facts and what the run's report says it did. */
    static Map<String, Long> of(HousekeepingFunction function, List<RegionFacts> regions, Config config, Report report) {
        Map<String, Long> bound = new TreeMap<>();
        boolean anyCopySource = regions.stream().anyMatch(RegionFacts::copySources);
        for (RegionFacts region : regions) {
            switch (function) {
                case EXPIRY -> expiry(bound, region, config, report);
                case ORPHAN_SNAPSHOTS -> {
                    add(bound, "DescribeSnapshots", pages(region.snapshots(), PAGE));
                    add(bound, "DescribeImages", pages(region.images(), PAGE));
                }
                case PUBLIC_SHARE -> publicShare(bound, region, config);
                case CROSS_REGION_COPY -> add(bound, "DescribeImages", pages(region.images(), PAGE));
            }
        }
        if (function == HousekeepingFunction.CROSS_REGION_COPY && anyCopySource) {
            List<String> sources = regions.stream().map(RegionFacts::region).toList();
            // A destination that is not also a source is read once, for what it already holds.
            config.crossRegionCopy().destinationRegions().stream().filter(d -> !sources.contains(d))
                    .forEach(d -> add(bound, "DescribeImages", 1));
        }
        for (ActionResult action : report.actions()) {
            if (action.outcome() == Outcome.DONE) {
                add(bound, api(action), 1);
            }
        }
        return bound;
    }

    /** The EC2 call that applies {@code action}. */
    static String api(ActionResult action) {
        return switch (action.action()) {
            case MARK -> "CreateTags";
            case DEPRECATE -> "EnableImageDeprecation";
            case DISABLE -> "DisableImage";
            case DEREGISTER -> "DeregisterImage";
            case DELETE_SNAPSHOT -> "DeleteSnapshot";
            case REMOVE_GRANT -> action.resourceType() == ResourceType.SNAPSHOT
                    ? "ModifySnapshotAttribute" : "ModifyImageAttribute";
            case ENABLE_BLOCK_PUBLIC_ACCESS ->
                    PublicSharePolicy.SNAPSHOT_BLOCK_PUBLIC_ACCESS.equals(action.resourceId())
                            ? "EnableSnapshotBlockPublicAccess" : "EnableImageBlockPublicAccess";
            case COPY -> "CopyImage";
            case TAG -> "CreateTags";
            case RESTORE -> action.resourceType() == ResourceType.SNAPSHOT
                    ? "RestoreSnapshotFromRecycleBin" : "RestoreImageFromRecycleBin";
            case SET_PARAMETER -> "PutParameter";
        };
    }

    /** A kept reason that says the AMI is in use: expiry reads no launch permissions for it. */
    static boolean inUse(String keptReason) {
        return keptReason.startsWith("in-use");
    }

    static long pages(int resources, int pageSize) {
        return Math.max(1, (resources + pageSize - 1) / pageSize);
    }

    private static void expiry(Map<String, Long> bound, RegionFacts region, Config config, Report report) {
        add(bound, "DescribeImages", pages(region.images(), PAGE));
        // The owned snapshots: a deregistration deletes only snapshots this account owns.
        add(bound, "DescribeSnapshots", pages(region.snapshots(), PAGE));
        int candidates = region.expiryCandidates().size();
        if (candidates == 0) {
            return;
        }
        add(bound, "DescribeImageReferences", (candidates + REFERENCE_BATCH - 1) / REFERENCE_BATCH);
        if (region.launchTemplates() > 0) {
            // Every template's $Default version: one paged call without a template id (Versions=$Default).
            add(bound, "DescribeLaunchTemplateVersions", pages(region.launchTemplates(), TEMPLATE_PAGE));
        }
        add(bound, "DescribeLaunchConfigurations", 1);
        if (!config.expiry().includeShared()) {
            // Launch permissions of each candidate nothing uses: DescribeImages shows only Public.
            long inUse = report.kept().stream()
                    .filter(k -> region.region().equals(k.region()))
                    .filter(k -> region.expiryCandidates().contains(k.resourceId()))
                    .map(Kept::reason)
                    .filter(LowerBound::inUse)
                    .count();
            add(bound, "DescribeImageAttribute", candidates - inUse);
        }
    }

    private static void publicShare(Map<String, Long> bound, RegionFacts region, Config config) {
        // Plus one listing each of the public ones (is-public=true, RestorableByUserIds=all), which DESIGN §5 asks
        // for so that they are found whatever the deadline allows: at least one call, however few there are.
        add(bound, "DescribeImages", pages(region.images(), PAGE) + 1);
        add(bound, "DescribeImageAttribute", region.images());
        add(bound, "GetImageBlockPublicAccessState", 1);
        if (config.publicShare().includeSnapshots()) {
            add(bound, "DescribeSnapshots", pages(region.snapshots(), PAGE) + 1);
            add(bound, "DescribeSnapshotAttribute", region.snapshots());
            add(bound, "GetSnapshotBlockPublicAccessState", 1);
        }
    }

    private static void add(Map<String, Long> bound, String action, long calls) {
        if (calls > 0) {
            bound.merge(action, calls, Long::sum);
        }
    }
}
