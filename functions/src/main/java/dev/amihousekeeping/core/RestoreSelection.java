package dev.amihousekeeping.core;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What {@code ami-housekeeping restore} was asked to bring back: everything of one run (the resources tagged
 * {@code HousekeepingRunId} = {@code runId}) and the AMIs and snapshots named by id, together. At least one is
 * given; ids are checked for their form, so that a typo is bad input, not "nothing in the bin".
 */
public record RestoreSelection(String runId, Set<String> imageIds, Set<String> snapshotIds) {

    private static final Pattern IMAGE_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern SNAPSHOT_ID = Pattern.compile("snap-([0-9a-f]{8}|[0-9a-f]{17})");
    /** EC2 tag values are at most 256 characters: a longer run id matches no tag. */
    private static final int MAX_TAG_VALUE = 256;

    public RestoreSelection {
        imageIds = imageIds == null ? Set.of() : Set.copyOf(new TreeSet<>(imageIds));
        snapshotIds = snapshotIds == null ? Set.of() : Set.copyOf(new TreeSet<>(snapshotIds));
        if (runId == null && imageIds.isEmpty() && snapshotIds.isEmpty()) {
            throw new IllegalArgumentException("say what to restore: --run ID, --image ami-... or --snapshot snap-...");
        }
        if (runId != null && (runId.isBlank() || runId.length() > MAX_TAG_VALUE)) {
            throw new IllegalArgumentException("--run: a run id is 1 to " + MAX_TAG_VALUE
                    + " characters (the HousekeepingRunId tag's value), got '" + runId + "'");
        }
        for (String id : imageIds) {
            if (!IMAGE_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("--image: '" + id + "' is not an AMI id (ami- and 8 or 17 hex digits)");
            }
        }
        for (String id : snapshotIds) {
            if (!SNAPSHOT_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("--snapshot: '" + id
                        + "' is not a snapshot id (snap- and 8 or 17 hex digits)");
            }
        }
    }

    /** All ids named, images and snapshots. */
    public Set<String> namedIds() {
        Set<String> ids = new TreeSet<>(imageIds);
        ids.addAll(snapshotIds);
        return ids;
    }
}
