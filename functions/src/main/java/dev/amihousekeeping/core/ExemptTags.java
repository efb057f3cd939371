package dev.amihousekeeping.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exempt-tag rule of expiry and orphan-snapshots (DESIGN §5): a resource is exempt when it carries any of the
 * configured keys, matched case-insensitively and with surrounding spaces ignored. A person who tags
 * {@code retain} or {@code "DoNotDelete "} means it; reading their tag loosely can only keep more.
 */
final class ExemptTags {

    private ExemptTags() {
    }

    /** The first of {@code exemptKeys} (as configured, trimmed) that {@code tags} carries, if any. */
    static Optional<String> find(Map<String, String> tags, List<String> exemptKeys) {
        for (String exempt : exemptKeys) {
            String wanted = exempt.strip();
            if (tags.keySet().stream().anyMatch(key -> key.strip().equalsIgnoreCase(wanted))) {
                return Optional.of(wanted);
            }
        }
        return Optional.empty();
    }
}
