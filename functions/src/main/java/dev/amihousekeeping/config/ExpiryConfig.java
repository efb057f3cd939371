package dev.amihousekeeping.config;

import java.util.List;

/** {@code expiry} section of the policy file (DESIGN §4). Absent keys take the safe defaults set here. */
public record ExpiryConfig(
        Boolean enabled,
        List<String> expiryTagKeys,
        Integer maxAgeDays,
        Integer keepLatest,
        String lineageTagKey,
        Integer minAgeDays,
        Integer unusedDays,
        Boolean deprecateFirst,
        Integer graceDays,
        Boolean deleteSnapshots,
        Boolean includeShared,
        List<String> exemptTagKeys,
        Selector selector,
        Integer noticeDays,
        String noticeTagKey,
        Boolean disableFirst) {

    /** The tag that dates the disable stage (DESIGN §5 expiry, "Stages"): the date the AMI was disabled. */
    public static final String DISABLED_ON_TAG_KEY = "HousekeepingDisabledOn";

    public ExpiryConfig {
        enabled = enabled == null || enabled;
        expiryTagKeys = expiryTagKeys == null ? List.of("DeleteOn", "ExpirationDate", "ExpiryDate") : List.copyOf(expiryTagKeys);
        minAgeDays = minAgeDays == null ? 1 : minAgeDays;
        deprecateFirst = deprecateFirst == null || deprecateFirst;
        graceDays = graceDays == null ? 7 : graceDays;
        deleteSnapshots = deleteSnapshots == null || deleteSnapshots;
        includeShared = includeShared != null && includeShared;
        exemptTagKeys = exemptTagKeys == null ? List.of("DoNotDelete", "Retain") : List.copyOf(exemptTagKeys);
        selector = selector == null ? Selector.all() : selector;
        noticeTagKey = noticeTagKey == null ? "HousekeepingNotice" : noticeTagKey;
        disableFirst = disableFirst != null && disableFirst;
    }

    public static ExpiryConfig defaults() {
        return new ExpiryConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }
}
