package dev.amihousekeeping.core;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who made a snapshot, as far as its description tells: the wordings EC2, AWS Backup and DLM write on the
 * snapshots they create. Only {@link Kind#CREATE_IMAGE} and {@link Kind#COPY_IMAGE} name an AMI, and that AMI
 * lives in the snapshot's own region. {@code imageId}, {@code sourceSnapshotId} and {@code sourceRegion} are
 * null when the wording has no such part.
 *
 * <p>AMI-naming wordings are matched whole and anchored: a description that merely contains one (a user's
 * note, or a {@code CopySnapshot} copy whose description starts {@code [Copied snap-... from region]} and
 * then repeats the source's, naming an AMI of another region) names no AMI here. Backup and DLM wordings are
 * matched loosely (anywhere in the text, Backup case-insensitively), because recognising them only ever keeps
 * a snapshot.
 *
 * <p>RegisterImage has no wording: an EBS-backed RegisterImage uses a snapshot the caller already made, so its
 * snapshots are the user's own (in scope only as {@code unreferenced}). This tool's own copies are CopyImage
 * copies and carry the CopyImage wording, so no tag of our own marks them.
 */
public record SnapshotOrigin(Kind kind, String imageId, String sourceSnapshotId, String sourceRegion) {

    /** The makers this parser tells apart. */
    public enum Kind {
        /**
         * {@code Created by CreateImage(i-...) for ami-...[ from vol-...]}: EC2 CreateImage, also when a service
         * such as Image Builder calls it.
         */
        CREATE_IMAGE,
        /**
         * {@code Copied for DestinationAmi ami-... from SourceAmi ami-... for SourceSnapshot snap-.... Task created
         * on 1,234,567,890.}: CopyImage; the destination AMI is the one in this snapshot's region.
         */
        COPY_IMAGE,
        /** {@code [Copied snap-... from us-east-1] ...}: CopySnapshot (console default); a deliberate copy, no AMI. */
        COPY_SNAPSHOT,
        /** {@code This snapshot is created by the AWS Backup service.} */
        AWS_BACKUP,
        /** {@code Created for policy: policy-... schedule: ...}: Amazon Data Lifecycle Manager snapshot policies. */
        DLM,
        /** {@code Created by AWS-VMImport service for import-ami-...}: VM Import; names a task, not an AMI. */
        VM_IMPORT,
        /** Anything else, including a user's own description and the empty one. */
        OTHER
    }

    // EC2 ids: the 8-hex form of older resources or the 17-hex form of newer ones (lower case, as EC2 writes them).
    private static final String HEX = "(?:[0-9a-f]{17}|[0-9a-f]{8})";
    private static final String AMI = "(ami-" + HEX + ")";
    private static final String SNAP = "(snap-" + HEX + ")";

    private static final Pattern CREATE_IMAGE_WORDING = Pattern.compile(
            "Created by CreateImage\\(i-" + HEX + "\\) for " + AMI + "(?: from vol-" + HEX + ")?");
    private static final Pattern COPY_IMAGE_WORDING = Pattern.compile(
            "Copied for DestinationAmi " + AMI + " from SourceAmi ami-" + HEX
                    + "(?: for SourceSnapshot snap-" + HEX + ")?(?:\\. Task created on [0-9][0-9,]*\\.)?");
    private static final Pattern COPY_SNAPSHOT_WORDING = Pattern.compile(
            "\\[Copied " + SNAP + " from ([a-z]{2}(?:-[a-z]+)+-[0-9]+)\\].*", Pattern.DOTALL);
    private static final String BACKUP_MARK = "aws backup";
    private static final String DLM_MARK = "Created for policy: policy-";
    private static final String VM_IMPORT_PREFIX = "Created by AWS-VMImport service for ";

    public SnapshotOrigin {
        Objects.requireNonNull(kind, "kind");
    }

    /** Reads a snapshot description; null and blank read as {@link Kind#OTHER}. */
    public static SnapshotOrigin parse(String description) {
        if (description == null || description.isBlank()) {
            return other();
        }
        // Backup and DLM first, and anywhere in the text: a copy of a managed snapshot is still managed.
        if (description.toLowerCase(Locale.ROOT).contains(BACKUP_MARK)) {
            return new SnapshotOrigin(Kind.AWS_BACKUP, null, null, null);
        }
        if (description.contains(DLM_MARK)) {
            return new SnapshotOrigin(Kind.DLM, null, null, null);
        }
        Matcher m = CREATE_IMAGE_WORDING.matcher(description);
        if (m.matches()) {
            return new SnapshotOrigin(Kind.CREATE_IMAGE, m.group(1), null, null);
        }
        m = COPY_IMAGE_WORDING.matcher(description);
        if (m.matches()) {
            return new SnapshotOrigin(Kind.COPY_IMAGE, m.group(1), null, null);
        }
        m = COPY_SNAPSHOT_WORDING.matcher(description);
        if (m.matches()) {
            return new SnapshotOrigin(Kind.COPY_SNAPSHOT, null, m.group(1), m.group(2));
        }
        if (description.startsWith(VM_IMPORT_PREFIX)) {
            return new SnapshotOrigin(Kind.VM_IMPORT, null, null, null);
        }
        return other();
    }

    private static SnapshotOrigin other() {
        return new SnapshotOrigin(Kind.OTHER, null, null, null);
    }

    /** The AMI that EC2 made this snapshot for, in the snapshot's region; empty unless CreateImage or CopyImage. */
    public Optional<String> amiId() {
        return Optional.ofNullable(imageId);
    }
}
