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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

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
        CrossRegionCopyConfig copy = request.config().crossRegionCopy();
        // The latest parameters' catch-up is the whole run's: not for the one AMI that copy --image names.
        LatestParameters latest = LatestParameters.of(request.config());
        boolean parameters = latest.enabled() && onlyImageId == null;
        if (!copy.enabled() && !parameters) {
            return EventDispatcher.ignored(NAME, request, "crossRegionCopy.enabled is false");
        }
        CrossRegionCopyPolicy policy = copyPolicy(request.config());
        RegionImages images = new RegionImages();
        AtomicBoolean found = new AtomicBoolean();
        // The destinations' parameters, planned once per account and region whichever source comes first.
        Set<Target> parametersPlanned = new HashSet<>(request.targets());
        // Each target is a source: its images listed in parallel; a destination read after every source, and only
        // if something may go there.
        return TargetRun.run(housekeeping, request, NAME, TargetWork.<SourceImages>of(
                (target, gateway) -> new SourceImages(target, gateway, images.source(target, gateway)),
                source -> {
                    List<Image> candidates = onlyImageId == null ? source.images() : source.images().stream()
                            .filter(i -> i.imageId().equals(onlyImageId)).toList();
                    if (!candidates.isEmpty()) {
                        found.set(true);
                    }
                    Plan copies = copy.enabled() ? planCopies(request, policy, images, source, candidates,
                            onlyImageId != null) : Plan.empty();
                    return parameters ? planParameters(latest, images, source, parameterRegions(copy),
                            parametersPlanned, copies)
                            : new TargetWork.TargetPlan(copies);
                },
                (source, gateway) -> new TargetWork.Gates(recheck(gateway, policy), applier(gateway)))
                .failedAs(PerTarget::serviceError)
                // The destinations that could not be read, then a named AMI that no source had.
                .withRunErrors(() -> onlyImageId == null || found.get() ? images.errors()
                        : Stream.concat(images.errors().stream(), Stream.of(new RegionError(null, IMAGE_NOT_FOUND,
                                "this account owns no image " + onlyImageId + " in "
                                        + String.join(", ", request.regions())))).toList()))
                .report();
    }

    /** A source target's images as listed, with the gateway they were listed through. */
    private record SourceImages(Target target, Ec2Gateway gateway, List<Image> images) {
    }

    /**
     * {@code copies}, then the latest parameters of the source's region and of each destination region not planned
     * yet (a destination that is no source of the run is planned with the first source that reaches it).
     */
    private static TargetWork.TargetPlan planParameters(LatestParameters latest, RegionImages images,
                                                        SourceImages source, List<String> destinations,
                                                        Set<Target> planned, Plan copies) {
        Plan plan = copies;
        List<RegionError> errors = new ArrayList<>();
        List<TargetWork.TargetPlan> regions = new ArrayList<>();
        regions.add(latest.planRegion(source.gateway(), source.target().region(), source.images()));
        for (String region : destinations) {
            Target destination = new Target(source.target().account(), region);
            if (planned.add(destination)) {
                images.listed(source.gateway(), destination).ifPresent(listed ->
                        regions.add(latest.planRegion(source.gateway(), region, listed)));
            }
        }
        for (TargetWork.TargetPlan region : regions) {
            plan = plan.plus(region.plan());
            errors.addAll(region.errors());
        }
        return new TargetWork.TargetPlan(plan, errors);
    }

    /**
     * The regions besides the run's own whose latest parameters the catch-up keeps: the copies' destinations while
     * copying is on (with it off there are no new copies to name). Infra grants the parameter calls in the same.
     */
    public static List<String> parameterRegions(CrossRegionCopyConfig copy) {
        return copy.enabled() ? copy.destinationRegions() : List.of();
    }

    /** The copies of {@code candidates}, the images of one source; {@code named}: the CLI named the one AMI. */
    private static Plan planCopies(RunRequest request, CrossRegionCopyPolicy policy, RegionImages images,
                                   SourceImages source, List<Image> candidates, boolean named) {
        String region = source.target().region();
        // Owners=self: whoever owns what was read is this account.
        String accountId = source.images().stream().map(Image::ownerId).filter(Objects::nonNull).findFirst()
                .orElseGet(() -> source.gateway().accountId(region));
        CrossRegionCopyConfig copy = request.config().crossRegionCopy();
        Map<String, List<Image>> destinations = candidates.stream().anyMatch(i -> mayBeCopied(copy, i))
                ? images.destinations(source.gateway(), copy.destinationRegions(), source.target()) : Map.of();
        return named
                // One named AMI: say why it is not copied, even when the selector leaves it out.
                ? candidates.stream().map(i -> policy.plan(i, accountId, destinations, request.now()))
                        .reduce(Plan.empty(), Plan::plus)
                : policy.planAll(new Inventory(region, accountId, request.now(), candidates, List.of()), destinations,
                        request.now());
    }

    /**
     * The new AMI in its region, the run's one target: first tag-on-create stamps it and its snapshots, then the
     * copies it already has get their share of the stamp, then it is copied where it lacks a copy: one plan, under
     * one cap. The copies' tags hold the source's back ({@link SourceStampGate}).
     */
    private Report stampAndCopy(NewImage event, RunRequest request) {
        RegionImages images = new RegionImages();
        AtomicReference<SourceStampGate> gate = new AtomicReference<>();
        return TargetRun.run(housekeeping, request.inRegion(event.region()), NAME, TargetWork.<NewImageRead>of(
                (target, gateway) -> NewImageRead.read(gateway, event),
                read -> read.image() == null
                        ? new TargetWork.TargetPlan(new Plan(List.of(), List.of(new Kept(event.region(),
                                ResourceType.IMAGE, event.imageId(), "gone: no such image in " + event.region()))))
                        : withLatestParameter(request, read, images, planStamp(request, event, read, images, gate)),
                (read, gateway) -> new TargetWork.Gates(
                        gate.get().precondition(recheck(gateway, copyPolicy(request.config()))),
                        gate.get().applier(applier(gateway))))
                .failedAs(PerTarget::serviceError).withRunErrors(images::errors)).report();
    }

    /**
     * {@code plan}, then the latest parameter of the new AMI's lineage in its region when the AMI is available and in
     * the {@code latestParameters} selector: the newest available AMI of the lineage there, which may be this one.
     */
    private static TargetWork.TargetPlan withLatestParameter(RunRequest request, NewImageRead read,
                                                             RegionImages images, Plan plan) {
        LatestParameters latest = LatestParameters.of(request.config());
        if (!latest.enabled() || read.image().state() != ImageState.AVAILABLE) {
            return new TargetWork.TargetPlan(plan);
        }
        Image image = read.image();
        TargetWork.TargetPlan parameter = latest.planFor(read.gateway(), image,
                images.listed(read.gateway(), Target.own(image.region())));
        return new TargetWork.TargetPlan(plan.plus(parameter.plan()), parameter.errors());
    }

    /** The new AMI as read now, with its snapshots; {@code image} is null when EC2 has no such image. */
    private record NewImageRead(Image image, List<Snapshot> snapshots, Ec2Gateway gateway) {

        static NewImageRead read(Ec2Gateway gateway, NewImage event) {
            Optional<Image> found = gateway.describeImage(event.region(), event.imageId());
            if (found.isEmpty()) {
                return new NewImageRead(null, List.of(), gateway);
            }
            Image image = event.withCopySource(found.get());
            List<Snapshot> snapshots = new ArrayList<>();
            for (String snapshotId : image.snapshotIds()) {
                gateway.describeSnapshot(event.region(), snapshotId).ifPresent(snapshots::add);
            }
            return new NewImageRead(image, snapshots, gateway);
        }
    }

    /** The stamp, the copies' share of it, and the copies, in that order; {@code gate} gets the source's gate. */
    private static Plan planStamp(RunRequest request, NewImage event, NewImageRead read, RegionImages images,
                                  AtomicReference<SourceStampGate> gate) {
        Config config = request.config();
        Image image = read.image();
        Plan tags = tagPolicy(config, image).plan(image, read.snapshots(), event.creatorArn(),
                event.createdAt() != null ? event.createdAt() : event.eventTime(), request.now());
        // The copy carries the source's expiry tag, so plan it from the source as it is once stamped: a
        // redelivered event then asks CopyImage with the same tags, which EC2's ClientToken check requires.
        Image stamped = TagOnCreatePolicy.stamped(image, tags);
        CrossRegionCopyConfig copy = config.crossRegionCopy();
        Map<String, List<Image>> destinations = mayBeCopied(copy, stamped)
                ? images.destinations(read.gateway(), copy.destinationRegions(), Target.own(event.region()))
                : Map.of();
        Plan copies = copyPolicy(config).plan(stamped, accountId(read.gateway(), event, stamped), destinations,
                request.now());
        // Copies the catch-up made before this stamp get what of it a copy made now would carry. They are tagged
        // before the source, whose own tag waits while one of theirs failed (SourceStampGate).
        Plan copyStamps = new CopyStampPolicy(copy, config.expiry().expiryTagKeys()).plan(image, tags, destinations);
        gate.set(new SourceStampGate(image, copyStamps));
        return copyStamps.plus(tags).plus(copies);
    }

    /** A copy this function made (our SourceAmi tag) ended {@code failed}: a person must fix the key or quota. */
    private Report copyFailed(ImageStateChanged event, RunRequest request) {
        RunRequest here = request.inRegion(event.region());
        Optional<Image> image;
        try {
            image = gateway.describeImage(event.region(), event.imageId());
        } catch (Ec2Exception e) {
            return failure(here, new RegionError(event.region(), e.errorCode(), e.errorMessage()));
        }
        Optional<String> source = image.flatMap(i -> i.tag(CrossRegionCopyPolicy.SOURCE_AMI_TAG));
        if (source.isEmpty()) {
            return EventDispatcher.ignored(NAME, here, "AMI " + event.imageId() + " failed, and it is not a copy "
                    + NAME + " made");
        }
        String kmsKeyId = request.config().crossRegionCopy().kmsKeyIds().get(event.region());
        String reason = event.errorMessage() == null || event.errorMessage().isBlank() ? "no reason given"
                : event.errorMessage();
        return failure(here, new RegionError(event.region(), COPY_FAILED,
                "copy " + event.imageId() + " of " + source.get() + " from "
                        + image.get().tags().getOrDefault(CrossRegionCopyPolicy.SOURCE_REGION_TAG, "?")
                        + " failed in " + event.region() + ": " + reason
                        + (kmsKeyId == null ? "" : " (kmsKeyId " + kmsKeyId + ")")));
    }

    /** A report of {@code error} alone: nothing was planned. */
    private Report failure(RunRequest request, RegionError error) {
        return housekeeping.executor().execute(request.forFunction(NAME), Plan.empty(), List.of(error),
                recheck(gateway, copyPolicy(request.config())), applier(gateway));
    }

    private ActionApplier applier(Ec2Gateway through) {
        return new Ec2ActionApplier(through, housekeeping.clock());
    }

    /** The re-check of {@link #recheck(Ec2Gateway, CrossRegionCopyPolicy)} for {@code config}. */
    Precondition precondition(Config config) {
        return recheck(gateway, copyPolicy(config));
    }

    /**
     * The re-check just before each action (invariant 6), on top of the shared one (still there, not pending):
     * the copy policy's rules on the image as read now, the tag rule of the stamp on the image's or snapshot's
     * tags, and for a copy, each failed copy it replaces read again, which must be deregistered by now; for a
     * latest parameter, the parameter, its tags and the images read again ({@link LatestParameters#recheck}).
     */
    private static Precondition recheck(Ec2Gateway gateway, CrossRegionCopyPolicy policy) {
        return LatestParameters.recheck(gateway).and(Recheck.of(gateway,
                (action, image) -> {
                    if (action instanceof Action.Tag tag) {
                        return TagOnCreatePolicy.recheck(tag, image.tags());
                    }
                    Optional<String> reason = policy.recheck(action, image);
                    if (reason.isPresent() || !(action instanceof Action.Copy copy)) {
                        return reason;
                    }
                    for (String failedId : copy.replacesFailedCopies()) {
                        Optional<String> inTheWay = CrossRegionCopyPolicy.failedCopyInTheWay(failedId,
                                gateway.describeImage(copy.region(), failedId));
                        if (inTheWay.isPresent()) {
                            return inTheWay;
                        }
                    }
                    return Optional.empty();
                },
                (action, snapshot) -> action instanceof Action.Tag tag
                        ? TagOnCreatePolicy.recheck(tag, snapshot.tags()) : Optional.empty()));
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
    private static String accountId(Ec2Gateway gateway, NewImage event, Image image) {
        if (event.accountId() != null) {
            return event.accountId();
        }
        String caller = gateway.accountId(event.region());
        return caller != null ? caller : image.ownerId();
    }
}
