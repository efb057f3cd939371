package dev.amihousekeeping.config;

import java.util.List;

/**
 * The policy file (DESIGN §4), with every default applied. Built only through {@link ConfigLoader}, which
 * validates; the defaults are the safe choice ({@code dryRun} true, copy off). {@code regions} empty means
 * "the function's own region", resolved by the caller.
 */
public record Config(
        List<String> regions,
        Boolean dryRun,
        Integer maxActionsPerRun,
        ExpiryConfig expiry,
        OrphanSnapshotsConfig orphanSnapshots,
        PublicShareConfig publicShare,
        CrossRegionCopyConfig crossRegionCopy,
        TagOnCreateConfig tagOnCreate,
        LatestParametersConfig latestParameters) {

    public Config {
        regions = regions == null ? List.of() : List.copyOf(regions);
        dryRun = dryRun == null || dryRun;
        maxActionsPerRun = maxActionsPerRun == null ? 100 : maxActionsPerRun;
        expiry = expiry == null ? ExpiryConfig.defaults() : expiry;
        orphanSnapshots = orphanSnapshots == null ? OrphanSnapshotsConfig.defaults() : orphanSnapshots;
        publicShare = publicShare == null ? PublicShareConfig.defaults() : publicShare;
        crossRegionCopy = crossRegionCopy == null ? CrossRegionCopyConfig.defaults() : crossRegionCopy;
        tagOnCreate = tagOnCreate == null ? TagOnCreateConfig.defaults() : tagOnCreate;
        latestParameters = latestParameters == null ? LatestParametersConfig.defaults() : latestParameters;
    }

    public static Config defaults() {
        return new Config(null, null, null, null, null, null, null, null, null);
    }
}
