package dev.amihousekeeping.core;

import dev.amihousekeeping.config.ExpiryConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which AMIs of one region to deprecate or deregister (DESIGN §5 expiry), in two phases so that the gateway
 * asks EC2 for expensive evidence only where it matters:
 * <ol>
 *   <li>{@link #candidates}: the images the inventory alone says are expired and not kept;</li>
 *   <li>{@link #plan}: with the {@link ExpiryEvidence} read for those candidates, every image in scope is
 *       either an {@link Action} or {@link Kept} with one reason.</li>
 * </ol>
 * {@link #recheck} repeats the decision for one freshly read image just before the executor acts.
 *
 * <p>Action parameters: {@code deprecate} carries {@value #DEPRECATE_AT}; {@code deregister} carries
 * {@value #DELETE_SNAPSHOTS}, {@value #SNAPSHOT_IDS}, {@value #KEPT_SNAPSHOTS} and {@value #SNAPSHOT_GIB}.
 */
public final class ExpiryPolicy {

    /**
     * ISO instant, the plan's now. EC2 refuses a DeprecateAt in the past and rounds seconds to the nearest
     * minute (EnableImageDeprecation API reference), so the executor sends the later of this and its own clock
     * rounded up to the next minute.
     */
    public static final String DEPRECATE_AT = "deprecateAt";
    /** {@code true} or {@code false}: the config's {@code deleteSnapshots}. */
    public static final String DELETE_SNAPSHOTS = "deleteSnapshots";
    /** Comma-separated snapshots of this AMI that no other image of the inventory references; empty when none. */
    public static final String SNAPSHOT_IDS = "snapshotIds";
    /** {@code snap-1 (used by ami-2, ami-3); snap-4 (dlm: tag aws:dlm:policy-id)}: snapshots that must stay. */
    public static final String KEPT_SNAPSHOTS = "keptSnapshots";
    /** Total volume GiB of {@value #SNAPSHOT_IDS}, for the savings estimate. */
    public static final String SNAPSHOT_GIB = "snapshotGiB";

    /**
     * A deprecation time up to this far ahead counts as already set. The deprecation this tool asks for lands
     * up to a minute (EC2 rounding) plus the executor's delay after the plan's now; without this slack the next
     * run would deprecate the same AMI again instead of counting its grace.
     */
    static final Duration DEPRECATION_SETTLING = Duration.ofHours(1);

    private static final int USES_SHOWN = 5;

    private final ExpiryConfig config;
    private final ExpiryRules rules;

    public ExpiryPolicy(ExpiryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.rules = new ExpiryRules(config);
    }

    /**
     * Phase 1: the images of {@code inventory} that the inventory alone says are expired and not kept. These,
     * and only these, need in-use references and launch permissions. Empty when expiry is disabled.
     */
    public List<Image> candidates(Inventory inventory, Instant now) {
        if (!config.enabled()) {
            return List.of();
        }
        Map<String, Lineage> newest = newest(inventory);
        Map<String, Snapshot> snapshots = inventory.snapshotsById();
        return inventory.images().stream()
                .filter(config.selector()::matches)
                .filter(image -> rules.judge(image, inventory.accountId(), newest, snapshots, now)
                        instanceof ExpiryVerdict.Expire)
                .toList();
    }

    /**
     * Phase 2: every image of {@code inventory} in the selector, as a deprecate or deregister {@link Action} or
     * as {@link Kept} with one reason. Empty when expiry is disabled.
     */
    public Plan plan(Inventory inventory, ExpiryEvidence evidence, Instant now) {
        if (!config.enabled()) {
            return Plan.empty();
        }
        Map<String, Lineage> newest = newest(inventory);
        Map<String, Set<String>> imagesBySnapshot = inventory.imagesBySnapshot();
        Map<String, Snapshot> snapshots = inventory.snapshotsById();
        List<Action> actions = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        for (Image image : inventory.images()) {
            if (!config.selector().matches(image)) {
                continue;
            }
            ExpiryVerdict verdict = decide(image, inventory.accountId(), newest, snapshots, evidence, now);
            if (verdict instanceof ExpiryVerdict.Act act) {
                Map<String, String> parameters = act.action() == ActionType.DEPRECATE
                        ? Map.of(DEPRECATE_AT, now.truncatedTo(ChronoUnit.SECONDS).toString())
                        : snapshotParameters(image, imagesBySnapshot, snapshots);
                actions.add(new Action(image.region(), ResourceType.IMAGE, image.imageId(), act.action(),
                        act.reason(), parameters, List.of()));
            } else if (verdict instanceof ExpiryVerdict.Keep keep) {
                kept.add(new Kept(image.region(), ResourceType.IMAGE, image.imageId(), keep.reason()));
            }
        }
        return new Plan(actions, kept);
    }

    /**
     * Invariant 6: decides again for {@code current}, the image as read just now ({@code null} when it is gone),
     * with evidence read just now. Empty when {@code planned} should go ahead; otherwise the reason to skip it.
     * {@code keepLatest} is not re-judged: it needs the whole lineage, and new images only weaken it.
     */
    public Optional<String> recheck(Action planned, Image current, String accountId, ExpiryEvidence currentEvidence,
            Instant now) {
        if (current == null) {
            return Optional.of("gone");
        }
        if (!current.imageId().equals(planned.resourceId())) {
            throw new IllegalArgumentException(
                    "re-check of " + planned.resourceId() + " was given image " + current.imageId());
        }
        if (!config.selector().matches(current)) {
            return Optional.of("not-selected");
        }
        // The snapshots are not re-read: a description never changes, and the plan kept the AMI of a Backup one.
        ExpiryVerdict verdict = decide(current, accountId, Map.of(), Map.of(), currentEvidence, now);
        if (verdict instanceof ExpiryVerdict.Keep keep) {
            return Optional.of(keep.reason());
        }
        ExpiryVerdict.Act act = (ExpiryVerdict.Act) verdict;
        return act.action() == planned.action()
                ? Optional.empty()
                : Optional.of("changed: now " + act.action().json() + " (" + act.reason() + ")");
    }

    /** Keep or Act, never Expire: the cheap rules, then the evidence, then the deprecation stage. */
    private ExpiryVerdict decide(Image image, String accountId, Map<String, Lineage> newest,
            Map<String, Snapshot> snapshots, ExpiryEvidence evidence, Instant now) {
        ExpiryVerdict verdict = rules.judge(image, accountId, newest, snapshots, now);
        if (!(verdict instanceof ExpiryVerdict.Expire expired)) {
            return verdict;
        }
        Optional<String> held = heldByEvidence(image, accountId, evidence);
        if (held.isPresent()) {
            return new ExpiryVerdict.Keep(held.get());
        }
        return stage(image, expired.rule(), evidence, now);
    }

    /**
     * In use, or in-use not known, or shared, or sharing not known: kept, and not even deprecated, because EC2's
     * Allowed AMIs setting can refuse to launch a deprecated AMI, and a shared AMI's users are not ours to warn.
     */
    private Optional<String> heldByEvidence(Image image, String accountId, ExpiryEvidence evidence) {
        List<String> uses = evidence.inUse().uses(image.imageId());
        if (!uses.isEmpty()) {
            return Optional.of("in-use: " + summarize(uses));
        }
        Optional<String> unknown = evidence.inUse().unknown(image.imageId());
        if (unknown.isPresent()) {
            return Optional.of("in-use-unknown: " + unknown.get());
        }
        if (config.includeShared()) {
            return Optional.empty();
        }
        Optional<List<LaunchPermission>> grants = evidence.grantsOf(image.imageId());
        if (grants.isEmpty()) {
            return Optional.of("shared-unknown: launch permissions not read");
        }
        Set<String> sharedWith = new LinkedHashSet<>();
        if (image.isPublic()) {
            sharedWith.add(LaunchPermission.publicGroup().toString());
        }
        grants.get().stream()
                .filter(grant -> grant.userId() == null || !grant.userId().equals(accountId))
                .forEach(grant -> sharedWith.add(grant.toString()));
        return sharedWith.isEmpty() ? Optional.empty() : Optional.of("shared: " + String.join(", ", sharedWith));
    }

    private ExpiryVerdict stage(Image image, String rule, ExpiryEvidence evidence, Instant now) {
        ImageState state = image.state();
        if (state == ImageState.FAILED || state == ImageState.ERROR || state == ImageState.INVALID) {
            // Nobody can launch it, so there is nobody for a deprecation to warn.
            return new ExpiryVerdict.Act(ActionType.DEREGISTER, rule + "; state " + state.apiValue());
        }
        if (!config.deprecateFirst()) {
            return new ExpiryVerdict.Act(ActionType.DEREGISTER, rule);
        }
        Instant deprecated = image.deprecationTime();
        if (deprecated == null || deprecated.isAfter(now.plus(DEPRECATION_SETTLING))) {
            return evidence.deprecationSupported()
                    ? new ExpiryVerdict.Act(ActionType.DEPRECATE, rule)
                    : new ExpiryVerdict.Keep("deprecation-unsupported");
        }
        Instant deregisterAfter = deprecated.plus(Duration.ofDays(config.graceDays()));
        if (now.isBefore(deregisterAfter)) {
            return new ExpiryVerdict.Keep("grace: deprecated " + ExpiryRules.show(deprecated)
                    + ", deregister after " + ExpiryRules.show(deregisterAfter));
        }
        return new ExpiryVerdict.Act(ActionType.DEREGISTER, rule + "; deprecated " + ExpiryRules.show(deprecated)
                + ", grace " + config.graceDays() + "d over");
    }

    /**
     * A snapshot another image references (in any state) stays: invariant 3 (DESIGN §6). So does one AWS Backup
     * or DLM manages (invariant 4), by the rule orphan-snapshots keeps it by ({@link ManagedBy}).
     */
    private Map<String, String> snapshotParameters(Image image, Map<String, Set<String>> imagesBySnapshot,
            Map<String, Snapshot> snapshots) {
        List<String> deletable = new ArrayList<>();
        List<String> keptSnapshots = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        long gib = 0;
        for (BlockDevice device : image.blockDevices()) {
            String snapshotId = device.snapshotId();
            if (snapshotId == null || !seen.add(snapshotId)) {
                continue;
            }
            Set<String> others = new LinkedHashSet<>(imagesBySnapshot.getOrDefault(snapshotId, Set.of()));
            others.remove(image.imageId());
            Optional<ManagedBy.Evidence> managed = Optional.ofNullable(snapshots.get(snapshotId))
                    .flatMap(ManagedBy::of);
            if (!others.isEmpty()) {
                keptSnapshots.add(snapshotId + " (used by " + String.join(", ", others) + ")");
            } else if (managed.isPresent()) {
                keptSnapshots.add(snapshotId + " (" + managed.get().reason() + ")");
            } else if (config.deleteSnapshots()) {
                deletable.add(snapshotId);
                gib += device.volumeSize() == null ? 0 : device.volumeSize();
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(DELETE_SNAPSHOTS, String.valueOf(config.deleteSnapshots()));
        parameters.put(SNAPSHOT_IDS, String.join(",", deletable));
        parameters.put(KEPT_SNAPSHOTS, String.join("; ", keptSnapshots));
        parameters.put(SNAPSHOT_GIB, String.valueOf(gib));
        return parameters;
    }

    private Map<String, Lineage> newest(Inventory inventory) {
        Integer keepLatest = config.keepLatest();
        if (keepLatest == null || keepLatest <= 0) {
            return Map.of();
        }
        List<Image> counted = inventory.images().stream()
                .filter(config.selector()::matches)
                .filter(image -> ExpiryRules.countsForKeepLatest(image, inventory.accountId()))
                .toList();
        return Lineage.newest(counted, keepLatest, config.lineageTagKey());
    }

    private static String summarize(List<String> uses) {
        if (uses.size() <= USES_SHOWN) {
            return String.join(", ", uses);
        }
        return String.join(", ", uses.subList(0, USES_SHOWN)) + " (+" + (uses.size() - USES_SHOWN) + " more)";
    }
}
