package dev.amihousekeeping.core;

import dev.amihousekeeping.config.ExpiryConfig;
import dev.amihousekeeping.config.Selector;
import dev.amihousekeeping.testing.Fixtures;
import java.util.List;

/** Builds {@link ExpiryConfig}s for tests: the file's defaults, except deprecateFirst off so rules act at once. */
final class ExpiryTestConfig {

    private List<String> expiryTagKeys;
    private Integer maxAgeDays;
    private Integer keepLatest;
    private String lineageTagKey;
    private Integer minAgeDays;
    private Integer unusedDays;
    private boolean deprecateFirst;
    private Integer graceDays;
    private Boolean deleteSnapshots;
    private Boolean includeShared;
    private Boolean enabled;
    private Selector selector;
    private Integer noticeDays;
    private Boolean disableFirst;

    static ExpiryTestConfig config() {
        return new ExpiryTestConfig();
    }

    ExpiryTestConfig expiryTagKeys(String... keys) {
        expiryTagKeys = List.of(keys);
        return this;
    }

    ExpiryTestConfig maxAgeDays(int days) {
        maxAgeDays = days;
        return this;
    }

    ExpiryTestConfig keepLatest(int count) {
        keepLatest = count;
        return this;
    }

    ExpiryTestConfig lineageTagKey(String key) {
        lineageTagKey = key;
        return this;
    }

    ExpiryTestConfig minAgeDays(int days) {
        minAgeDays = days;
        return this;
    }

    ExpiryTestConfig unusedDays(int days) {
        unusedDays = days;
        return this;
    }

    ExpiryTestConfig deprecateFirst(int grace) {
        deprecateFirst = true;
        graceDays = grace;
        return this;
    }

    ExpiryTestConfig keepSnapshots() {
        deleteSnapshots = false;
        return this;
    }

    ExpiryTestConfig includeShared() {
        includeShared = true;
        return this;
    }

    ExpiryTestConfig disabled() {
        enabled = false;
        return this;
    }

    ExpiryTestConfig noticeDays(int days) {
        noticeDays = days;
        return this;
    }

    ExpiryTestConfig disableFirst() {
        disableFirst = true;
        return this;
    }

    ExpiryTestConfig selector(Selector value) {
        selector = value;
        return this;
    }

    ExpiryConfig build() {
        return new ExpiryConfig(enabled, expiryTagKeys, maxAgeDays, keepLatest, lineageTagKey, minAgeDays,
                unusedDays, deprecateFirst, graceDays, deleteSnapshots, includeShared, null, selector, noticeDays, null,
                disableFirst);
    }

    ExpiryPolicy policy() {
        return new ExpiryPolicy(build());
    }

    /** The plan for {@code inventory} at {@code NOW}, with evidence that finds nothing (see cleanEvidence). */
    Plan plan(Inventory inventory) {
        return policy().plan(inventory, ExpiryTestImage.cleanEvidence(inventory), Fixtures.NOW);
    }
}
