package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.BlockDevice;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ImageState;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Snapshot;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.PermissionGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Translation between the SDK's EC2 shapes and ours; the only code that knows both. */
final class Ec2Model {

    private Ec2Model() {
    }

    static Image image(String region, software.amazon.awssdk.services.ec2.model.Image i) {
        return new Image(region, i.imageId(), i.name(), i.ownerId(), state(i.stateAsString()),
                instant(i.creationDate()), tags(i.tags()), Boolean.TRUE.equals(i.publicLaunchPermissions()),
                instant(i.deprecationTime()), instant(i.lastLaunchedTime()),
                isProtected(i.deregistrationProtection()), i.sourceImageId(), i.sourceImageRegion(),
                i.blockDeviceMappings().stream().map(Ec2Model::blockDevice).toList());
    }

    static Snapshot snapshot(String region, software.amazon.awssdk.services.ec2.model.Snapshot s) {
        return new Snapshot(region, s.snapshotId(), s.volumeId(), s.volumeSize() == null ? 0 : s.volumeSize(),
                s.startTime(), s.description(), s.ownerId(), s.stateAsString(), tags(s.tags()),
                s.fullSnapshotSizeInBytes());
    }

    private static BlockDevice blockDevice(BlockDeviceMapping m) {
        return m.ebs() == null ? new BlockDevice(m.deviceName(), null, null)
                : new BlockDevice(m.deviceName(), m.ebs().snapshotId(), m.ebs().volumeSize());
    }

    /**
     * A state this SDK does not know reads as {@code pending}: pending images are never touched, so an image
     * in a state we cannot name is left alone rather than guessed about.
     */
    static ImageState state(String apiValue) {
        try {
            return apiValue == null ? ImageState.PENDING : ImageState.fromApi(apiValue);
        } catch (IllegalArgumentException e) {
            return ImageState.PENDING;
        }
    }

    /**
     * EC2 reports {@code disabled}, {@code enabled}, {@code enabled-with-cooldown} or
     * {@code disabled-until <time>} (protection still on during the cooldown); anything but plain
     * {@code disabled} counts as protected.
     */
    static boolean isProtected(String deregistrationProtection) {
        return deregistrationProtection != null && !deregistrationProtection.isBlank()
                && !deregistrationProtection.equals("disabled");
    }

    /** EC2 writes image times as ISO-8601 strings; an absent or unreadable one is null, never "now". */
    static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Tag tag : tags) {
            map.put(tag.key(), tag.value() == null ? "" : tag.value());
        }
        return map;
    }

    static List<Tag> sdkTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    static LaunchPermission launchPermission(software.amazon.awssdk.services.ec2.model.LaunchPermission p) {
        if (p.group() != null) {
            return new LaunchPermission(p.groupAsString(), null, null, null);
        }
        return new LaunchPermission(null, p.userId(), p.organizationArn(), p.organizationalUnitArn());
    }

    static LaunchPermission launchPermission(CreateVolumePermission p) {
        return p.group() != null ? new LaunchPermission(p.groupAsString(), null, null, null)
                : LaunchPermission.user(p.userId());
    }

    static software.amazon.awssdk.services.ec2.model.LaunchPermission sdkLaunchPermission(LaunchPermission p) {
        return software.amazon.awssdk.services.ec2.model.LaunchPermission.builder()
                .group(p.group() == null ? null : PermissionGroup.fromValue(p.group()))
                .userId(p.userId())
                .organizationArn(p.organizationArn())
                .organizationalUnitArn(p.organizationalUnitArn())
                .build();
    }

    /** Snapshots can be shared with accounts and made public, not with organizations. */
    static CreateVolumePermission sdkCreateVolumePermission(LaunchPermission p) {
        if (p.organizationArn() != null || p.organizationalUnitArn() != null) {
            throw new IllegalArgumentException("a snapshot has no organization grants: " + p);
        }
        return CreateVolumePermission.builder()
                .group(p.group() == null ? null : PermissionGroup.fromValue(p.group()))
                .userId(p.userId())
                .build();
    }
}
