package dev.amihousekeeping.events;

import java.util.Map;
import java.util.Objects;

/**
 * A successful EC2 {@code CreateImage}, {@code RegisterImage} or {@code CopyImage}: a new AMI in
 * {@code context.awsRegion()} (for a copy, the destination region). {@code apiName} is the event name.
 * {@code sourceImageId} and {@code sourceRegion} are set for {@code CopyImage} only. {@code requestedTags} are the
 * tags the call asked for on the image ({@code TagSpecification} with {@code ResourceType=image}), not the tags
 * it has now.
 */
public record ImageCreated(
        CloudTrailContext context,
        String imageId,
        String apiName,
        String sourceImageId,
        String sourceRegion,
        Map<String, String> requestedTags) implements HousekeepingEvent {

    public ImageCreated {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(apiName, "apiName");
        requestedTags = requestedTags == null ? Map.of() : Map.copyOf(requestedTags);
    }

    public String region() {
        return context.awsRegion();
    }

    public boolean isCopy() {
        return "CopyImage".equals(apiName);
    }
}
