package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.events.ImageCreated;
import dev.amihousekeeping.events.ImageStateChanged;
import java.time.Instant;
import java.util.Objects;

/**
 * What an event says about a new AMI, whichever event it was: where it is, who made it and when (CloudTrail
 * only), the account that made it, and, for a {@code CopyImage}, what it was copied from. {@code eventTime} is
 * when the event happened, whichever event it was: an AMI created long before it is not new. The AMI itself is
 * always re-read: the event says what was asked, EC2 says what is.
 */
record NewImage(String region, String imageId, String creatorArn, Instant createdAt, String accountId,
                String copiedFromImageId, String copiedFromRegion, Instant eventTime) {

    NewImage {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(imageId, "imageId");
    }

    static NewImage of(ImageCreated event) {
        return new NewImage(event.region(), event.imageId(), event.context().userArn(), event.context().eventTime(),
                event.context().accountId(), event.isCopy() ? event.sourceImageId() : null,
                event.isCopy() ? event.sourceRegion() : null, event.context().eventTime());
    }

    /**
     * No creator and no creation time. The retention counts from the event's time, floored at the run's clock
     * (see {@code TagOnCreatePolicy}), as a {@code CreateImage} event's does; an AMI created more than a day
     * before this event (re-enabled, restored from the Recycle Bin) is not new and gets no retention.
     */
    static NewImage of(ImageStateChanged event) {
        return new NewImage(event.region(), event.imageId(), null, null, null, null, null, event.time());
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
