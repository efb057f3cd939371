package dev.amihousekeeping.run;

import dev.amihousekeeping.config.ExpiryConfig;
import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.ExpiryEvidence;
import dev.amihousekeeping.core.ExpiryPolicy;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ImageState;
import dev.amihousekeeping.core.Inventory;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.core.port.Applied;
import dev.amihousekeeping.core.port.Precondition;
import dev.amihousekeeping.ec2.Ec2ActionApplier;
import dev.amihousekeeping.ec2.Ec2Exception;
import dev.amihousekeeping.ec2.Recheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code expiry} function (DESIGN §5): per region, read the inventory, ask the policy for its candidates,
 * read the in-use and sharing evidence for those only, and plan; then apply the plans of all regions as one, so
 * that {@code maxActionsPerRun} counts the whole run (invariant 5), each action re-checked against the image
 * and evidence read just before it (invariant 6).
 *
 * <p>Regions are read and planned in parallel; one that fails is a {@link RegionError} and the others go on.
 * Whether an endpoint offers {@code EnableImageDeprecation} is learnt when it first refuses: that deprecation
 * and the later ones in its region are {@code skipped} with {@code deprecation-unsupported}, so the AMI is kept
 * and the report says why (DESIGN §5).
 */
public final class ExpiryRun implements FunctionRun {

    public static final String NAME = "expiry";
    /** The resource id of the kept entries that are notes about a region's reading, not about one AMI. */
    public static final String NOTE_RESOURCE_ID = "in-use-sources";

    private final Housekeeping housekeeping;

