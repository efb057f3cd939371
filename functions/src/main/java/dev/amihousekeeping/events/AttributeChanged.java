package dev.amihousekeeping.events;

import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.ResourceType;
import java.util.List;
import java.util.Objects;

/**
 * A successful {@code Modify*Attribute} call on a resource's sharing attribute that may have granted something: an
 * image's {@code launchPermission} or a snapshot's {@code createVolumePermission}. The grants are what the caller
 * <em>asked</em> for; public-share re-reads the attribute and decides on what <em>is</em> (DESIGN §5). Both lists
 * may be empty when the record names the attribute but no grant in a shape the parser knows; the re-read decides
 * then too.
 */
public sealed interface AttributeChanged extends HousekeepingEvent
        permits ImageAttributeChanged, SnapshotAttributeChanged {

    CloudTrailContext context();

    ResourceType resourceType();

    /** The AMI or snapshot id. */
    String resourceId();

    String attribute();

    List<LaunchPermission> added();

    List<LaunchPermission> removed();

    /** Where the call was made, and so where the resource lives. */
    default String region() {
        return context().awsRegion();
    }

    /** The checks both records' constructors make on what every attribute change names. */
    static void requireNamed(CloudTrailContext context, String resourceId, String attribute) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(attribute, "attribute");
    }
}
