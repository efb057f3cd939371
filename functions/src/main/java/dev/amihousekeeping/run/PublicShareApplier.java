package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.PublicShareFinding;
import dev.amihousekeeping.core.PublicSharePolicy;
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.core.port.Applied;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.ec2.Ec2OutcomeException;
import dev.amihousekeeping.ec2.GrantRemoval;
import java.util.List;
import java.util.Optional;

/**
 * Applies public-share's actions. A {@code remove-grant} is decided again, just before it is made, on the grants
 * read at that moment (invariant 6): the plan may be minutes old, a grant may have been removed by hand or another
 * added. Only what offends now is removed (invariant 9), by {@link GrantRemoval}, which takes that same read as
 * its "before", removes, reads back and reports before and after: two grant reads a removal. The grants last read
 * go to {@code grantsAfter}, for the alert. Other actions go straight to {@code next}.
 */
final class PublicShareApplier implements ActionApplier {

    private final Ec2Gateway gateway;
    private final PublicSharePolicy policy;
    private final ActionApplier next;
    private final GrantRemoval removal;
    private final GrantsAfterApply grantsAfter;

    PublicShareApplier(Ec2Gateway gateway, PublicSharePolicy policy, ActionApplier next,
                       GrantsAfterApply grantsAfter) {
        this.gateway = gateway;
        this.policy = policy;
        this.next = next;
        this.removal = new GrantRemoval(gateway);
        this.grantsAfter = grantsAfter;
    }

    @Override
    public Applied apply(Action action) throws Exception {
        if (action.type() != ActionType.REMOVE_GRANT) {
            return next.apply(action);
        }
        // Whatever was known of this resource is older than what follows; if the removal throws, the alert reads.
        grantsAfter.forget(action.region(), action.resourceType(), action.resourceId());
        List<LaunchPermission> now;
        try {
            now = PublicShareRun.grants(gateway, action.resourceType(), action.region(), action.resourceId());
        } catch (Ec2OutcomeException e) {
            return Applied.skipped("re-check: " + action.resourceType().json() + " already gone (" + e.errorCode()
                    + ")");
        }
        Optional<Action.RemoveGrants> stillOffending = policy.recheck(action, now);
        if (stillOffending.isEmpty()) {
            grantsAfter.put(action.region(), action.resourceType(), action.resourceId(), now);
            return Applied.skipped("re-check: no offending grants now; grants " + PublicShareFinding.describe(now));
        }
        GrantRemoval.Result removed = removal.remove(stillOffending.get(), now);
        if (removed.grantsAfter() != null) {
            grantsAfter.put(action.region(), action.resourceType(), action.resourceId(), removed.grantsAfter());
        }
        return removed.applied();
    }
}
