package dev.amihousekeeping.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which snapshots orphan-snapshots may consider (DESIGN §4 {@code orphanSnapshots.scope}). */
public enum OrphanScope implements JsonNamed {
    /** Only snapshots EC2 made for an AMI (CreateImage, CopyImage, RegisterImage) or that this tool tagged. */
    @JsonProperty("ami-created") AMI_CREATED,
    /** Also any snapshot that no AMI uses and whose source volume no longer exists. */
    @JsonProperty("unreferenced") UNREFERENCED
}