    public ExpiryRun(Housekeeping housekeeping) {
        this.housekeeping = housekeeping;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Report run(RunRequest request) {
        return execute(request).report();
    }

    /** The report, and the inventories it was planned from (a table shows names and ages from them). */
    public record Result(Report report, List<Inventory> inventories) {

        public Result {
            inventories = List.copyOf(inventories);
        }

        /** The image {@code imageId} of {@code region} as the run read it, or empty when it was not read. */
        public Optional<Image> image(String region, String imageId) {
            return inventories.stream().filter(i -> i.region().equals(region)).findFirst()
                    .flatMap(i -> i.image(imageId));
        }
    }

    /** The run, with the inventories it read. */
    public Result execute(RunRequest request) {
        ExpiryConfig config = request.config().expiry();
        if (!config.enabled()) {
            return new Result(EventDispatcher.ignored(NAME, request, "expiry is disabled in the policy"), List.of());
        }
        ExpiryPolicy policy = new ExpiryPolicy(config);
        ExpiryEvidenceReader reader = new ExpiryEvidenceReader(housekeeping.gateway(), config.includeShared());

        List<RegionPlan> regions = planAll(request, policy, reader);
        Plan plan = Plan.empty();
        List<RegionError> errors = new ArrayList<>();
        Map<String, RegionPlan> byRegion = new LinkedHashMap<>();
        for (RegionPlan region : regions) {
            plan = plan.plus(region.plan());
            errors.addAll(region.errors());
            byRegion.put(region.region(), region);
        }

        Set<String> noDeprecation = ConcurrentHashMap.newKeySet();
        Precondition deprecationOffered = action -> action.type() == ActionType.DEPRECATE
                && noDeprecation.contains(action.region())
                ? Optional.of("deprecation-unsupported: the endpoint refused EnableImageDeprecation in this region")
                : Optional.empty();
        // keepLatest again: the lineage's newest images are read with the window's images, in the same batch.
        Precondition recheck = Recheck.of(housekeeping.gateway(),
                (action, image, lineage) -> recheck(policy, reader, byRegion.get(action.region()), action, image,
                        lineage, request.now()),
                (action, snapshot) -> stillUnused(action),
                ExpiryPolicy::newestInLineage);
        // The in-use references of a window of images at once: ten ids a DescribeImageReferences call.
        Precondition references = Precondition.readingAhead(upcoming -> {
            reader.forgetReadAhead();
            Map<String, List<String>> ids = new LinkedHashMap<>();
            upcoming.stream().filter(action -> action.resourceType() == ResourceType.IMAGE)
                    .forEach(action -> ids.computeIfAbsent(action.region(), r -> new ArrayList<>())
                            .add(action.resourceId()));
            ids.forEach((region, imageIds) -> reader.readAhead(region, imageIds, byRegion.get(region).reading()));
        });
        Ec2ActionApplier ec2 = new Ec2ActionApplier(housekeeping.gateway(), runClock(request.now()));
        ActionApplier applier = action -> {
            try {
                return ec2.apply(action);
            } catch (Ec2Exception e) {
                if (action.type() == ActionType.DEPRECATE && housekeeping.gateway().notOffered(e)) {
                    noDeprecation.add(action.region());
                    return Applied.skipped("deprecation-unsupported: " + e.errorCode() + ": " + e.errorMessage());
                }
                throw e;
            }
        };

        Report report = housekeeping.executor().execute(request.forFunction(NAME), plan, errors,
                deprecationOffered.and(references).and(recheck), applier);
        return new Result(report, regions.stream().map(RegionPlan::inventory).filter(i -> i != null).toList());
    }

    /** One region's part of the run; {@code inventory} and {@code reading} are null when it could not be read. */
    private record RegionPlan(String region, Inventory inventory, ExpiryEvidenceReader.Reading reading, Plan plan,
                              List<RegionError> errors) {

        static RegionPlan failed(String region, RegionError error) {
            return new RegionPlan(region, null, null, Plan.empty(), List.of(error));
        }
    }

    private List<RegionPlan> planAll(RunRequest request, ExpiryPolicy policy, ExpiryEvidenceReader reader) {
        return PerTarget.map(request.targets(), target -> planRegion(target, request.now(), policy, reader),
                (target, e) -> RegionPlan.failed(target.region(), PerTarget.error(target, e)));
    }

    private RegionPlan planRegion(Target target, Instant now, ExpiryPolicy policy, ExpiryEvidenceReader reader) {
        String region = target.region();
        try {
            Inventory inventory = housekeeping.gateway().readInventory(region);
            List<Image> candidates = policy.candidates(inventory, now);
            ExpiryEvidenceReader.Reading reading = candidates.isEmpty()
                    ? ExpiryEvidenceReader.Reading.none()
                    : reader.read(region, candidates);
            Plan plan = policy.plan(inventory, reading.evidence(), now);
            List<Kept> notes = reading.notes().stream()
                    .map(note -> new Kept(region, ResourceType.ACCOUNT, NOTE_RESOURCE_ID, note)).toList();
            return new RegionPlan(region, inventory, reading, plan.plus(new Plan(List.of(), notes)),
                    reading.errors());
        } catch (RuntimeException e) {
            return RegionPlan.failed(region, PerTarget.error(target, e));
        }
    }

    /**
     * A snapshot several deregistered images shared goes only when no image uses it now, in any state but
     * deregistered (invariant 3). Read when the action comes, not with the window: the deregistrations just
     * before it, in the same window, are what let it go. One call, and only for shared snapshots.
     */
    private Optional<String> stillUnused(Action action) {
        if (action.type() != ActionType.DELETE_SNAPSHOT) {
            return Optional.empty();
        }
        List<String> users = housekeeping.gateway().imagesUsingSnapshot(action.region(), action.resourceId()).stream()
                .filter(image -> image.state() != ImageState.DEREGISTERED).map(Image::imageId).toList();
        return users.isEmpty() ? Optional.empty() : Optional.of("re-check: used-by: " + String.join(", ", users));
    }

    /** Invariant 6: the policy's decision again, on the image and the evidence as they are now. */
    private Optional<String> recheck(ExpiryPolicy policy, ExpiryEvidenceReader reader, RegionPlan region,
                                     Action action, Image current, Map<String, Image> lineage, Instant now) {
        Optional<ExpiryEvidence> fresh = reader.reread(action.region(), action.resourceId(), region.reading());
        if (fresh.isEmpty()) {
            // Read ahead as present, gone when its launch permissions were asked for: deregistered meanwhile.
            return Optional.of("re-check: image " + action.resourceId() + " no longer exists");
        }
        return policy.recheck(action, current, region.inventory().accountId(), fresh.get(), lineage, now)
                .map(reason -> "re-check: " + reason);
    }

    /**
     * The clock the applier stamps deprecations with: it starts at the run's now and ticks. In Lambda that is
     * the machine's clock; with the CLI's {@code --now} (or the demo's seed clock) a deprecation lands just after
     * the run's now, where the next run with the same clock counts its grace instead of deprecating again.
     */
    private Clock runClock(Instant now) {
        Clock base = housekeeping.clock();
        return Clock.offset(base, Duration.between(base.instant(), now));
    }
}
