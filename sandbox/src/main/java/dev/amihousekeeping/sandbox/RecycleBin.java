package dev.amihousekeeping.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One region's Recycle Bin: its retention rules and the AMIs and snapshots deleted while a rule matched them.
 * A resource in the bin is invisible to Describe* and stays until its retention ends by the sandbox clock.
 * <p>
 * From the Recycle Bin user guide (docs.aws.amazon.com/ebs/latest/userguide/recycle-bin.html): a resource that
 * several rules match is kept by the rule with the longest retention period; a resource in the bin carries the
 * system tag {@code aws:recycle-bin:resource-in-bin=true}, which cannot be edited and is removed on restore.
 */
final class RecycleBin {

    static final String IN_BIN_TAG = "aws:recycle-bin:resource-in-bin";

    /** A resource in the bin: how it was, plus the system tag, and its enter and exit times. */
    record Entry<T>(T resource, Instant enterTime, Instant exitTime) {
        Entry<T> withResource(T changed) {
            return new Entry<>(changed, enterTime, exitTime);
        }
    }

    final List<SeedRecycleBinRule> rules = new ArrayList<>();
    final TreeMap<String, Entry<SeedImage>> images = new TreeMap<>();
    final TreeMap<String, Entry<SeedSnapshot>> snapshots = new TreeMap<>();

    /** The longest retention of the rules of {@code resourceType} that match these tags; empty when none does. */
    Optional<Duration> retention(String resourceType, Map<String, String> tags) {
        return rules.stream().filter(rule -> rule.matches(resourceType, tags))
                .map(rule -> Duration.ofDays(rule.retentionDays()))
                .max(Duration::compareTo);
    }

    /** Puts a deregistered image in the bin when a rule retains it; false: it is gone for good. */
    boolean keepImage(SeedImage image, Instant now) {
        Optional<Duration> retention = retention(SeedRecycleBinRule.IMAGE, image.tags());
        retention.ifPresent(days -> images.put(image.imageId(),
                new Entry<>(image.withTags(withInBinTag(image.tags())), now, now.plus(days))));
        return retention.isPresent();
    }

    /** Puts a deleted snapshot in the bin when a rule retains it; false: it is gone for good. */
    boolean keepSnapshot(SeedSnapshot snapshot, Instant now) {
        Optional<Duration> retention = retention(SeedRecycleBinRule.SNAPSHOT, snapshot.tags());
        retention.ifPresent(days -> snapshots.put(snapshot.snapshotId(),
                new Entry<>(snapshot.withTags(withInBinTag(snapshot.tags())), now, now.plus(days))));
        return retention.isPresent();
    }

    /** Drops what has reached its exit time: the bin deletes it permanently when retention ends. */
    void purge(Instant now) {
        images.values().removeIf(entry -> !now.isBefore(entry.exitTime()));
        snapshots.values().removeIf(entry -> !now.isBefore(entry.exitTime()));
    }

    boolean isEmpty() {
        return rules.isEmpty() && images.isEmpty() && snapshots.isEmpty();
    }

    static Map<String, String> withInBinTag(Map<String, String> tags) {
        Map<String, String> tagged = new TreeMap<>(tags);
        tagged.put(IN_BIN_TAG, "true");
        return tagged;
    }

    static Map<String, String> withoutInBinTag(Map<String, String> tags) {
        Map<String, String> untagged = new TreeMap<>(tags);
        untagged.remove(IN_BIN_TAG);
        return untagged;
    }

    /** The contents in seed form; null when the bin is empty, so the state shows no bin. */
    SeedRecycleBin toSeed() {
        if (images.isEmpty() && snapshots.isEmpty()) {
            return null;
        }
        return new SeedRecycleBin(
                images.values().stream().map(e -> new SeedRecycleBin.BinnedImage(e.enterTime(), e.exitTime(),
                        e.resource())).toList(),
                snapshots.values().stream().map(e -> new SeedRecycleBin.BinnedSnapshot(e.enterTime(), e.exitTime(),
                        e.resource())).toList());
    }

