package dev.amihousekeeping.core;

import java.util.List;
import java.util.Objects;

/**
 * The tags the housekeeper's stages put on an AMI and its snapshots (DESIGN §5, expiry's stages and Recycle Bin):
 * {@code recycle} ({@code recycleBin.tagKey} = {@code true}) and {@code runId} on what a run deregisters or deletes,
 * {@code notice} ({@code expiry.noticeTagKey}) when it is marked, {@code disabledOn} when it is disabled. A restore
 * removes them, so that the restored resource starts over.
 */
public record StageTagKeys(String recycle, String runId, String notice, String disabledOn) {

    public StageTagKeys {
        Objects.requireNonNull(recycle, "recycle");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(disabledOn, "disabledOn");
    }

    public List<String> all() {
        return List.of(recycle, runId, notice, disabledOn);
    }
}
