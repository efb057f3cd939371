package dev.amihousekeeping.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What uses each image in one region, as the gateway read it: image id -> human reasons such as
 * {@code i-0abc (running)}, {@code lt-0abc $Default}, {@code lt-0abc v7}, {@code ssm:/ami/web/latest},
 * {@code launch-configuration web-lc}.
 *
 * <p>The index fails closed in two ways. It knows which images it was asked about ({@code checkedImageIds}, or
 * all of them when the gateway scanned every instance and template itself): an image it never looked at is
 * "unknown", not "unused". And it records each in-use source that could not be read ({@code failures}, e.g.
 * {@code DescribeLaunchConfigurations: UnauthorizedOperation}): then no image of the region counts as unused.
 */
public record InUseIndex(
        Map<String, List<String>> uses,
        Set<String> checkedImageIds,
        boolean checkedAll,
        List<String> failures) {

    public InUseIndex {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        uses.forEach((id, reasons) -> copy.put(id, List.copyOf(reasons)));
        uses = Map.copyOf(copy);
        checkedImageIds = Set.copyOf(checkedImageIds);
        failures = List.copyOf(failures);
    }

    /** An index that answers for the given images only (e.g. those sent to DescribeImageReferences). */
    public static Builder checking(Collection<String> imageIds) {
        return new Builder(Set.copyOf(imageIds), false);
    }

    /** An index that answers for every image: the gateway read every in-use source whole. */
    public static Builder checkingAll() {
        return new Builder(Set.of(), true);
    }

    /** The reasons {@code imageId} is in use, in the order they were found; empty when none was found. */
    public List<String> uses(String imageId) {
        return uses.getOrDefault(imageId, List.of());
    }

    public boolean covers(String imageId) {
        return checkedAll || checkedImageIds.contains(imageId);
    }

    /** Why this index cannot say that {@code imageId} is unused, or empty when it can. */
    public Optional<String> unknown(String imageId) {
        if (!failures.isEmpty()) {
            return Optional.of(String.join(", ", failures));
        }
        return covers(imageId) ? Optional.empty() : Optional.of("not checked");
    }

    /** Collects uses and failures from however many sources the gateway reads. */
    public static final class Builder {
        private final Set<String> checkedImageIds;
        private final boolean checkedAll;
        private final Map<String, Set<String>> uses = new LinkedHashMap<>();
        private final List<String> failures = new ArrayList<>();

        private Builder(Set<String> checkedImageIds, boolean checkedAll) {
            this.checkedImageIds = checkedImageIds;
            this.checkedAll = checkedAll;
        }

        /** Records that {@code imageId} is used, e.g. {@code use("ami-1", "i-0abc (running)")}; repeats are merged. */
        public Builder use(String imageId, String reason) {
            Objects.requireNonNull(imageId, "imageId");
            Objects.requireNonNull(reason, "reason");
            uses.computeIfAbsent(imageId, k -> new LinkedHashSet<>()).add(reason);
            return this;
        }

        /** Records an in-use source that could not be read, e.g. {@code DescribeInstances: UnauthorizedOperation}. */
        public Builder failed(String source) {
            failures.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        public InUseIndex build() {
            Map<String, List<String>> lists = new LinkedHashMap<>();
            uses.forEach((id, reasons) -> lists.put(id, List.copyOf(reasons)));
            return new InUseIndex(lists, checkedImageIds, checkedAll, failures);
        }
    }
}
