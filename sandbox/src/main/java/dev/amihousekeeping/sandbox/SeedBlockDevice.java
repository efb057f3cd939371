package dev.amihousekeeping.sandbox;

/** A block device mapping of an image; {@code snapshotId} is null for an ephemeral device. */
public record SeedBlockDevice(String deviceName, String snapshotId, Integer volumeSize, String volumeType,
                              Boolean encrypted, String kmsKeyId) {

    public SeedBlockDevice {
        deviceName = deviceName == null ? "/dev/xvda" : deviceName;
        volumeSize = volumeSize == null ? 8 : volumeSize;
        volumeType = volumeType == null ? "gp3" : volumeType;
        encrypted = encrypted != null && encrypted;
    }

    public static SeedBlockDevice of(String deviceName, String snapshotId, int volumeSize) {
        return new SeedBlockDevice(deviceName, snapshotId, volumeSize, null, null, null);
    }
}
