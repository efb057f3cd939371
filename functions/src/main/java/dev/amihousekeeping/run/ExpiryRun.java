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
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.core.port.Applied;
import dev.amihousekeeping.core.port.Precondition;
import dev.amihousekeeping.ec2.Ec2ActionApplier;
import dev.amihousekeeping.ec2.Ec2Exception;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.ec2.Recheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code expiry} function (DESIGN §5), as a {@link TargetWork} of the per-target run ({@link TargetRun}): per
 * target, read the inventory, ask the policy for its candidates, read the in-use and sharing evidence for those
 * only, and plan; each action is re-checked against the image and evidence read just before it (invariant 6).
 */
public record ExpiryRun(Housekeeping housekeeping) implements FunctionRun {

    public static final String NAME = "expiry";
    /** The resource id of the kept entries that are notes about a region's reading, not about one AMI. */
    public static final String NOTE_RESOURCE_ID = "in-use-sources";
    /** The resource id of the kept entry that says a dry run's notice digest was not sent. */
    public static final String DIGEST_RESOURCE_ID = "notice-digest";

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

        /**
         * The image {@code imageId} of {@code region} as the run read it, or empty when it was not read. AMI ids
         * are unique in a region, so the region's inventories of every account are searched.
         */
        public Optional<Image> image(String region, String imageId) {
            return inventories.stream().filter(i -> i.region().equals(region))
                    .flatMap(i -> i.image(imageId).stream()).findFirst();
        }
    }

    /** The run, with the inventories it read. */
    public Result execute(RunRequest request) {
        ExpiryConfig config = request.config().expiry();
        if (!config.enabled()) {
            return new Result(EventDispatcher.ignored(NAME, request, "expiry is disabled in the policy"), List.of());
        }
        ExpiryPolicy policy = new ExpiryPolicy(config);
        Instant now = request.now();
        Map<String, String> recycleTags = request.recycleTags();
        Map<String, NoticeDigest.Marked> marks = new ConcurrentHashMap<>();
        String creatorTagKey = request.config().tagOnCreate().creatorTagKey();
        SharedImageConsumers consumers = SharedImageConsumers.of(housekeeping, request);
        TargetRun.Result<TargetRead> run = TargetRun.run(housekeeping, request, NAME, TargetWork.of(
                (target, gateway) -> read(target, gateway, policy, config.includeShared(), consumers, now),
                read -> plan(read, policy, now, creatorTagKey, marks),
                (read, gateway) -> gates(read, gateway, policy, now, recycleTags)));
        Report report = announce(run.report(), marks, config.exemptTagKeys());
        return new Result(report, run.reads().stream().map(TargetRead::inventory).toList());
    }

    /**
     * One digest of the AMIs the run marked (DESIGN §5 "Announcements"), sent when they were marked; a dry run sends
     * none, and its report says so in a kept entry of resource {@value #DIGEST_RESOURCE_ID}.
     */
    private Report announce(Report report, Map<String, NoticeDigest.Marked> marks, List<String> exemptTagKeys) {
        Outcome announced = report.dryRun() ? Outcome.PLANNED : Outcome.DONE;
        List<NoticeDigest.Marked> marked = report.actions().stream()
                .filter(a -> a.action() == ActionType.MARK && a.outcome() == announced)
                .map(a -> marks.get(a.region() + "/" + a.resourceId())).filter(Objects::nonNull).toList();
        if (marked.isEmpty()) {
            return report;
        }
        if (report.dryRun()) {
            List<Kept> kept = new ArrayList<>(report.kept());
            kept.add(new Kept(report.regions().get(0), ResourceType.ACCOUNT, DIGEST_RESOURCE_ID, "dry run: the digest"
                    + " announcing " + marked.size() + " AMI(s) to their owners is not sent"));
            return new Report(report.function(), true, report.startedAt(), report.regions(), report.actions(), kept,
                    report.errors(), report.estimatedMonthlySavingsUsd(), report.runId(), report.accounts());
        }
        NoticeDigest digest = NoticeDigest.of(marked, exemptTagKeys);
        housekeeping.notifier().notify(digest.subject(), digest.body());
        return report;
    }

    /** What expiry read for one target: its inventory, and the evidence of its candidates with their reader. */
    private record TargetRead(Inventory inventory, ExpiryEvidenceReader reader, ExpiryEvidenceReader.Reading reading) {
    }

    /** The inventory, then the in-use and sharing evidence of the policy's candidates only. */
    private static TargetRead read(Target target, Ec2Gateway gateway, ExpiryPolicy policy, boolean includeShared,
                                   SharedImageConsumers consumers, Instant now) {
        Inventory inventory = gateway.readInventory(target.region());
        List<Image> candidates = policy.candidates(inventory, now);
        ExpiryEvidenceReader reader = new ExpiryEvidenceReader(gateway, includeShared, consumers,
                inventory.accountId());
        return new TargetRead(inventory, reader, candidates.isEmpty() ? ExpiryEvidenceReader.Reading.none()
                : reader.read(target.region(), candidates));
    }

    /**
     * The policy's plan, and the reading's notes as kept entries of the region. Each {@code mark} planned goes into
     * {@code marks} (by region and image id) with what the digest tells of its AMI.
     */
    private static TargetWork.TargetPlan plan(TargetRead read, ExpiryPolicy policy, Instant now,
                                              String creatorTagKey, Map<String, NoticeDigest.Marked> marks) {
        ExpiryEvidenceReader.Reading reading = read.reading();
        Inventory inventory = read.inventory();
        List<Kept> notes = reading.notes().stream().map(note -> new Kept(inventory.region(),
                ResourceType.ACCOUNT, NOTE_RESOURCE_ID, note)).toList();
        Plan plan = policy.plan(inventory, reading.evidence(), now);
        for (Action action : plan.actions()) {
            if (action instanceof Action.Mark mark) {
                Optional<Image> image = inventory.image(mark.resourceId());
                marks.put(mark.region() + "/" + mark.resourceId(), new NoticeDigest.Marked(inventory.accountId(),
                        mark.region(), mark.resourceId(), image.map(Image::name).orElse(null),
                        image.flatMap(i -> i.tag(creatorTagKey)).orElse(null), mark.reason(), mark.noticeDate()));
            }
        }
        return new TargetWork.TargetPlan(plan.plus(new Plan(List.of(), notes)), reading.errors());
    }

    /**
     * Whether the endpoint offers {@code EnableImageDeprecation} and {@code DisableImage} is learnt when it first
     * refuses one ({@code InvalidAction} and the like, {@link Ec2Gateway#notOffered}): that action and the later ones
     * of its kind in the target are {@code skipped} with {@code deprecation-unsupported} or {@code disable-unsupported},
     * so the AMI is kept and the report says why (DESIGN §5). Then the in-use references of a window of images at once
     * (ten ids a DescribeImageReferences call), then the policy's re-check. The applier writes {@code recycleTags}
     * before it deregisters or deletes (invariant 13).
     */
    private TargetWork.Gates gates(TargetRead read, Ec2Gateway gateway, ExpiryPolicy policy, Instant now,
                                   Map<String, String> recycleTags) {
        ExpiryEvidenceReader reader = read.reader();
        Set<ActionType> refused = ConcurrentHashMap.newKeySet();
        Precondition offered = action -> refused.contains(action.type())
                ? Optional.of(unsupported(action.type()) + ": the endpoint refused " + stageCall(action.type())
                        + " in this region")
                : Optional.empty();
        Precondition references = Precondition.readingAhead(upcoming -> {
            reader.forgetReadAhead();
            List<String> imageIds = upcoming.stream().filter(a -> a.resourceType() == ResourceType.IMAGE)
                    .map(Action::resourceId).toList();
            if (!imageIds.isEmpty()) {
                reader.readAhead(read.inventory().region(), imageIds, read.reading());
            }
        });
        // keepLatest again: the lineage's newest images are read with the window's images, in the same batch.
        Precondition recheck = Recheck.of(gateway,
                (action, image, lineage) -> recheck(read, policy, action, image, lineage, now),
                (action, snapshot) -> stillUnused(gateway, action),
                ExpiryPolicy::newestInLineage);
        Ec2ActionApplier ec2 = new Ec2ActionApplier(gateway, runClock(now), recycleTags);
        ActionApplier applier = action -> {
            try {
                return ec2.apply(action);
            } catch (Ec2Exception e) {
                if (stageCall(action.type()) != null && gateway.notOffered(e)) {
                    refused.add(action.type());
                    return Applied.skipped(unsupported(action.type()) + ": " + e.errorCode() + ": " + e.errorMessage());
                }
                throw e;
            }
        };
        return new TargetWork.Gates(offered.and(references).and(recheck), applier);
    }

    /** The call of a stage an endpoint may not offer; null for the other actions. */
    private static String stageCall(ActionType type) {
        return switch (type) {
            case DEPRECATE -> "EnableImageDeprecation";
            case DISABLE -> "DisableImage";
            default -> null;
        };
    }

    private static String unsupported(ActionType type) {
        return type == ActionType.DEPRECATE ? "deprecation-unsupported" : "disable-unsupported";
    }

    /** Invariant 6: the policy's decision again, on the image and the evidence as they are now. */
    private static Optional<String> recheck(TargetRead read, ExpiryPolicy policy, Action action, Image current,
                                            Map<String, Image> lineage, Instant now) {
        Optional<ExpiryEvidence> fresh = read.reader().reread(action.region(), action.resourceId(), read.reading());
        if (fresh.isEmpty()) {
            // Read ahead as present, gone when its launch permissions were asked for: deregistered meanwhile.
            return Optional.of("re-check: image " + action.resourceId() + " no longer exists");
        }
        return policy.recheck(action, current, read.inventory().accountId(), fresh.get(), lineage, now)
                .map(reason -> "re-check: " + reason);
    }

    /**
     * A snapshot several deregistered images shared goes only when no image uses it now, in any state but
     * deregistered (invariant 3). Read when the action comes, not with the window: the deregistrations just
     * before it, in the same window, are what let it go. One call, and only for shared snapshots.
     */
    private static Optional<String> stillUnused(Ec2Gateway gateway, Action action) {
        if (action.type() != ActionType.DELETE_SNAPSHOT) {
            return Optional.empty();
        }
        List<String> users = gateway.imagesUsingSnapshot(action.region(), action.resourceId()).stream()
                .filter(image -> image.state() != ImageState.DEREGISTERED).map(Image::imageId).toList();
        return users.isEmpty() ? Optional.empty() : Optional.of("re-check: used-by: " + String.join(", ", users));
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
