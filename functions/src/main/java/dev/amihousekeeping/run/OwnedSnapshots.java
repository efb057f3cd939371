package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionParameters;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.BlockDevice;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.Inventory;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.ResourceType;
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

    /** The reason a deregistered image's snapshot of another account is kept. */
    static final String NOT_OWNED = "not-owned: another account's snapshot";

    private OwnedSnapshots() {
    }

    /**
     * {@code plan} with each deregistration of {@code inventory}'s region limited to owned snapshots. A snapshot of
     * another account is kept, {@value #NOT_OWNED}, in the plan's kept entries too, and a {@code delete-snapshot}
     * of one (shared by deregistered images) becomes that kept entry.
     */
    static Plan restrict(Plan plan, Inventory inventory) {
        Set<String> owned = inventory.snapshots().stream().map(Snapshot::snapshotId).collect(Collectors.toSet());
        List<Action> actions = new ArrayList<>();
        Map<String, Kept> kept = new LinkedHashMap<>();
        for (Action action : plan.actions()) {
            boolean ours = action.region().equals(inventory.region());
            if (ours && action.action() == ActionType.DEREGISTER) {
                Action restricted = restrict(action, owned, inventory);
                foreign(action, owned).forEach(id -> kept.putIfAbsent(id,
                        new Kept(action.region(), ResourceType.SNAPSHOT, id, NOT_OWNED)));
                actions.add(restricted);
            } else if (ours && action.action() == ActionType.DELETE_SNAPSHOT
                    && !owned.contains(action.resourceId())) {
                kept.putIfAbsent(action.resourceId(),
                        new Kept(action.region(), ResourceType.SNAPSHOT, action.resourceId(), NOT_OWNED));
            } else {
                actions.add(action);
            }
        }
        List<Kept> allKept = new ArrayList<>(plan.kept());
        allKept.addAll(kept.values());
        return new Plan(actions, allKept);
    }

    private static List<String> foreign(Action action, Set<String> owned) {
        String planned = action.parameters().get(ActionParameters.SNAPSHOT_IDS);
        return planned == null ? List.of() : Arrays.stream(planned.split(",")).map(String::trim)
                .filter(id -> !id.isEmpty() && !owned.contains(id)).toList();
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
