package dev.amihousekeeping.events;

import dev.amihousekeeping.core.LaunchPermission;
import java.util.List;
import java.util.Objects;

/**
 * A successful {@code ModifyImageAttribute} on {@code launchPermission} that may have granted something. The
 * grants are what the caller <em>asked</em> for; public-share re-reads the attribute and decides on what
 * <em>is</em> (DESIGN §5). Both lists may be empty when the record names the attribute but no grant in a shape
 * the parser knows; the re-read decides then too. {@code attribute} is always {@code launchPermission}.
 */
public record ImageAttributeChanged(
        CloudTrailContext context,
        String imageId,
        String attribute,
        List<LaunchPermission> added,
        List<LaunchPermission> removed) implements HousekeepingEvent {

    public ImageAttributeChanged {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(attribute, "attribute");
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    public String region() {
        return context.awsRegion();
    }
}
