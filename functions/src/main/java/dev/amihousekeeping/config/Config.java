package dev.amihousekeeping.config;

import java.util.List;

/**
 * The policy file (DESIGN §4), with every default applied. Built only through {@link ConfigLoader}, which
 * validates; the defaults are the safe choice ({@code dryRun} true, copy off). {@code regions} empty means
 * "the function's own region", resolved by the caller. {@code accounts} null means the credentials' own account.
 */
public record Config(
        List<String> regions,
        Boolean dryRun,
        Integer maxActionsPerRun,
        ExpiryConfig expiry,
        RecycleBinConfig recycleBin,
        OrphanSnapshotsConfig orphanSnapshots,
        PublicShareConfig publicShare,
        CrossRegionCopyConfig crossRegionCopy,
        TagOnCreateConfig tagOnCreate,
        AccountsConfig accounts,
        LatestParametersConfig latestParameters) {

    public Config {
        regions = regions == null ? List.of() : List.copyOf(regions);
        dryRun = dryRun == null || dryRun;
        maxActionsPerRun = maxActionsPerRun == null ? 100 : maxActionsPerRun;
        expiry = expiry == null ? ExpiryConfig.defaults() : expiry;
        recycleBin = recycleBin == null ? RecycleBinConfig.defaults() : recycleBin;
        orphanSnapshots = orphanSnapshots == null ? OrphanSnapshotsConfig.defaults() : orphanSnapshots;
        publicShare = publicShare == null ? PublicShareConfig.defaults() : publicShare;
        crossRegionCopy = crossRegionCopy == null ? CrossRegionCopyConfig.defaults() : crossRegionCopy;
        tagOnCreate = tagOnCreate == null ? TagOnCreateConfig.defaults() : tagOnCreate;
        latestParameters = latestParameters == null ? LatestParametersConfig.defaults() : latestParameters;
        // accounts stays null: the credentials' own account only (DESIGN §4).
    }

    public static Config defaults() {
        return new Config(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** This policy covering {@code accounts} instead of its own (the CLI's {@code --accounts}). */
    public Config withAccounts(AccountsConfig accounts) {
        return new Config(regions, dryRun, maxActionsPerRun, expiry, recycleBin, orphanSnapshots, publicShare,
                crossRegionCopy, tagOnCreate, accounts, latestParameters);
    }
}
