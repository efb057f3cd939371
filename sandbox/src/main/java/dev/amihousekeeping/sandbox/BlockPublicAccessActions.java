package dev.amihousekeeping.sandbox;

import java.util.Map;
import java.util.Set;

/** Image and snapshot block public access: the account-level, per-region switches. */
final class BlockPublicAccessActions {

    private static final Set<String> SNAPSHOT_STATES = Set.of("block-all-sharing", "block-new-sharing");

    private BlockPublicAccessActions() {
    }

    static void register(Map<String, Ec2Action> actions) {
        actions.put("GetImageBlockPublicAccessState", call -> call.xml()
                .leaf("imageBlockPublicAccessState", call.region().imageBlockPublicAccess)
                .leaf("managedBy", "account"));
        actions.put("EnableImageBlockPublicAccess", call -> {
            String state = call.request().required("ImageBlockPublicAccessState");
            if (!state.equals("block-new-sharing")) {
                throw Ec2Error.invalidValue("Value (" + state + ") for parameter ImageBlockPublicAccessState "
                        + "is invalid. Expected: 'block-new-sharing'.");
            }
            call.region().imageBlockPublicAccess = state;
            call.xml().leaf("imageBlockPublicAccessState", state);
        });
        actions.put("DisableImageBlockPublicAccess", call -> {
            call.region().imageBlockPublicAccess = "unblocked";
            call.xml().leaf("imageBlockPublicAccessState", "unblocked");
        });
        actions.put("GetSnapshotBlockPublicAccessState", call -> call.xml()
                .leaf("state", call.region().snapshotBlockPublicAccess)
                .leaf("managedBy", "account"));
        actions.put("EnableSnapshotBlockPublicAccess", call -> {
            String state = call.request().required("State");
            if (!SNAPSHOT_STATES.contains(state)) {
                throw Ec2Error.invalidValue("Value (" + state + ") for parameter State is invalid. "
                        + "Expected: 'block-all-sharing' or 'block-new-sharing'.");
            }
            call.region().snapshotBlockPublicAccess = state;
            call.xml().leaf("state", state);
        });
        actions.put("DisableSnapshotBlockPublicAccess", call -> {
            call.region().snapshotBlockPublicAccess = "unblocked";
            call.xml().leaf("state", "unblocked");
        });
    }
}
