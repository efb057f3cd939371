package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionParameters;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.BlockDevice;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.Inventory;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.Snapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Narrows a deregistration's snapshots to the ones this account owns. The policy lists every snapshot of the AMI
 * that no other AMI uses; an AMI can also map a snapshot of another account (registered from a shared
 * snapshot). EC2 does not delete such a snapshot ({@code missing-permissions}), so asking would fail the action
 * and count GiB that are not ours to save. The inventory's snapshots were read with {@code Owners=self}: a
 * snapshot not among them is kept, and the action says so in {@code keptSnapshots}.
 */
final class OwnedSnapshots {

    private OwnedSnapshots() {
    }

    /** {@code plan} with each deregistration of {@code inventory}'s region limited to owned snapshots. */
    static Plan restrict(Plan plan, Inventory inventory) {
        Set<String> owned = inventory.snapshots().stream().map(Snapshot::snapshotId).collect(Collectors.toSet());
        List<Action> actions = new ArrayList<>();
        for (Action action : plan.actions()) {
            boolean ours = action.region().equals(inventory.region()) && action.action() == ActionType.DEREGISTER;
            actions.add(ours ? restrict(action, owned, inventory) : action);
        }
        return new Plan(actions, plan.kept());
    }

    private static Action restrict(Action action, Set<String> owned, Inventory inventory) {
        String planned = action.parameters().get(ActionParameters.SNAPSHOT_IDS);
        if (planned == null || planned.isBlank()) {
            return action;
        }
        List<String> deletable = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        for (String id : Arrays.stream(planned.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            (owned.contains(id) ? deletable : foreign).add(id);
        }
        if (foreign.isEmpty()) {
            return action;
        }
        Map<String, String> parameters = new LinkedHashMap<>(action.parameters());
        parameters.put(ActionParameters.SNAPSHOT_IDS, String.join(",", deletable));
        String kept = parameters.getOrDefault(ActionParameters.KEPT_SNAPSHOTS, "");
        String notOurs = foreign.stream().map(id -> id + " (owned by another account)")
                .collect(Collectors.joining("; "));
        parameters.put(ActionParameters.KEPT_SNAPSHOTS, kept.isBlank() ? notOurs : kept + "; " + notOurs);
        parameters.put(ActionParameters.SNAPSHOT_GIB, String.valueOf(gib(inventory, action.resourceId(), deletable)));
        return new Action(action.region(), action.resourceType(), action.resourceId(), action.action(),
                action.reason(), parameters, action.grants());
    }

    private static long gib(Inventory inventory, String imageId, List<String> snapshotIds) {
        Image image = inventory.image(imageId).orElse(null);
        if (image == null) {
            return 0;
        }
        return image.blockDevices().stream()
                .filter(d -> d.snapshotId() != null && snapshotIds.contains(d.snapshotId()) && d.volumeSize() != null)
                .collect(Collectors.toMap(BlockDevice::snapshotId, BlockDevice::volumeSize, (a, b) -> a))
                .values().stream().mapToLong(Integer::longValue).sum();
    }
}
