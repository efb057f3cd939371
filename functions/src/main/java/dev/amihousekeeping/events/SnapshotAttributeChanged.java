package dev.amihousekeeping.events;

import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.ResourceType;
import java.util.List;

/**
 * An {@link AttributeChanged} of a snapshot; {@code attribute} is always {@code createVolumePermission} (CloudTrail
 * writes {@code CREATE_VOLUME_PERMISSION}).
 */
public record SnapshotAttributeChanged(CloudTrailContext context, String snapshotId, String attribute,
        List<LaunchPermission> added, List<LaunchPermission> removed) implements AttributeChanged {

    public SnapshotAttributeChanged {
        AttributeChanged.requireNamed(context, snapshotId, attribute);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    @Override
    public ResourceType resourceType() {
        return ResourceType.SNAPSHOT;
    }

    @Override
    public String resourceId() {
        return snapshotId;
    }
}
