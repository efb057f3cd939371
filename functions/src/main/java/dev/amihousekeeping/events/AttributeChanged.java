package dev.amihousekeeping.events;

import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.ResourceType;
import java.util.List;
import java.util.Objects;

/**
 * A successful {@code Modify*Attribute} call on a resource's sharing attribute that may have granted something: an
 * image's {@code launchPermission} or a snapshot's {@code createVolumePermission} (CloudTrail writes
 * {@code CREATE_VOLUME_PERMISSION}). The grants are what the caller <em>asked</em> for; public-share re-reads the
 * attribute and decides on what <em>is</em> (DESIGN §5). Both lists may be empty when the record names the
 * attribute but no grant in a shape the parser knows; the re-read decides then too.
 *
 * @param resourceType {@link ResourceType#IMAGE} or {@link ResourceType#SNAPSHOT}
 * @param resourceId the AMI or snapshot id
 */
public record AttributeChanged(CloudTrailContext context, ResourceType resourceType, String resourceId,
        String attribute, List<LaunchPermission> added, List<LaunchPermission> removed) implements HousekeepingEvent {

    public AttributeChanged {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(attribute, "attribute");
        if (resourceType != ResourceType.IMAGE && resourceType != ResourceType.SNAPSHOT) {
            throw new IllegalArgumentException("an attribute change is of an image or a snapshot: " + resourceType);
        }
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    /** Where the call was made, and so where the resource lives. */
    public String region() {
        return context.awsRegion();
    }
}
