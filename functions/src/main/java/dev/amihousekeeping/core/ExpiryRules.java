package dev.amihousekeeping.core;

import dev.amihousekeeping.config.ExpiryConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cheap half of the expiry decision: everything that can be judged from the inventory alone. The first
 * reason to keep wins, in this order: not-owned, state, exempt tag, AWS Backup or DLM, protection, min-age,
 * invalid expiry tag, not expired, keep-latest, used recently, public. Only an image that passes all of them is
 * worth the gateway's in-use and launch-permission calls.
 */
final class ExpiryRules {

    private final ExpiryConfig config;

    ExpiryRules(ExpiryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Whether {@code image} takes one of its lineage's {@code keepLatest} places: failed or pending builds do not. */
    static boolean countsForKeepLatest(Image image, String accountId) {
        return owned(image, accountId)
                && (image.state() == ImageState.AVAILABLE || image.state() == ImageState.DISABLED)
                && image.creationDate() != null;
    }

    /**
     * Keep (with the reason) or Expire (with the rule). {@code newest} maps the images protected by
     * {@code keepLatest} to their lineage; {@code snapshots} (id -> snapshot) are the ones whose description and
     * tags may show that AWS Backup made the image.
     */
    ExpiryVerdict judge(Image image, String accountId, Map<String, Lineage> newest, Map<String, Snapshot> snapshots,
            Instant now) {
        if (!owned(image, accountId)) {
            return keep("not-owned: owner " + (image.ownerId() == null ? "unknown" : image.ownerId()));
        }
        Optional<String> stateReason = stateReason(image.state());
        if (stateReason.isPresent()) {
            return keep(stateReason.get());
        }
        Optional<String> exempt = ExemptTags.find(image.tags(), config.exemptTagKeys());
        if (exempt.isPresent()) {
            return keep("exempt-tag " + exempt.get());
        }
        Optional<ManagedBy.Evidence> managed = ManagedBy.of(image, snapshots);
        if (managed.isPresent()) {
            return keep(managed.get().reason());
        }
        if (image.deregistrationProtection()) {
            return keep("deregistration-protection");
        }
        Optional<String> young = tooYoung(image, now);
        if (young.isPresent()) {
            return keep(young.get());
        }
        long ageDays = Duration.between(image.creationDate(), now).toDays();
        List<ExpiryTag> expiryTags = ExpiryTag.on(image, config.expiryTagKeys());
        // One tag we cannot read keeps the image even when another tag or max-age would fire: the owner
        // tried to state a retention and we do not know which one.
        Optional<ExpiryTag> invalid = expiryTags.stream().filter(t -> !t.isValid()).findFirst();
        if (invalid.isPresent()) {
            return keep("invalid-expiry-tag " + invalid.get());
        }
        List<String> fired = new ArrayList<>();
        expiryTags.stream().filter(t -> t.isPast(now)).findFirst().ifPresent(t -> fired.add("expiry-tag " + t));
        Integer maxAgeDays = config.maxAgeDays();
        if (maxAgeDays != null && ageDays > maxAgeDays) {
            fired.add("max-age " + ageDays + "d > " + maxAgeDays + "d");
        }
        if (fired.isEmpty()) {
            return keep(notExpired(expiryTags, ageDays));
        }
        Lineage lineage = newest.get(image.imageId());
        if (lineage != null) {
            return keep("keep-latest " + config.keepLatest() + " of " + lineage);
        }
        Integer unusedDays = config.unusedDays();
        Instant launched = image.lastLaunchedTime();
        if (unusedDays != null && launched != null && Duration.between(launched, now).toDays() < unusedDays) {
            return keep("used-recently " + show(launched));
        }
        if (image.isPublic() && !config.includeShared()) {
            return keep("shared: group=all");
        }
        return new ExpiryVerdict.Expire(String.join(", ", fired));
    }

    static boolean owned(Image image, String accountId) {
        return accountId != null && accountId.equals(image.ownerId());
    }

    /**
     * Failed, error and invalid images go on: they hold snapshots and nobody can launch them. Pending ones may
     * still become available; transient and deregistered ones are on their way somewhere we cannot judge.
     */
    private static Optional<String> stateReason(ImageState state) {
        return switch (state) {
            case PENDING -> Optional.of("pending");
            case TRANSIENT, DEREGISTERED -> Optional.of("state: " + state.apiValue());
            default -> Optional.empty();
        };
    }

    private Optional<String> tooYoung(Image image, Instant now) {
        Instant created = image.creationDate();
        if (created == null) {
            return Optional.of("min-age: creation date unknown");
        }
        if (created.isAfter(now)) {
            return Optional.of("min-age: created " + show(created) + ", after now");
        }
        long ageDays = Duration.between(created, now).toDays();
        return ageDays < config.minAgeDays()
                ? Optional.of("min-age " + ageDays + "d < " + config.minAgeDays() + "d")
                : Optional.empty();
    }

    private String notExpired(List<ExpiryTag> expiryTags, long ageDays) {
        List<String> details = new ArrayList<>();
        expiryTags.forEach(t -> details.add(t.toString()));
        if (config.maxAgeDays() != null) {
            details.add("age " + ageDays + "d <= " + config.maxAgeDays() + "d");
        }
        return details.isEmpty() ? "not-expired: no expiry tag, no max-age" : "not-expired: " + String.join(", ", details);
    }

    private static ExpiryVerdict keep(String reason) {
        return new ExpiryVerdict.Keep(reason);
    }

    /** {@code 2026-11-20} for a midnight UTC instant, else {@code 2026-11-20T13:05:00Z}: short where it can be. */
    static String show(Instant instant) {
        Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
        return seconds.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT)
                ? seconds.atOffset(ZoneOffset.UTC).toLocalDate().toString()
                : seconds.toString();
    }
}
