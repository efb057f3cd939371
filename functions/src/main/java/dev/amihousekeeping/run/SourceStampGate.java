package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.core.port.Applied;
import dev.amihousekeeping.core.port.Precondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Holds an event run's tag on its source image back when the tag of one of the source's copies failed in the
 * same run. Copies are tagged only by the run that stamps the source ({@code CopyStampPolicy}: a tag a person
 * removes from a copy is never added back), so a source stamped while a copy's tag failed would leave that copy
 * without it for good. Held back, the source is still unstamped when the event comes again (the failure is
 * retryable, so Lambda retries it), and that run plans both again. The copies' tags come first in the plan for
 * the same reason: a run cut short between the two leaves the source unstamped, not the copy.
 */
final class SourceStampGate {

    private final Image source;
    private final Set<String> copyTags;
    private final List<String> failed = new ArrayList<>();

    /** {@code copyStamps}: the plan of the copies' tags, whose failures hold the source's tag back. */
    SourceStampGate(Image source, Plan copyStamps) {
        this.source = source;
        this.copyTags = copyStamps.actions().stream().map(SourceStampGate::key).collect(Collectors.toSet());
    }

    /**
     * {@code recheck}, except that the source's tag is skipped once a copy's tag failed, its re-check included.
     * {@code recheck} still reads ahead.
     */
    Precondition precondition(Precondition recheck) {
        return new Precondition() {
            @Override
            public Optional<String> skipReason(Action action) throws Exception {
                if (isSourceTag(action) && !failed.isEmpty()) {
                    return Optional.of("held back: tagging copy " + String.join(", ", failed) + " failed; the"
                            + " source and its copies are stamped together when the event comes again");
                }
                if (!isCopyTag(action)) {
                    return recheck.skipReason(action);
                }
                try {
                    return recheck.skipReason(action);
                } catch (Exception e) {
                    failed.add(describe(action));
                    throw e;
                }
            }

            @Override
            public void prepare(List<Action> upcoming) throws Exception {
                recheck.prepare(upcoming);
            }
        };
    }

    /** {@code applier}, noting which copy's tag failed. */
    ActionApplier applier(ActionApplier applier) {
        return action -> {
            if (!isCopyTag(action)) {
                return applier.apply(action);
            }
            try {
                Applied applied = applier.apply(action);
                if (applied.outcome() == Outcome.FAILED) {
                    failed.add(describe(action));
                }
                return applied;
            } catch (Exception e) {
                failed.add(describe(action));
                throw e;
            }
        };
    }

    private boolean isSourceTag(Action action) {
        return action.type() == ActionType.TAG && action.resourceType() == ResourceType.IMAGE
                && action.resourceId().equals(source.imageId()) && action.region().equals(source.region());
    }

    private boolean isCopyTag(Action action) {
        return copyTags.contains(key(action));
    }

    private static String key(Action action) {
        return action.type() + " " + action.resourceType() + " " + action.region() + "/" + action.resourceId();
    }

    private static String describe(Action action) {
        return action.resourceId() + " in " + action.region();
    }
}
