package dev.amihousekeeping.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which snapshots orphan-snapshots may consider (DESIGN §4 {@code orphanSnapshots.scope}). */
public enum OrphanScope implements JsonNamed {
    /** Only snapshots EC2 made for an AMI (CreateImage, CopyImage, RegisterImage) or that this tool tagged. */
    AMI_CREATED("ami-created"),
    /** Also any snapshot that no AMI uses and whose source volume no longer exists. */
    UNREFERENCED("unreferenced");

    private final String json;

    OrphanScope(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
