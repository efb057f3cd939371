package dev.amihousekeeping.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * Checks what JSON types cannot: ranges, region names, id formats, and rules across keys. Throws the first
 * problem as a one-line {@link ConfigException}. {@link ConfigLoader#parse} calls it; call it yourself only for
 * a {@link Config} built in code. Sections are checked in file order; map entries in key order, so the same
 * policy always reports the same problem.
 */
public final class ConfigValidator {

    private ConfigValidator() {
    }

    public static void validate(Config config) {
        PolicyValues.regions("regions", config.regions());
        // 0 would make every non-empty plan "over the cap": nothing applied and an alert on every run. Pausing is
        // what dryRun and enabled are for, so 0 is refused rather than given that surprising meaning.
        PolicyValues.atLeast("maxActionsPerRun", config.maxActionsPerRun(), 1);
        expiry("expiry", config.expiry());
        recycleBin("recycleBin", config.recycleBin());
        orphanSnapshots("orphanSnapshots", config.orphanSnapshots());
        publicShare("publicShare", config.publicShare());
        crossRegionCopy("crossRegionCopy", config.crossRegionCopy());
        tagOnCreate("tagOnCreate", config.tagOnCreate());
        if (config.accounts() != null) {
            accounts("accounts", config.accounts());
        }
        latestParameters("latestParameters", config.latestParameters());
        PolicyValues.onePartition(config);
    }

    private static void expiry(String path, ExpiryConfig expiry) {
        PolicyValues.tagKeys(KeyPath.field(path, "expiryTagKeys"), expiry.expiryTagKeys());
        PolicyValues.atLeastWhenSet(KeyPath.field(path, "maxAgeDays"), expiry.maxAgeDays(), 0, null);
        // keepLatest 0 would protect nothing, which is what null already says; 0 is more likely a slip.
        PolicyValues.atLeastWhenSet(KeyPath.field(path, "keepLatest"), expiry.keepLatest(), 1, "null for no limit");
        if (expiry.lineageTagKey() != null) {
            PolicyValues.tagKey(KeyPath.field(path, "lineageTagKey"), expiry.lineageTagKey());
        }
        PolicyValues.atLeast(KeyPath.field(path, "minAgeDays"), expiry.minAgeDays(), 0);
        PolicyValues.atLeastWhenSet(KeyPath.field(path, "unusedDays"), expiry.unusedDays(), 0, null);
        PolicyValues.atLeast(KeyPath.field(path, "graceDays"), expiry.graceDays(), 0);
        PolicyValues.tagKeys(KeyPath.field(path, "exemptTagKeys"), expiry.exemptTagKeys());
        selector(KeyPath.field(path, "selector"), expiry.selector());
        // 0 days would mark an AMI and let it go in the same run: no notice at all. Null is "no notice stage".
        PolicyValues.atLeastWhenSet(KeyPath.field(path, "noticeDays"), expiry.noticeDays(), 1, "null for no notice");
        PolicyValues.writableTagKey(KeyPath.field(path, "noticeTagKey"), expiry.noticeTagKey());
    }

    private static void recycleBin(String path, RecycleBinConfig recycleBin) {
        PolicyValues.between(KeyPath.field(path, "retentionDays"), recycleBin.retentionDays(),
                RecycleBinConfig.MIN_RETENTION_DAYS, RecycleBinConfig.MAX_RETENTION_DAYS);
        PolicyValues.writableTagKey(KeyPath.field(path, "tagKey"), recycleBin.tagKey());
    }

    private static void orphanSnapshots(String path, OrphanSnapshotsConfig orphans) {
        PolicyValues.atLeast(KeyPath.field(path, "minAgeDays"), orphans.minAgeDays(), 0);
        PolicyValues.tagKeys(KeyPath.field(path, "exemptTagKeys"), orphans.exemptTagKeys());
    }

    private static void publicShare(String path, PublicShareConfig share) {
        PolicyValues.accountIds(KeyPath.field(path, "allowedAccountIds"), share.allowedAccountIds());
        PolicyValues.organizationArns(KeyPath.field(path, "allowedOrganizationArns"), share.allowedOrganizationArns());
        PolicyValues.organizationalUnitArns(KeyPath.field(path, "allowedOrganizationalUnitArns"),
                share.allowedOrganizationalUnitArns());
        PolicyValues.imageIds(KeyPath.field(path, "allowedPublicImageIds"), share.allowedPublicImageIds());
    }

    private static void crossRegionCopy(String path, CrossRegionCopyConfig copy) {
        String destinationsPath = KeyPath.field(path, "destinationRegions");
        PolicyValues.regions(destinationsPath, copy.destinationRegions());
        if (copy.enabled() && copy.destinationRegions().isEmpty()) {
            throw new ConfigException(destinationsPath,
                    "must name at least one region when " + KeyPath.field(path, "enabled") + " is true");
        }
        selector(KeyPath.field(path, "selector"), copy.selector());
        String keysPath = KeyPath.field(path, "kmsKeyIds");
        for (Map.Entry<String, String> key : new TreeMap<>(copy.kmsKeyIds()).entrySet()) {
            String keyPath = KeyPath.field(keysPath, key.getKey());
            if (!copy.destinationRegions().contains(key.getKey())) {
                throw new ConfigException(keyPath, "key for a region not in destinationRegions");
            }
            PolicyValues.kmsKey(keyPath, key.getValue(), key.getKey());
        }
    }

    private static void tagOnCreate(String path, TagOnCreateConfig tagOnCreate) {
        PolicyValues.writableTagKey(KeyPath.field(path, "creatorTagKey"), tagOnCreate.creatorTagKey());
        // 0 days would stamp a DeleteOn of today: every new AMI born expired.
        PolicyValues.atLeastWhenSet(KeyPath.field(path, "defaultRetentionDays"), tagOnCreate.defaultRetentionDays(), 1,
                "null for no DeleteOn tag");
    }

    private static void accounts(String path, AccountsConfig accounts) {
        String idsPath = KeyPath.field(path, "ids");
        if (accounts.organization() && !accounts.ids().isEmpty()) {
            throw new ConfigException(idsPath, "must not be set together with " + KeyPath.field(path, "organization")
                    + " true (one of the two)");
        }
        if (!accounts.organization() && accounts.ids().isEmpty()) {
            throw new ConfigException(path, "must set organization true or name ids (null covers the own account"
                    + " only)");
        }
        PolicyValues.accountIds(idsPath, accounts.ids());
        PolicyValues.accountIds(KeyPath.field(path, "exclude"), accounts.exclude());
        PolicyValues.roleName(KeyPath.field(path, "roleName"), accounts.roleName());
    }

    private static void latestParameters(String path, LatestParametersConfig latest) {
        PolicyValues.parameterPrefix(KeyPath.field(path, "prefix"), latest.prefix(),
                LatestParametersConfig.MAX_PREFIX_LEVELS);
        selector(KeyPath.field(path, "selector"), latest.selector());
    }

    private static void selector(String path, Selector selector) {
        String tagsPath = KeyPath.field(path, "tags");
        for (Map.Entry<String, String> tag : new TreeMap<>(selector.tags()).entrySet()) {
            String tagPath = KeyPath.field(tagsPath, tag.getKey());
            PolicyValues.tagKey(tagPath, tag.getKey());
            PolicyValues.tagValue(tagPath, tag.getValue());
        }
        if (selector.namePattern() != null && selector.namePattern().isBlank()) {
            throw new ConfigException(KeyPath.field(path, "namePattern"), "must not be empty (null matches every name)");
        }
    }
}
