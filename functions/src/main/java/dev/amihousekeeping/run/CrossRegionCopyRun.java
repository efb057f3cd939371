package dev.amihousekeeping.run;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.CrossRegionCopyConfig;
import dev.amihousekeeping.config.TagOnCreateConfig;
import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.CopyStampPolicy;
import dev.amihousekeeping.core.CrossRegionCopyPolicy;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ImageState;
import dev.amihousekeeping.core.Inventory;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.Snapshot;
import dev.amihousekeeping.core.TagOnCreatePolicy;
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.core.port.Precondition;
import dev.amihousekeeping.ec2.Ec2ActionApplier;
import dev.amihousekeeping.ec2.Ec2Exception;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.ec2.Recheck;
import dev.amihousekeeping.events.ImageCreated;
import dev.amihousekeeping.events.ImageStateChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code cross-region-copy} (DESIGN §5) and tag-on-create (DESIGN §1, {@code tagOnCreate}).
 * <ul>
 *   <li>{@link #run}: the catch-up. Each of the request's regions is a source; every selected AMI there that
 *       lacks a copy in a destination gets one.</li>
 *   <li>{@link #routes}: a new AMI ({@code CreateImage}, {@code RegisterImage}, {@code CopyImage} via CloudTrail,
 *       or {@code EC2 AMI State Change} to {@code available}), in the event's own region. First tag-on-create
 *       stamps it and its snapshots (never overwriting a tag), and gives the copies it already has (the catch-up
 *       may have come first) what of the stamp a copy made now would carry; then, if it is selected and available,
 *       it is copied to each destination lacking a copy. A {@code pending} AMI is only stamped: its available event,
 *       or the catch-up, brings it back. A copy is never copied again. A {@code failed} state of a copy this
 *       function made is reported ({@value #COPY_FAILED}): a bad KMS key fails a copy after CopyImage returned.
 *       That event only reports: the next catch-up (or new-AMI event) finds the failed copy, which is no copy,
 *       deregisters it and copies again with a new token, so a bad key costs one failed copy a run, not a loop.</li>
 * </ul>
 * Exactly once (invariant 7): a destination that has a copy gets none, and each CopyImage carries the
 * deterministic ClientToken of its source and destination, so a redelivered event whose copy is not yet visible
 * gets the first copy back from EC2. The copies' tags, the source's and the copies are one plan, under one cap,
 * in that order.
 */
public final class CrossRegionCopyRun implements FunctionRun {

    public static final String NAME = "cross-region-copy";
    /** Error code: a copy this function started ended in state {@code failed}. */
    public static final String COPY_FAILED = "CopyFailed";
    /** Error code: {@code copy --image} named an AMI the account does not own in any of the regions. */
    public static final String IMAGE_NOT_FOUND = "ImageNotFound";

    private final Housekeeping housekeeping;
    private final Ec2Gateway gateway;

    public CrossRegionCopyRun(Housekeeping housekeeping) {
        this.housekeeping = Objects.requireNonNull(housekeeping, "housekeeping");
        this.gateway = housekeeping.gateway();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The catch-up over {@code request.regions()} as sources. */
    @Override
    public Report run(RunRequest request) {
        return catchUp(request, null);
    }

    /** The catch-up for one AMI, looked for in {@code request.regions()} (the CLI's {@code copy --image}). */
    public Report runImage(RunRequest request, String imageId) {
        return catchUp(request, Objects.requireNonNull(imageId, "imageId"));
    }

    /** A new AMI, and an AMI's state change (the schedule runs the catch-up). */
    @Override
    public List<EventRoute<?>> routes() {
        return List.of(EventRoute.of(ImageCreated.class, this::onImageCreated),
                EventRoute.of(ImageStateChanged.class, this::onImageStateChanged));
    }

    Report onImageCreated(ImageCreated created, RunRequest request) {
        return stampAndCopy(NewImage.of(created), request);
    }

    Report onImageStateChanged(ImageStateChanged changed, RunRequest request) {
        if (changed.isAvailable()) {
            return stampAndCopy(NewImage.of(changed), request);
        }
        if ("failed".equals(changed.state())) {
            return copyFailed(changed, request);
        }
        return EventDispatcher.ignored(NAME, request, "AMI state " + changed.state() + ": nothing to copy");
    }

    private Report catchUp(RunRequest request, String onlyImageId) {
        Config config = request.config();
        CrossRegionCopyConfig copy = config.crossRegionCopy();
        if (!copy.enabled()) {
            return EventDispatcher.ignored(NAME, request, "crossRegionCopy.enabled is false");
        }
        RegionImages images = new RegionImages(gateway);
        // The sources at once; a destination that is not a source is read later, and only if something may go there.
        images.readAll(request.regions());
        CrossRegionCopyPolicy policy = copyPolicy(config);
        Plan plan = Plan.empty();
        boolean found = false;
        for (String region : request.regions()) {
            Optional<List<Image>> sources = images.of(region);
            if (sources.isEmpty()) {
                continue;
            }
            // Owners=self: whoever owns what was read is this account.
            String accountId = sources.get().stream().map(Image::ownerId).filter(Objects::nonNull).findFirst()
                    .orElseGet(() -> gateway.accountId(region));
            List<Image> candidates = onlyImageId == null ? sources.get()
                    : sources.get().stream().filter(i -> i.imageId().equals(onlyImageId)).toList();
            found |= !candidates.isEmpty();
            Map<String, List<Image>> destinations = candidates.stream().anyMatch(i -> mayBeCopied(copy, i))
                    ? images.destinations(copy.destinationRegions(), region) : Map.of();
            plan = plan.plus(onlyImageId == null
                    ? policy.planAll(new Inventory(region, accountId, request.now(), candidates, List.of()),
                            destinations, request.now())
                    // One named AMI: say why it is not copied, even when the selector leaves it out.
                    : candidates.stream().map(i -> policy.plan(i, accountId, destinations, request.now()))
                            .reduce(Plan.empty(), Plan::plus));
        }
        if (onlyImageId != null && !found) {
            images.error(new RegionError(null, IMAGE_NOT_FOUND, "this account owns no image " + onlyImageId
                    + " in " + String.join(", ", request.regions())));
        }
        return execute(request, plan, images.errors());
    }

    private Report stampAndCopy(NewImage event, RunRequest request) {
        RunRequest here = request.inRegion(event.region());
        Config config = request.config();
        Image image;
        List<Snapshot> snapshots = new ArrayList<>();
        try {
            Optional<Image> found = gateway.describeImage(event.region(), event.imageId());
            if (found.isEmpty()) {
                return execute(here, new Plan(List.of(), List.of(new Kept(event.region(), ResourceType.IMAGE,
                        event.imageId(), "gone: no such image in " + event.region()))), List.of());
            }
            image = event.withCopySource(found.get());
            for (String snapshotId : image.snapshotIds()) {
                gateway.describeSnapshot(event.region(), snapshotId).ifPresent(snapshots::add);
            }
        } catch (Ec2Exception e) {
            return execute(here, Plan.empty(), List.of(new RegionError(event.region(), e.errorCode(),
                    e.errorMessage())));
        }
        Plan tags = tagPolicy(config, image).plan(image, snapshots, event.creatorArn(),
                event.createdAt() != null ? event.createdAt() : event.eventTime(), request.now());
        // The copy carries the source's expiry tag, so plan it from the source as it is once stamped: a
        // redelivered event then asks CopyImage with the same tags, which EC2's ClientToken check requires.
        Image stamped = TagOnCreatePolicy.stamped(image, tags);
        CrossRegionCopyConfig copy = config.crossRegionCopy();
        RegionImages images = new RegionImages(gateway);
        Map<String, List<Image>> destinations = mayBeCopied(copy, stamped)
                ? images.destinations(copy.destinationRegions(), event.region()) : Map.of();
        Plan copies = copyPolicy(config).plan(stamped, accountId(event, stamped), destinations, request.now());
        // Copies the catch-up made before this stamp get what of it a copy made now would carry. They are tagged
        // before the source, whose own tag waits while one of theirs failed (SourceStampGate).
        Plan copyStamps = new CopyStampPolicy(copy, config.expiry().expiryTagKeys()).plan(image, tags, destinations);
        SourceStampGate gate = new SourceStampGate(image, copyStamps);
        return execute(here, copyStamps.plus(tags).plus(copies), images.errors(),
                gate.precondition(precondition(config)), gate.applier(applier()));
    }

    /** A copy this function made (our SourceAmi tag) ended {@code failed}: a person must fix the key or quota. */
    private Report copyFailed(ImageStateChanged event, RunRequest request) {
        RunRequest here = request.inRegion(event.region());
        Optional<Image> image;
        try {
            image = gateway.describeImage(event.region(), event.imageId());
        } catch (Ec2Exception e) {
            return execute(here, Plan.empty(), List.of(new RegionError(event.region(), e.errorCode(),
                    e.errorMessage())));
        }
        Optional<String> source = image.flatMap(i -> i.tag(CrossRegionCopyPolicy.SOURCE_AMI_TAG));
        if (source.isEmpty()) {
            return EventDispatcher.ignored(NAME, here, "AMI " + event.imageId() + " failed, and it is not a copy "
                    + NAME + " made");
        }
        String kmsKeyId = request.config().crossRegionCopy().kmsKeyIds().get(event.region());
        String reason = event.errorMessage() == null || event.errorMessage().isBlank() ? "no reason given"
                : event.errorMessage();
        return execute(here, Plan.empty(), List.of(new RegionError(event.region(), COPY_FAILED,
                "copy " + event.imageId() + " of " + source.get() + " from "
                        + image.get().tags().getOrDefault(CrossRegionCopyPolicy.SOURCE_REGION_TAG, "?")
                        + " failed in " + event.region() + ": " + reason
                        + (kmsKeyId == null ? "" : " (kmsKeyId " + kmsKeyId + ")"))));
    }

    private Report execute(RunRequest request, Plan plan, List<RegionError> errors) {
        return execute(request, plan, errors, precondition(request.config()), applier());
    }

    private Report execute(RunRequest request, Plan plan, List<RegionError> errors, Precondition precondition,
                           ActionApplier applier) {
        return housekeeping.executor().execute(request.forFunction(NAME), plan, errors, precondition, applier);
    }

    private ActionApplier applier() {
        return new Ec2ActionApplier(gateway, housekeeping.clock());
    }

    /**
     * The re-check just before each action (invariant 6), on top of the shared one (still there, not pending):
     * a copy's source must still be selected, and the failed copies it replaces must be deregistered by now; a
     * deregistration must still be of a failed copy this function made of that source (the only image this
     * function ever deregisters); a tag must still be missing, since a person may have set it since the plan was
     * made and a tag a person set is never overwritten.
     */
    Precondition precondition(Config config) {
        CrossRegionCopyConfig copy = config.crossRegionCopy();
        return Recheck.of(gateway,
                (action, image) -> {
                    if (action instanceof Action.Copy c) {
                        return image.isSelectedBy(copy.selector()) ? failedCopyStillThere(c)
                                : Optional.of("re-check: no longer selected");
                    }
                    if (action instanceof Action.DeregisterFailedCopy failed) {
                        return notOurFailedCopy(failed, image);
                    }
                    if (action instanceof Action.Deregister) {
                        // This function deregisters nothing but its own failed copies.
                        return Optional.of("re-check: " + image.imageId() + " is not a copy " + NAME + " made");
                    }
                    return action instanceof Action.Tag tag ? alreadySet(tag, image.tags()) : Optional.empty();
                },
                (action, snapshot) -> action instanceof Action.Tag tag ? alreadySet(tag, snapshot.tags())
                        : Optional.empty());
    }

    /**
     * A failed copy the copy replaces that is still registered (its deregistration failed or was skipped): it still
     * holds the name, and the copy waits for the next run.
     */
    private Optional<String> failedCopyStillThere(Action.Copy action) {
        for (String failedId : action.replacesFailedCopies()) {
            Optional<Image> failed = gateway.describeImage(action.region(), failedId);
            if (failed.isPresent() && failed.get().state() != ImageState.DEREGISTERED) {
                return Optional.of("re-check: failed copy " + failedId + " is still registered ("
                        + failed.get().state().apiValue() + "); copied again once it is deregistered");
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code image} must not be deregistered: this function deregisters only a copy that ended {@code failed},
     * that carries our {@code SourceAmi} tag naming the action's source, and that the account the plan was made
     * for (the owner of what was read with {@code Owners=self}) owns.
     */
    private Optional<String> notOurFailedCopy(Action.DeregisterFailedCopy action, Image image) {
        String source = action.sourceImageId();
        if (image.state() != ImageState.FAILED) {
            return Optional.of("re-check: " + image.imageId() + " is " + image.state().apiValue() + ", not failed");
        }
        if (source == null || !image.tag(CrossRegionCopyPolicy.SOURCE_AMI_TAG).filter(source::equals).isPresent()) {
            return Optional.of("re-check: " + image.imageId() + " is not a copy " + NAME + " made of " + source);
        }
        String account = action.ownerId();
        if (account == null || !account.equals(image.ownerId())) {
            return Optional.of("re-check: " + image.imageId() + " is not owned by this account");
        }
        return Optional.empty();
    }

    static Optional<String> alreadySet(Action.Tag action, Map<String, String> present) {
        List<String> set = action.tags().keySet().stream().filter(present::containsKey).toList();
        return set.isEmpty() ? Optional.empty()
                : Optional.of("re-check: " + String.join(", ", set) + " set meanwhile, not overwritten");
    }

    private static CrossRegionCopyPolicy copyPolicy(Config config) {
        return new CrossRegionCopyPolicy(config.crossRegionCopy(), config.expiry().expiryTagKeys());
    }

    /**
     * Tag-on-create as configured, except that a copy this function made without {@code retainCopies} gets no
     * default expiry: the person chose copies that outlive their source.
     */
    private static TagOnCreatePolicy tagPolicy(Config config, Image image) {
        TagOnCreateConfig tags = config.tagOnCreate();
        if (image.tag(CrossRegionCopyPolicy.SOURCE_AMI_TAG).isPresent() && !config.crossRegionCopy().retainCopies()) {
            tags = new TagOnCreateConfig(tags.enabled(), tags.creatorTagKey(), null);
        }
        return new TagOnCreatePolicy(tags, config.expiry().expiryTagKeys());
    }

    /**
     * Whether the destinations are worth reading for {@code image}: the policy decides, but it refuses an image
     * that fails these before it looks at a destination, so reading them would be wasted calls.
     */
    private static boolean mayBeCopied(CrossRegionCopyConfig copy, Image image) {
        return copy.enabled() && image.state() == ImageState.AVAILABLE && image.isSelectedBy(copy.selector());
    }

    /**
     * The CloudTrail record's account; else the caller's (STS); else, for an AMI State Change, the AMI's owner:
     * EC2 sends that event only to the owner's bus, so the AMI is this account's.
     */
    private String accountId(NewImage event, Image image) {
        if (event.accountId() != null) {
            return event.accountId();
        }
        String caller = gateway.accountId(event.region());
        return caller != null ? caller : image.ownerId();
    }
}
