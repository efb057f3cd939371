package dev.amihousekeeping.core;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The services that keep backups of their own: an image or snapshot one of them made or manages is theirs to
 * delete, never this tool's (DESIGN §6, invariant 4). One rule for expiry and orphan-snapshots, so that expiry
 * never deletes with an AMI a snapshot that orphan-snapshots would keep.
 * <ul>
 *   <li>AWS Backup: an {@code aws:backup:*} tag (Backup tags the AMIs it makes, e.g.
 *       {@code aws:backup:source-resource}), or a snapshot description in Backup's wording
 *       ({@code This snapshot is created by the AWS Backup service.}). An image is Backup's when it carries such a
 *       tag or one of its snapshots is Backup's.</li>
 *   <li>Amazon Data Lifecycle Manager: an {@code aws:dlm:*} tag (e.g. {@code aws:dlm:lifecycle-policy-id}, on the
 *       AMIs and snapshots its policies make), DLM's own {@code dlm:managed} tag, or a snapshot description in
 *       DLM's wording. An image is DLM's only by its own tags: a DLM snapshot that an image was registered from
 *       stays (see {@link #of(Snapshot)}), the image itself is the user's.</li>
 * </ul>
 * Tag keys are matched case-insensitively: reading more of them as managed only ever keeps more.
 */
public enum ManagedBy {
    AWS_BACKUP("aws-backup"),
    DLM("dlm");

    private static final String BACKUP_TAG_PREFIX = "aws:backup:";
    private static final String DLM_TAG_PREFIX = "aws:dlm:";
    // DLM also writes this one; it lacks the reserved aws: prefix, but reading it only ever keeps a resource.
    private static final String DLM_MANAGED_TAG = "dlm:managed";

    private final String reason;

    ManagedBy(String reason) {
        this.reason = reason;
    }

    /** The kept reason as reports show it: {@code aws-backup} or {@code dlm}. */
    public String reason() {
        return reason;
    }

    /** Who manages a resource, and what showed it: {@code tag aws:backup:source-resource}. */
    public record Evidence(ManagedBy by, String shownBy) {
        public Evidence {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(shownBy, "shownBy");
        }

        /** {@code aws-backup: tag aws:backup:source-resource}, in the form of the other kept reasons. */
        public String reason() {
            return by.reason + ": " + shownBy;
        }
    }

    /** Whether AWS Backup or DLM manages {@code snapshot}, by its tags or its description. */
    public static Optional<Evidence> of(Snapshot snapshot) {
        SnapshotOrigin.Kind origin = SnapshotOrigin.parse(snapshot.description()).kind();
        if (origin == SnapshotOrigin.Kind.AWS_BACKUP) {
            return Optional.of(new Evidence(AWS_BACKUP, "description"));
        }
        Optional<Evidence> tagged = byTags(snapshot.tags(), AWS_BACKUP);
        if (tagged.isPresent()) {
            return tagged;
        }
        if (origin == SnapshotOrigin.Kind.DLM) {
            return Optional.of(new Evidence(DLM, "description"));
        }
        return byTags(snapshot.tags(), DLM);
    }

    /**
     * Whether AWS Backup or DLM made or manages {@code image}: its own tags, then its snapshots among
     * {@code snapshots} (id -> snapshot; one not there is not looked at).
     */
    public static Optional<Evidence> of(Image image, Map<String, Snapshot> snapshots) {
        Optional<Evidence> tagged = byTags(image.tags(), AWS_BACKUP).or(() -> byTags(image.tags(), DLM));
        if (tagged.isPresent()) {
            return tagged;
        }
        for (String snapshotId : image.snapshotIds()) {
            Snapshot snapshot = snapshots.get(snapshotId);
            if (snapshot != null && of(snapshot).filter(e -> e.by() == AWS_BACKUP).isPresent()) {
                return Optional.of(new Evidence(AWS_BACKUP, "snapshot " + snapshotId));
            }
        }
        return Optional.empty();
    }

    /** The first matching key in sorted order, so that the reason does not depend on a map's iteration order. */
    private static Optional<Evidence> byTags(Map<String, String> tags, ManagedBy by) {
        return tags.keySet().stream()
                .filter(key -> by == AWS_BACKUP ? startsWithIgnoringCase(key, BACKUP_TAG_PREFIX)
                        : startsWithIgnoringCase(key, DLM_TAG_PREFIX) || key.equalsIgnoreCase(DLM_MANAGED_TAG))
                .sorted()
                .findFirst()
                .map(key -> new Evidence(by, "tag " + key));
    }

    private static boolean startsWithIgnoringCase(String key, String prefix) {
        return key.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
