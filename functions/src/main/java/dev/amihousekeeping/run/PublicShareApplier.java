package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.PublicShareFinding;
import dev.amihousekeeping.core.PublicSharePolicy;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.ec2.Ec2OutcomeException;
import java.util.List;
import java.util.Optional;

/**
 * Applies public-share's actions. A {@code remove-grant} is decided again, just before it is made, on the grants
 * read at that moment (invariant 6): the plan may be minutes old, a grant may have been removed by hand or another
 * added. Only what offends now is removed (invariant 9), by {@code next} (the EC2 applier, which removes, re-reads
 * and reports before and after). Other actions go straight to {@code next}.
 */
final class PublicShareApplier implements ActionApplier {

    private final Ec2Gateway gateway;
    private final PublicSharePolicy policy;
    private final ActionApplier next;

    PublicShareApplier(Ec2Gateway gateway, PublicSharePolicy policy, ActionApplier next) {
        this.gateway = gateway;
        this.policy = policy;
        this.next = next;
    }

    @Override
    public Applied apply(Action action) throws Exception {
        if (action.action() != ActionType.REMOVE_GRANT) {
            return next.apply(action);
        }
        List<LaunchPermission> now;
        try {
            now = PublicShareRun.grants(gateway, action.resourceType(), action.region(), action.resourceId());
        } catch (Ec2OutcomeException e) {
            return Applied.skipped("re-check: " + action.resourceType().json() + " already gone (" + e.errorCode()
                    + ")");
        }
        Optional<Action> stillOffending = policy.recheck(action, now);
        if (stillOffending.isEmpty()) {
            return Applied.skipped("re-check: no offending grants now; grants " + PublicShareFinding.describe(now));
        }
        return next.apply(stillOffending.get());
    }
}
