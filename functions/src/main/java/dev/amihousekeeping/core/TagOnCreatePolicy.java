package dev.amihousekeeping.core;

import dev.amihousekeeping.config.TagOnCreateConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Stamps a new AMI and its snapshots (DESIGN §1, {@code tagOnCreate}) so that expiry has something to go on: a
 * creator tag from the CloudTrail identity and, when a default retention is configured, an expiry tag.
 *
 * <p>A tag is only ever added, never changed: a resource that already has the key keeps its value, whoever set
 * it. The image gets the expiry tag only when it has none of the configured expiry keys. Each snapshot gets the
 * creator and expiry tags the image holds once this plan is applied, where the snapshot lacks them; so an AMI
 * State Change event, which names no creator, still completes snapshots that were not known at CreateImage.
 * Planning again on the tagged result yields no action (invariant 7).
 *
 * <p>Each {@code tag} action carries the tags to add in {@link Action.Tag#tags()}.
 */
public final class TagOnCreatePolicy {

    // EC2 tag values are at most 256 Unicode characters; an IAM user ARN with a long path can be longer.
    private static final int MAX_TAG_VALUE = 256;
    /** An image created longer than this before its event is not new (see {@link #notNew}). */
    private static final Duration NEW_FOR = Duration.ofDays(1);

    private final TagOnCreateConfig config;
    private final String expiryTagKey;
    private final List<String> expiryTagKeys;

    /** {@code expiryTagKeys}: expiry's keys, in precedence order; the first is the one this policy writes. */
    public TagOnCreatePolicy(TagOnCreateConfig config, List<String> expiryTagKeys) {
        this.config = Objects.requireNonNull(config, "config");
        this.expiryTagKeys = List.copyOf(expiryTagKeys);
        this.expiryTagKey = this.expiryTagKeys.isEmpty() ? null : this.expiryTagKeys.get(0);
    }

    /**
     * Plans the tags of {@code image} (as read just now) and of {@code itsSnapshots}. {@code creatorArn}: the
     * event's {@code userIdentity.arn}, null when the event names none. {@code eventTime}: the event's time, the
     * base of the retention date; null falls back to the image's creation date. {@code now}: the run's clock, the
     * retention's floor, so that a stamp never names a date already gone by (a late or replayed event).
     */
    public Plan plan(Image image, List<Snapshot> itsSnapshots, String creatorArn, Instant eventTime, Instant now) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(itsSnapshots, "itsSnapshots");
        if (!config.enabled()) {
            return new Plan(List.of(), List.of(
                    new Kept(image.region(), ResourceType.IMAGE, image.imageId(), "tag-on-create-disabled")));
        }
        String creator = creatorArn == null || creatorArn.isBlank() ? null : truncate(creatorArn.strip());

        Map<String, String> imageTags = new LinkedHashMap<>();
        if (creator != null && !image.tags().containsKey(config.creatorTagKey())) {
            imageTags.put(config.creatorTagKey(), creator);
        }
        Optional<String> notNew = notNew(image, eventTime != null ? eventTime : now);
        String retention = notNew.isPresent() ? null : retentionDate(image, eventTime, now);
        if (retention != null && !hasExpiryTag(image.tags())) {
            imageTags.put(expiryTagKey, retention);
        }

        List<Action> actions = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        if (imageTags.isEmpty() && notNew.isPresent() && config.defaultRetentionDays() != null
                && !hasExpiryTag(image.tags())) {
            // Say why it got no retention, rather than that its tags are present.
            kept.add(new Kept(image.region(), ResourceType.IMAGE, image.imageId(), notNew.get()));
        } else {
            add(image.region(), ResourceType.IMAGE, image.imageId(), image.tags(), imageTags, "", actions, kept);
        }

        // What the image holds once this plan is applied: its own tags win over ours.
        String imageCreator = image.tags().getOrDefault(config.creatorTagKey(), creator);
        String imageExpiry = retention == null ? null : imageTags.getOrDefault(expiryTagKey,
                image.tags().get(expiryTagKey));
        for (Snapshot snapshot : itsSnapshots) {
            Map<String, String> snapshotTags = new LinkedHashMap<>();
            if (imageCreator != null && !snapshot.tags().containsKey(config.creatorTagKey())) {
                snapshotTags.put(config.creatorTagKey(), imageCreator);
            }
            if (imageExpiry != null && !hasExpiryTag(snapshot.tags())) {
                snapshotTags.put(expiryTagKey, imageExpiry);
            }
            add(snapshot.region(), ResourceType.SNAPSHOT, snapshot.snapshotId(), snapshot.tags(), snapshotTags,
                    " (snapshot of " + image.imageId() + ")", actions, kept);
        }
        return new Plan(actions, kept);
    }

    private void add(String region, ResourceType type, String id, Map<String, String> present,
            Map<String, String> toAdd, String suffix, List<Action> actions, List<Kept> kept) {
        if (toAdd.isEmpty()) {
            boolean creatorUnknown = !present.containsKey(config.creatorTagKey());
            kept.add(new Kept(region, type, id, creatorUnknown ? "creator-unknown" : "tags-present"));
            return;
        }
        List<String> shown = new ArrayList<>();
        toAdd.forEach((key, value) -> {
            // The creator's ARN is long and already in the action's tags; the date is what a reader checks.
            shown.add(key.equals(expiryTagKey) ? key + "=" + value : key);
        });
        actions.add(new Action.Tag(region, type, id, "tag-on-create " + String.join(", ", shown) + suffix, toAdd));
    }

    /**
     * {@code yyyy-MM-dd} (UTC) of the event, or of the image's creation, plus the default retention; never earlier
     * than {@code now} plus the retention.
     */
    private String retentionDate(Image image, Instant eventTime, Instant now) {
        Integer days = config.defaultRetentionDays();
        Instant base = eventTime != null ? eventTime : image.creationDate();
        if (days == null || expiryTagKey == null || base == null) {
            return null;
        }
        Instant from = base.isAfter(now) ? base : now;
        return LocalDate.ofInstant(from, ZoneOffset.UTC).plusDays(days).toString();
    }

    /**
     * Why {@code image} is not new at {@code eventTime}: created more than {@link #NEW_FOR} before it. Such an
     * image became {@code available} again (EnableImage, a Recycle Bin restore) and gets no default retention:
     * counted from its creation it would already be due, and the next expiry run would take it.
     */
    private static Optional<String> notNew(Image image, Instant eventTime) {
        Instant created = image.creationDate();
        if (created == null || !created.isBefore(eventTime.minus(NEW_FOR))) {
            return Optional.empty();
        }
        return Optional.of("not-new: created " + created.truncatedTo(ChronoUnit.SECONDS) + ", more than "
                + NEW_FOR.toDays() + "d before the event");
    }

    private boolean hasExpiryTag(Map<String, String> tags) {
        return expiryTagKeys.stream().anyMatch(tags::containsKey);
    }

    private static String truncate(String value) {
        return value.length() <= MAX_TAG_VALUE ? value : value.substring(0, MAX_TAG_VALUE);
    }

    /**
     * The re-check of a planned tag (a stamp, or a copy's share of it) on its resource's tags as read just now
     * (invariant 6): a person may have set a key since the plan was made, and a tag a person set is never
     * overwritten.
     */
    public static Optional<String> recheck(Action.Tag action, Map<String, String> present) {
        List<String> set = action.tags().keySet().stream().filter(present::containsKey).toList();
        return set.isEmpty() ? Optional.empty()
                : Optional.of("re-check: " + String.join(", ", set) + " set meanwhile, not overwritten");
    }

    /**
     * {@code image} as it is once {@code stamp}, its tag-on-create plan, is applied: a stamp only ever adds missing
     * keys, so nothing the image has changes. The copy policy plans from it, so that a redelivered event asks
     * CopyImage with the same tags, which EC2's ClientToken check requires.
     */
    public static Image stamped(Image image, Plan stamp) {
        Map<String, String> tags = new LinkedHashMap<>(image.tags());
        tagsAddedTo(image, stamp).forEach(tags::putIfAbsent);
        return new Image(image.region(), image.imageId(), image.name(), image.ownerId(), image.state(),
                image.creationDate(), tags, image.isPublic(), image.deprecationTime(), image.lastLaunchedTime(),
                image.deregistrationProtection(), image.sourceImageId(), image.sourceRegion(), image.blockDevices());
    }

    /** The tags {@code stamp} adds to {@code image} itself (not to its snapshots), sorted by key. */
    static Map<String, String> tagsAddedTo(Image image, Plan stamp) {
        Map<String, String> added = new TreeMap<>();
        stamp.actions().stream()
                .filter(a -> a instanceof Action.Tag && a.resourceType() == ResourceType.IMAGE
                        && a.resourceId().equals(image.imageId()) && a.region().equals(image.region()))
                .forEach(a -> added.putAll(((Action.Tag) a).tags()));
        return added;
    }
}
