package dev.amihousekeeping.events;

import dev.amihousekeeping.core.LaunchPermission;
import java.util.List;
import java.util.Objects;

/**
 * A successful {@code ModifySnapshotAttribute} on {@code createVolumePermission} that may have granted something;
 * as for {@link ImageAttributeChanged}, the grants are what was asked and the caller re-reads what is.
 * {@code attribute} is always {@code createVolumePermission} (CloudTrail writes {@code CREATE_VOLUME_PERMISSION}).
 */
public record SnapshotAttributeChanged(
        CloudTrailContext context,
        String snapshotId,
        String attribute,
        List<LaunchPermission> added,
        List<LaunchPermission> removed) implements HousekeepingEvent {

    public SnapshotAttributeChanged {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(attribute, "attribute");
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    public String region() {
        return context.awsRegion();
    }
}
