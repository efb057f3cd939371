package dev.amihousekeeping.events;

import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.ResourceType;
import java.util.List;

/** An {@link AttributeChanged} of an AMI; {@code attribute} is always {@code launchPermission}. */
public record ImageAttributeChanged(CloudTrailContext context, String imageId, String attribute,
        List<LaunchPermission> added, List<LaunchPermission> removed) implements AttributeChanged {

    public ImageAttributeChanged {
        AttributeChanged.requireNamed(context, imageId, attribute);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    @Override
    public ResourceType resourceType() {
        return ResourceType.IMAGE;
    }

    @Override
    public String resourceId() {
        return imageId;
    }
}
