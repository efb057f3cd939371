package dev.amihousekeeping.core;

import dev.amihousekeeping.config.ExpiryConfig;
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
 * <p>A {@link Action.Deprecate} carries the plan's now as its deprecation time; a {@link Action.Deregister} the
 * snapshots to delete with the image, the ones kept with why, and their GiB; both carry, when {@code keepLatest} is
 * set, the newest images of the lineage at planning, which the re-check reads again. A snapshot that several AMIs
 * share, all of them deregistered by the plan, is a {@code delete-snapshot} action of its own after the last of them;
 * a snapshot of a deregistered AMI that an AMI which stays also uses is {@link Kept} with {@code used-by: ami-...}.
 * A snapshot of another account (an AMI registered from a shared snapshot) is never deleted: EC2 would refuse
 * ({@code missing-permissions}), and the GiB are not ours to save. The inventory's snapshots were read with
 * {@code Owners=self}: one not among them is kept, {@value #NOT_OWNED}.
 */
public final class ExpiryPolicy {

    /** The reason a deregistered image's snapshot of another account is kept. */
    public static final String NOT_OWNED = "not-owned: another account's snapshot";

    private static final int USES_SHOWN = 5;

    private final ExpiryConfig config;
    private final ExpiryRules rules;
    private final ExpiryStages stages;

    public ExpiryPolicy(ExpiryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.rules = new ExpiryRules(config);
        this.stages = new ExpiryStages(config);
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
                .filter(image -> image.isSelectedBy(config.selector()))
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
        Map<String, Snapshot> snapshotsById = inventory.snapshotsById();
        Map<Lineage, List<String>> newestByLineage = newestByLineage(inventory, newest);
        Map<Image, ExpiryVerdict> verdicts = new LinkedHashMap<>();
        Set<String> deregistered = new LinkedHashSet<>();
        for (Image image : inventory.images()) {
            if (!image.isSelectedBy(config.selector())) {
                continue;
            }
            ExpiryVerdict verdict = decide(image, inventory.accountId(), newest, snapshotsById, evidence, now);
            verdicts.put(image, verdict);
            if (verdict instanceof ExpiryVerdict.Act act && act.action() == ActionType.DEREGISTER) {
                deregistered.add(image.imageId());
            }
        }
        Snapshots snapshots = new Snapshots(inventory, deregistered);
        List<Action> actions = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        verdicts.forEach((image, verdict) -> {
            if (verdict instanceof ExpiryVerdict.Act act) {
                // The images that put it beyond its lineage's newest N: the re-check reads them again.
                List<String> lineageNewest = ExpiryRules.countsForKeepLatest(image, inventory.accountId())
                        ? newestByLineage.getOrDefault(Lineage.of(image, config.lineageTagKey()), List.of())
                        : List.of();
                actions.add(action(image, act, lineageNewest, snapshots, now));
            } else if (verdict instanceof ExpiryVerdict.Keep keep) {
                kept.add(new Kept(image.region(), ResourceType.IMAGE, image.imageId(), keep.reason()));
                if (stages.noticeToRemove(image, keep.reason())) {
                    actions.add(new Action.RemoveTags(image.region(), ResourceType.IMAGE, image.imageId(),
                            "notice withdrawn: " + keep.reason(), List.of(config.noticeTagKey())));
                }
            }
        });
        actions.addAll(snapshots.sharedDeletions());
        kept.addAll(snapshots.kept());
        kept.addAll(snapshots.notOwned());
        return new Plan(actions, kept);
    }

    private Action action(Image image, ExpiryVerdict.Act act, List<String> lineageNewest, Snapshots snapshots,
                          Instant now) {
        return switch (act.action()) {
            case MARK -> new Action.Mark(image.region(), image.imageId(), act.reason(), config.noticeTagKey(),
                    stages.noticeDate(now));
            case DEPRECATE -> new Action.Deprecate(image.region(), image.imageId(), act.reason(),
                    now.truncatedTo(ChronoUnit.SECONDS), lineageNewest);
            case DISABLE -> new Action.Disable(image.region(), image.imageId(), act.reason(),
                    ExpiryConfig.DISABLED_ON_TAG_KEY, ExpiryStages.today(now), image.state() == ImageState.DISABLED,
                    lineageNewest);
            case DEREGISTER -> snapshots.deregister(image, act.reason(), lineageNewest);
            default -> throw new IllegalStateException("expiry plans no " + act.action().json());
        };
    }

    /**
     * The newest images of the lineage {@code action} was planned against: the images whose state now its re-check
     * needs. Empty when it names none.
     */
    public static List<String> newestInLineage(Action action) {
        if (action instanceof Action.Deprecate deprecate) {
            return deprecate.newestInLineage();
        }
        if (action instanceof Action.Disable disable) {
            return disable.newestInLineage();
        }
        return action instanceof Action.Deregister deregister ? deregister.newestInLineage() : List.of();
    }

    /**
     * Invariant 6: decides again for {@code current}, the image as read just now ({@code null} when it is gone),
     * with evidence read just now. Empty when {@code planned} should go ahead; otherwise the reason to skip it.
     *
     * <p>{@code keepLatest} is judged again from {@code lineageNow}: the images {@link #newestInLineage} names, as
     * read just now (an id missing is gone). The image is still beyond its lineage's newest N only while at
     * least N of them still count as the plan counted them: owned, in the selector, {@code available} or
     * {@code disabled} (a disabled AMI can be enabled again, and the plan counts it: see
     * {@code ExpiryKeepLatestTest}), of the same lineage and newer. Deregistered, gone, pending, failed: not
     * counted, and the image is kept. Images made since the plan are not looked for: they only push it further
     * out, so leaving them out can keep an image one run too long, never deregister one too early.
     */
    public Optional<String> recheck(Action planned, Image current, String accountId, ExpiryEvidence currentEvidence,
            Map<String, Image> lineageNow, Instant now) {
        if (current == null) {
            return Optional.of("gone");
        }
        if (!current.imageId().equals(planned.resourceId())) {
            throw new IllegalArgumentException(
                    "re-check of " + planned.resourceId() + " was given image " + current.imageId());
        }
        if (!current.isSelectedBy(config.selector())) {
            return Optional.of("not-selected");
        }
        // The snapshots are not re-read: a description never changes, and the plan kept the AMI of a Backup one.
        Optional<String> lineageGone = lineageNoLongerNewer(planned, current, accountId, lineageNow);
        Map<String, Lineage> newest = lineageGone.isPresent()
                ? Map.of(current.imageId(), Lineage.of(current, config.lineageTagKey()))
                : Map.of();
        ExpiryVerdict verdict = decide(current, accountId, newest, Map.of(), currentEvidence, now);
        if (planned.type() == ActionType.TAG) {
            // A notice withdrawn: still carrying the tag, and still exempt or no longer expired.
            return verdict instanceof ExpiryVerdict.Keep keep && stages.noticeToRemove(current, keep.reason())
                    ? Optional.empty()
                    : Optional.of("notice stands: " + (verdict instanceof ExpiryVerdict.Keep keep ? keep.reason()
                            : "expired again"));
        }
        if (verdict instanceof ExpiryVerdict.Keep keep) {
            return Optional.of(keep.reason().startsWith("keep-latest") && lineageGone.isPresent()
                    ? keep.reason() + " (" + lineageGone.get() + ")"
                    : keep.reason());
        }
        ExpiryVerdict.Act act = (ExpiryVerdict.Act) verdict;
        return act.action() == planned.type()
                ? Optional.empty()
                : Optional.of("changed: now " + act.action().json() + " (" + act.reason() + ")");
    }

    /**
     * Why {@code current} may now be among its lineage's newest {@code keepLatest}: which of the images that put
     * it beyond them no longer count. Empty when enough of them still do, or the plan named none.
     */
    private Optional<String> lineageNoLongerNewer(Action planned, Image current, String accountId,
            Map<String, Image> lineageNow) {
        List<String> named = newestInLineage(planned);
        Integer keepLatest = config.keepLatest();
        if (named.isEmpty() || keepLatest == null || keepLatest <= 0
                || !ExpiryRules.countsForKeepLatest(current, accountId)) {
            return Optional.empty();
        }
        Lineage lineage = Lineage.of(current, config.lineageTagKey());
        List<String> noLonger = new ArrayList<>();
        int counted = 0;
        for (String id : named) {
            Image member = lineageNow.get(id);
            if (member == null) {
                noLonger.add(id + " gone");
            } else if (!ExpiryRules.countsForKeepLatest(member, accountId)) {
                noLonger.add(id + " " + member.state().apiValue());
            } else if (!member.isSelectedBy(config.selector()) || !Lineage.of(member, config.lineageTagKey()).equals(lineage)
                    || !isNewer(member, current)) {
                noLonger.add(id + " no longer a newer " + lineage);
            } else {
                counted++;
            }
        }
        return counted >= keepLatest ? Optional.empty()
                : Optional.of("since the plan: " + String.join(", ", noLonger));
    }

    private static boolean isNewer(Image member, Image image) {
        int byDate = member.creationDate().compareTo(image.creationDate());
        return byDate > 0 || byDate == 0 && member.imageId().compareTo(image.imageId()) > 0;
    }

    /** Keep or Act, never Expire: the cheap rules, then the evidence, then the stage ({@link ExpiryStages}). */
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
        return stages.stage(image, expired.rule(), evidence, now);
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
        if (config.includeShared() && !evidence.consumersChecked()) {
            return Optional.empty();
        }
        Optional<List<LaunchPermission>> grants = evidence.grantsOf(image.imageId());
        if (grants.isEmpty()) {
            return Optional.of("shared-unknown: launch permissions not read");
        }
        if (config.includeShared()) {
            // Invariant 14: a shared AMI may go only when every consumer account was read and none uses it. A
            // public AMI's consumers cannot be known.
            if (image.isPublic() || grants.get().stream().anyMatch(LaunchPermission::isPublic)) {
                return Optional.of("consumer-unreadable: " + LaunchPermission.publicGroup());
            }
            return evidence.consumerHold(image.imageId());
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

    /**
     * The snapshots of the plan's deregistrations (invariant 3: a snapshot another image references, in any
     * state, is not deleted with this one). A snapshot that only images this plan deregisters use goes after the
     * last of them, as a {@code delete-snapshot} of its own that re-checks no image uses it then; one that an image
     * which stays uses is kept, {@code used-by: ami-...}. Every snapshot of every deregistered image is in the
     * plan: deleted with its image, deleted after them, or kept with the reason. One that AWS Backup or DLM
     * manages is kept (invariant 4), by the rule orphan-snapshots keeps it by ({@link ManagedBy}). One of another
     * account is kept, {@value #NOT_OWNED}, and named last among the deregistration's kept snapshots.
     */
    private final class Snapshots {

        private final Inventory inventory;
        private final Set<String> deregistered;
        private final Map<String, Set<String>> imagesBySnapshot;
        private final Map<String, Snapshot> snapshotsById;
        private final Map<String, Action> sharedDeletions = new LinkedHashMap<>();
        private final Map<String, Kept> kept = new LinkedHashMap<>();
        /** Deletable but of another account; after every other kept entry, the deregistrations' first. */
        private final Map<String, Kept> notOwned = new LinkedHashMap<>();

        Snapshots(Inventory inventory, Set<String> deregistered) {
            this.inventory = inventory;
            this.deregistered = deregistered;
            this.imagesBySnapshot = inventory.imagesBySnapshot();
            this.snapshotsById = inventory.snapshotsById();
        }

        Action.Deregister deregister(Image image, String reason, List<String> newestInLineage) {
            List<String> deletable = new ArrayList<>();
            List<String> keptSnapshots = new ArrayList<>();
            List<String> foreign = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            long gib = 0;
            for (BlockDevice device : image.blockDevices()) {
                String snapshotId = device.snapshotId();
                if (snapshotId == null || !seen.add(snapshotId)) {
                    continue;
                }
                Set<String> others = new LinkedHashSet<>(imagesBySnapshot.getOrDefault(snapshotId, Set.of()));
                others.remove(image.imageId());
                Optional<ManagedBy.Evidence> managed = Optional.ofNullable(snapshotsById.get(snapshotId))
                        .flatMap(ManagedBy::of);
                if (managed.isPresent()) {
                    // Invariant 4: the rule orphan-snapshots keeps it by ({@link ManagedBy}), whoever else uses it.
                    keptSnapshots.add(snapshotId + " (" + managed.get().reason() + ")");
                    keep(image, snapshotId, managed.get().reason());
                } else if (!others.isEmpty()) {
                    keptSnapshots.add(snapshotId + " (used by " + String.join(", ", others) + ")");
                    shared(image, device, others);
                } else if (config.deleteSnapshots() && !snapshotsById.containsKey(snapshotId)) {
                    foreign.add(snapshotId + " (owned by another account)");
                    notOwned.putIfAbsent(snapshotId,
                            new Kept(image.region(), ResourceType.SNAPSHOT, snapshotId, NOT_OWNED));
                } else if (config.deleteSnapshots()) {
                    deletable.add(snapshotId);
                    gib += device.volumeSize() == null ? 0 : device.volumeSize();
                } else {
                    keep(image, snapshotId, "delete-snapshots-off");
                }
            }
            keptSnapshots.addAll(foreign);
            return new Action.Deregister(image.region(), image.imageId(), reason, config.deleteSnapshots(), deletable,
                    keptSnapshots, gib, newestInLineage);
        }

        private void shared(Image image, BlockDevice device, Set<String> others) {
            String snapshotId = device.snapshotId();
            List<String> staying = others.stream().filter(id -> !deregistered.contains(id)).toList();
            if (!staying.isEmpty()) {
                sharedDeletions.remove(snapshotId);
                keep(image, snapshotId, "used-by: " + String.join(", ", staying));
            } else if (!config.deleteSnapshots()) {
                keep(image, snapshotId, "delete-snapshots-off");
            } else if (!sharedDeletions.containsKey(snapshotId)) {
                List<String> users = List.copyOf(new LinkedHashSet<>(imagesBySnapshot.get(snapshotId)));
                sharedDeletions.put(snapshotId, new Action.DeleteSnapshot(image.region(), snapshotId,
                        "shared by deregistered " + String.join(", ", users) + ": deleted after the last of them",
                        device.volumeSize() == null ? 0 : device.volumeSize(), null, null, users, null));
            }
        }

        private void keep(Image image, String snapshotId, String reason) {
            kept.putIfAbsent(snapshotId, new Kept(image.region(), ResourceType.SNAPSHOT, snapshotId, reason));
        }

        /**
         * After every deregistration of the plan, so after the last image that uses each of them. One of another
         * account is not deleted but kept, {@value #NOT_OWNED}.
         */
        List<Action> sharedDeletions() {
            List<Action> owned = new ArrayList<>();
            for (Action deletion : sharedDeletions.values()) {
                if (snapshotsById.containsKey(deletion.resourceId())) {
                    owned.add(deletion);
                } else {
                    notOwned.putIfAbsent(deletion.resourceId(), new Kept(deletion.region(), ResourceType.SNAPSHOT,
                            deletion.resourceId(), NOT_OWNED));
                }
            }
            return owned;
        }

        List<Kept> kept() {
            return List.copyOf(kept.values());
        }

        List<Kept> notOwned() {
            return List.copyOf(notOwned.values());
        }
    }

    /** Each lineage's newest {@code keepLatest} image ids, newest first. */
    private static Map<Lineage, List<String>> newestByLineage(Inventory inventory, Map<String, Lineage> newest) {
        Map<Lineage, List<Image>> members = new LinkedHashMap<>();
        newest.forEach((id, lineage) -> inventory.image(id)
                .ifPresent(image -> members.computeIfAbsent(lineage, l -> new ArrayList<>()).add(image)));
        Map<Lineage, List<String>> ids = new LinkedHashMap<>();
        members.forEach((lineage, images) -> ids.put(lineage, images.stream()
                .sorted((a, b) -> isNewer(a, b) ? -1 : isNewer(b, a) ? 1 : 0).map(Image::imageId).toList()));
        return ids;
    }

    private Map<String, Lineage> newest(Inventory inventory) {
        Integer keepLatest = config.keepLatest();
        if (keepLatest == null || keepLatest <= 0) {
            return Map.of();
        }
        List<Image> counted = inventory.images().stream()
                .filter(image -> image.isSelectedBy(config.selector()))
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
