package dev.amihousekeeping.ec2;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the recycle tags ({@code recycleBin.tagKey = true}, {@code HousekeepingRunId} = the run id) on what is about
 * to be deregistered or deleted, so that the stack's tag-level Recycle Bin rules keep it and {@code restore --run}
 * finds it (DESIGN §5 "Recycle Bin", invariant 13). The caller deregisters or deletes only when {@link #tag} says
 * the tags are on: a failed tagging keeps everything of that action.
 */
final class RecycleTagging {

    private final Ec2Gateway gateway;
    private final Map<String, String> tags;

    /** {@code tags} empty: the Recycle Bin is off, and nothing is tagged. */
    RecycleTagging(Ec2Gateway gateway, Map<String, String> tags) {
        this.gateway = gateway;
        this.tags = Map.copyOf(tags);
    }

    /**
     * Tags {@code resourceIds} (an image and its snapshots, or one snapshot) in one CreateTags call. Empty when they
     * carry the tags now (or there are none to write); otherwise why not, and the caller must delete nothing. When
     * EC2 says one of them is gone, each is tagged on its own and the gone ones are left out: they are not there to
     * delete (the caller's deregistration or deletion then says "already gone" for them).
     */
    Optional<String> tag(String region, List<String> resourceIds) {
        if (tags.isEmpty() || resourceIds.isEmpty()) {
            return Optional.empty();
        }
        try {
            gateway.createTags(region, resourceIds, tags);
            return Optional.empty();
        } catch (Ec2OutcomeException e) {
            if (e.kind() != Ec2OutcomeException.Kind.GONE || resourceIds.size() == 1) {
                return e.kind() == Ec2OutcomeException.Kind.GONE ? Optional.empty() : failed(e.errorCode(),
                        e.errorMessage());
            }
            return eachOnItsOwn(region, resourceIds);
        } catch (Ec2Exception e) {
            return failed(e.errorCode(), e.errorMessage());
        }
    }

    /**
     * Takes the recycle tags off {@code resourceIds} again: snapshots EC2 refused to delete (in use), which stay and
     * should not look recycled. Empty when done (or nothing to do); otherwise what went wrong, for the detail: the
     * snapshot stays either way, so a failure here deletes nothing and is only reported.
     */
    Optional<String> untag(String region, List<String> resourceIds) {
        if (tags.isEmpty() || resourceIds.isEmpty()) {
            return Optional.empty();
        }
        try {
            gateway.deleteTags(region, resourceIds, List.copyOf(tags.keySet()));
            return Optional.empty();
        } catch (Ec2OutcomeException | Ec2Exception e) {
            return Optional.of("recycle tags left on " + resourceIds + " (" + e.getMessage() + ")");
        }
    }

    private Optional<String> eachOnItsOwn(String region, List<String> resourceIds) {
        for (String id : resourceIds) {
            try {
                gateway.createTags(region, List.of(id), tags);
            } catch (Ec2OutcomeException e) {
                if (e.kind() != Ec2OutcomeException.Kind.GONE) {
                    return failed(e.errorCode(), e.errorMessage());
                }
            } catch (Ec2Exception e) {
                return failed(e.errorCode(), e.errorMessage());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> failed(String code, String message) {
        return Optional.of("recycle tags not written (" + code + ": " + message + "): nothing deregistered or deleted");
    }
}
