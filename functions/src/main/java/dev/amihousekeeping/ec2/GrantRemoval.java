package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.port.Applied;
import java.util.List;
import java.util.Objects;

/**
 * Removes a {@code remove-grant} action's grants from an image (launch permissions) or a snapshot (create-volume
 * permissions), then reads the grants back: only the action's grants that were there before are removed
 * (invariant 9), a grant still there afterwards fails the action, and the detail shows the grants before and
 * after. The caller may pass the grants it has just read, so that one read is both its re-check (invariant 6) and
 * the "before" here: public-share's applier does, and the read-back is then all the alert needs too.
 */
public final class GrantRemoval {

    private final Ec2Gateway gateway;

    public GrantRemoval(Ec2Gateway gateway) {
        this.gateway = gateway;
    }

    /**
     * What a removal did, and the resource's grants as last read by it: read back after the removal, or the
     * grants before when nothing was left to remove; null when it never got to read them (the resource is gone).
     */
    public record Result(Applied applied, List<LaunchPermission> grantsAfter) {

        public Result {
            Objects.requireNonNull(applied, "applied");
            grantsAfter = grantsAfter == null ? null : List.copyOf(grantsAfter);
        }
    }

    /**
     * Removes the action's grants found in {@code grantsBefore}, which the caller has read from EC2 just now.
     * A refused removal (other than the resource being gone) is thrown, as any failure of an applier.
     */
    public Result remove(Action.RemoveGrants action, List<LaunchPermission> grantsBefore) throws Ec2OutcomeException {
        Objects.requireNonNull(grantsBefore, "grantsBefore");
        List<LaunchPermission> remove = action.grants().stream().filter(grantsBefore::contains).toList();
        if (remove.isEmpty()) {
            return new Result(Applied.skipped("no longer granted: " + action.grants()), grantsBefore);
        }
        boolean image = isImage(action);
        String region = action.region();
        String id = action.resourceId();
        try {
            if (image) {
                gateway.removeLaunchPermissions(region, id, remove);
            } else {
                gateway.removeCreateVolumePermissions(region, id, remove);
            }
            List<LaunchPermission> after = read(action);
            List<LaunchPermission> survived = remove.stream().filter(after::contains).toList();
            String detail = "removed " + remove + "; before " + grantsBefore + "; after " + after;
            return new Result(survived.isEmpty() ? Applied.done(detail)
                    : Applied.failed("still granted after removal: " + survived + "; " + detail), after);
        } catch (Ec2OutcomeException e) {
            return new Result(gone(action, e), null);
        }
    }

    /** Reads the grants first: for callers that have not just read them. */
    Result readAndRemove(Action.RemoveGrants action) throws Ec2OutcomeException {
        List<LaunchPermission> before;
        try {
            before = read(action);
        } catch (Ec2OutcomeException e) {
            return new Result(gone(action, e), null);
        }
        return remove(action, before);
    }

    private List<LaunchPermission> read(Action action) throws Ec2OutcomeException {
        return isImage(action) ? gateway.launchPermissions(action.region(), action.resourceId())
                : gateway.createVolumePermissions(action.region(), action.resourceId());
    }

    private static Applied gone(Action action, Ec2OutcomeException e) throws Ec2OutcomeException {
        return Ec2ActionApplier.goneOrRethrow(e, (isImage(action) ? "image" : "snapshot") + " already gone");
    }

    private static boolean isImage(Action action) {
        return action.resourceType() == ResourceType.IMAGE;
    }
}
