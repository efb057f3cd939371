package dev.amihousekeeping.ec2;

import java.util.Map;
import java.util.Objects;

/**
 * One CopyImage request. {@code kmsKeyId} set means an encrypted copy with that key; {@code clientToken} makes a
 * redelivered request return the first copy instead of making a second; {@code tags} go on the new image
 * ({@code SourceAmi}, {@code SourceRegion}, the expiry tag) in addition to the copied ones.
 */
public record ImageCopy(String sourceRegion, String sourceImageId, String destinationRegion, String name,
                        String description, String kmsKeyId, String clientToken, boolean copyImageTags,
                        Map<String, String> tags) {

    public ImageCopy {
        Objects.requireNonNull(sourceRegion, "sourceRegion");
        Objects.requireNonNull(sourceImageId, "sourceImageId");
        Objects.requireNonNull(destinationRegion, "destinationRegion");
        Objects.requireNonNull(name, "name");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
