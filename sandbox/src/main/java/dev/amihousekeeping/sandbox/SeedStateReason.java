package dev.amihousekeeping.sandbox;

/** Why an image is in its state (EC2 {@code stateReason}), e.g. why a copy failed. */
public record SeedStateReason(String code, String message) {
}
