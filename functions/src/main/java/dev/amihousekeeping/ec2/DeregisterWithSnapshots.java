package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.port.Applied;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deregisters an image and deletes its snapshots, trusting EC2's response over the request (DESIGN §5): with
 * {@code DeleteAssociatedSnapshots} EC2 says per snapshot whether it deleted it; every snapshot the plan expected
 * to go that EC2 does not list as deleted (the endpoint ignored the flag, or that one delete failed) is deleted
 * explicitly. A snapshot EC2 says is in use stays and the detail says so; any other snapshot failure fails the
 * action, so that a half-done deregistration is never reported as done.
 * <p>When the plan keeps some of the image's snapshots (other images use them), EC2 is not asked to delete
 * associated snapshots at all: only the planned ones are deleted, one by one, so that invariant 3 does not rest
 * on how an endpoint treats a shared snapshot.
 */
final class DeregisterWithSnapshots {

    private final Ec2Gateway gateway;
    private final RecycleTagging recycle;

    DeregisterWithSnapshots(Ec2Gateway gateway, RecycleTagging recycle) {
        this.gateway = gateway;
        this.recycle = recycle;
    }

    Applied apply(Action.Deregister action) {
        return apply(action.region(), action.resourceId(), action.deleteSnapshots(), action.snapshotIds(),
                !action.keptSnapshots().isEmpty());
    }

    /**
     * A failed copy's snapshots, if any are left, are CopyImage's: orphan-snapshots deletes them in its time. A failed
     * copy is not recycled: nobody can launch it, and cross-region-copy's applier writes no recycle tags.
     */
    Applied apply(Action.DeregisterFailedCopy action) {
        return apply(action.region(), action.resourceId(), false, List.of(), false);
    }

    private Applied apply(String region, String imageId, boolean deleteSnapshots, List<String> planned,
                          boolean someKept) {
        List<String> expected = planned != null ? planned
                // The plan did not name them: read them now, before the image and its mapping are gone.
                : deleteSnapshots ? gateway.describeImage(region, imageId).map(Image::snapshotIds).orElse(List.of())
                : List.of();
        // Invariant 13: the image and every snapshot that goes with it carry the recycle tags first, or nothing goes.
        List<String> tagged = new ArrayList<>(List.of(imageId));
        tagged.addAll(expected);
        Optional<String> untagged = recycle.tag(region, tagged);
        if (untagged.isPresent()) {
            return Applied.failed(untagged.get());
        }
        Deregistration deregistration;
        boolean imageWasGone = false;
        try {
            deregistration = gateway.deregister(region, imageId, deleteSnapshots && !someKept);
        } catch (Ec2OutcomeException e) {
            if (e.kind() != Ec2OutcomeException.Kind.GONE) {
                return Applied.failed(e.errorCode() + ": " + e.errorMessage());
            }
            // Already deregistered (an earlier run stopped half-way): still finish its snapshots.
            imageWasGone = true;
            deregistration = new Deregistration(List.of(), Map.of());
        }
        if (!deleteSnapshots) {
            return imageWasGone ? Applied.skipped("image already deregistered") : Applied.done("deregistered");
        }

        List<String> deleted = new ArrayList<>(deregistration.deletedSnapshotIds());
        List<String> alreadyGone = new ArrayList<>();
        Map<String, String> inUse = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (String snapshotId : expected) {
            if (deleted.contains(snapshotId)) {
                continue;
            }
            try {
                gateway.deleteSnapshot(region, snapshotId);
                deleted.add(snapshotId);
            } catch (Ec2OutcomeException e) {
                if (e.kind() == Ec2OutcomeException.Kind.GONE) {
                    alreadyGone.add(snapshotId);
                } else {
                    inUse.put(snapshotId, e.errorCode());
                }
            } catch (Ec2Exception e) {
                failed.put(snapshotId, e.errorCode() + ": " + e.errorMessage()
                        + Optional.ofNullable(deregistration.notDeleted().get(snapshotId))
                                .map(code -> " (DeregisterImage said " + code + ")").orElse(""));
            }
        }

        StringBuilder detail = new StringBuilder(imageWasGone ? "image already deregistered" : "deregistered");
        detail.append("; snapshots deleted ").append(deleted);
        if (!alreadyGone.isEmpty()) {
            detail.append("; already gone ").append(alreadyGone);
        }
        if (!inUse.isEmpty()) {
            detail.append("; kept, in use ").append(inUse.keySet());
            recycle.untag(region, List.copyOf(inUse.keySet())).ifPresent(left -> detail.append("; ").append(left));
        }
        if (!failed.isEmpty()) {
            detail.append("; NOT deleted ").append(failed);
            return Applied.failed(detail.toString());
        }
        if (imageWasGone && deleted.isEmpty()) {
            return Applied.skipped(detail.toString());
        }
        return Applied.done(detail.toString());
    }
}