    /**
     * Fills a region's bin from its seed, refusing what the bin could not hold with a message naming the key.
     *
     * @param at the seed path of the region, {@code seed: regions.us-east-1.}
     */
    void load(SeedRegion seed, String at, String regionName, String accountId, RegionState region) {
        for (int i = 0; i < seed.recycleBinRules().size(); i++) {
            SeedRecycleBinRule rule = seed.recycleBinRules().get(i);
            String where = at + "recycleBinRules[" + i + "].";
            check(SeedRecycleBinRule.RESOURCE_TYPES.contains(rule.resourceType()), where + "resourceType '"
                    + rule.resourceType() + "' is not one of " + SeedRecycleBinRule.RESOURCE_TYPES);
            // rbin's RetentionPeriodValue for DAYS: 1 to 3650 (rbin API reference, RetentionPeriod).
            check(rule.retentionDays() != null && rule.retentionDays() >= 1 && rule.retentionDays() <= 3650,
                    where + "retentionDays '" + rule.retentionDays() + "' is not a number of days from 1 to 3650");
            check(SeedRecycleBinRule.LOCK_STATES.contains(rule.lockState()), where + "lockState '"
                    + rule.lockState() + "' is not one of " + SeedRecycleBinRule.LOCK_STATES);
            for (int t = 0; t < rule.resourceTags().size(); t++) {
                String key = rule.resourceTags().get(t).key();
                check(key != null && !key.isEmpty(), where + "resourceTags[" + t + "].key is missing");
            }
            rules.add(rule.identifier() != null ? rule : rule.withIdentifier(identifier(regionName, i, rule)));
        }
        SeedRecycleBin bin = seed.recycleBin();
        if (bin == null) {
            return;
        }
        for (int i = 0; i < bin.images().size(); i++) {
            SeedRecycleBin.BinnedImage binned = bin.images().get(i);
            String where = at + "recycleBin.images[" + i + "].";
            checkTimes(where, binned.recycleBinEnterTime(), binned.recycleBinExitTime());
            SeedImage image = binned.image();
            check(image != null && IdGenerator.isImageId(image.imageId()),
                    where + "image.imageId '" + (image == null ? null : image.imageId()) + "' is not an EC2 image id");
            check(!images.containsKey(image.imageId()) && !region.images.containsKey(image.imageId()),
                    where + "image.imageId '" + image.imageId() + "' appears twice");
            image = image.ownerId() == null ? image.withOwner(accountId) : image;
            images.put(image.imageId(), new Entry<>(image.withTags(withInBinTag(image.tags())),
                    binned.recycleBinEnterTime(), binned.recycleBinExitTime()));
        }
        for (int i = 0; i < bin.snapshots().size(); i++) {
            SeedRecycleBin.BinnedSnapshot binned = bin.snapshots().get(i);
            String where = at + "recycleBin.snapshots[" + i + "].";
            checkTimes(where, binned.recycleBinEnterTime(), binned.recycleBinExitTime());
            SeedSnapshot snapshot = binned.snapshot();
            check(snapshot != null && IdGenerator.isSnapshotId(snapshot.snapshotId()), where
                    + "snapshot.snapshotId '" + (snapshot == null ? null : snapshot.snapshotId())
                    + "' is not an EC2 snapshot id");
            check(!snapshots.containsKey(snapshot.snapshotId()) && !region.snapshots.containsKey(snapshot.snapshotId()),
                    where + "snapshot.snapshotId '" + snapshot.snapshotId() + "' appears twice");
            snapshot = snapshot.ownerId() == null ? snapshot.withOwner(accountId) : snapshot;
            snapshots.put(snapshot.snapshotId(), new Entry<>(snapshot.withTags(withInBinTag(snapshot.tags())),
                    binned.recycleBinEnterTime(), binned.recycleBinExitTime()));
        }
    }

    /** rbin's rule ids are 11 letters and digits; a seed's rule without one gets a stable one. */
    private static String identifier(String regionName, int index, SeedRecycleBinRule rule) {
        UUID uuid = UUID.nameUUIDFromBytes((regionName + "/" + index + "/" + rule.resourceType() + "/"
                + rule.retentionDays() + "/" + rule.resourceTags()).getBytes(StandardCharsets.UTF_8));
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        long bits = uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            id.append(alphabet.charAt((int) Long.remainderUnsigned(bits, 62L)));
            bits = Long.divideUnsigned(bits, 62L);
        }
        return id.toString();
    }

    private static void checkTimes(String where, Instant enter, Instant exit) {
        check(enter != null, where + "recycleBinEnterTime is missing");
        check(exit != null, where + "recycleBinExitTime is missing");
        check(exit.isAfter(enter), where + "recycleBinExitTime '" + exit + "' is not after recycleBinEnterTime");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
