package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.events.ImageCreated;
import dev.amihousekeeping.events.ImageStateChanged;
import java.time.Instant;
import java.util.Objects;

/**
 * What an event says about a new AMI, whichever event it was: where it is, who made it and when (CloudTrail
 * only), the account that made it, and, for a {@code CopyImage}, what it was copied from. The AMI itself is
 * always re-read: the event says what was asked, EC2 says what is.
 */
record NewImage(String region, String imageId, String creatorArn, Instant createdAt, String accountId,
                String copiedFromImageId, String copiedFromRegion) {

    NewImage {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(imageId, "imageId");
    }

    static NewImage of(ImageCreated event) {
        return new NewImage(event.region(), event.imageId(), event.context().userArn(), event.context().eventTime(),
                event.context().accountId(), event.isCopy() ? event.sourceImageId() : null,
                event.isCopy() ? event.sourceRegion() : null);
    }

    /**
     * No creator and no creation time: the retention date then counts from the AMI's creation date, which is the
     * same one a {@code CreateImage} event gives, so the order of the two events does not change the tag.
     */
    static NewImage of(ImageStateChanged event) {
        return new NewImage(event.region(), event.imageId(), null, null, null, null, null);
    }

    /**
     * {@code image}, marked as a copy when the event says it is one and the endpoint did not fill
     * {@code SourceImageId} (moto, some emulators): a copy is never copied again, whatever the endpoint reports.
     */
    Image withCopySource(Image image) {
        if (copiedFromImageId == null || image.sourceImageId() != null) {
            return image;
        }
        return new Image(image.region(), image.imageId(), image.name(), image.ownerId(), image.state(),
                image.creationDate(), image.tags(), image.isPublic(), image.deprecationTime(),
                image.lastLaunchedTime(), image.deregistrationProtection(), copiedFromImageId, copiedFromRegion,
                image.blockDevices());
    }
}
