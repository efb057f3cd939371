package dev.amihousekeeping.core;

/** One block device mapping of an image; {@code snapshotId} is null for instance-store or no-device entries. */
public record BlockDevice(String deviceName, String snapshotId, Integer volumeSize) {
}
