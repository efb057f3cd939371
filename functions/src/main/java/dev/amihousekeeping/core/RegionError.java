package dev.amihousekeeping.core;

/** A failure that is not tied to one action: a region that could not be read, a bad event, an over-cap plan. */
public record RegionError(String region, String code, String message) {
}
