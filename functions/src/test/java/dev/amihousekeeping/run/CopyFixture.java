package dev.amihousekeeping.run;

import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.events.EventParser;
import dev.amihousekeeping.events.HousekeepingEvent;
import dev.amihousekeeping.sandbox.SandboxOptions;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.testing.SandboxHarness;
import dev.amihousekeeping.testing.TestResources;
import java.time.Duration;

/**
 * The scenario the copy tests run on a {@link SandboxHarness}: the AMIs the sample events in {@code events/} talk about, in us-east-1
 * (the source), and two disaster-recovery regions, us-west-2 and eu-west-1. It holds
 * <ul>
 *   <li>{@link #WEB}: made by {@code create-image.json} (CreateImage by the ImageBuilderRole), selected for DR,
 *       no expiry tag;</li>
 *   <li>{@link #APP}: made by {@code register-image-copy-to-dr.json} (RegisterImage by jdoe), selected, with a
 *       person's {@code DeleteOn=2027-06-30};</li>
 *   <li>{@link #BASE}: an older selected AMI already copied to both DR regions: {@link #BASE_COPY_WEST} (the copy
 *       {@code copy-image-by-housekeeper.json} reports) and {@link #BASE_COPY_EU}.</li>
 * </ul>
 * The policy copies to both regions, encrypted with a key per region, and stamps a 90-day default retention.
 */
public final class CopyFixture {

    public static final String SOURCE = "us-east-1";
    public static final String WEST = "us-west-2";
    public static final String EU = "eu-west-1";
    public static final String WEST_KEY = "alias/ami-dr";
    public static final String EU_KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    public static final String WEB = "ami-0c9d8e7f6a5b4c3d2";
    public static final String WEB_SNAPSHOT = "snap-0f1e2d3c4b5a69788";
    public static final String APP = "ami-0e5f6a7b8c9d0e1f2";
    public static final String APP_SNAPSHOT = "snap-0e5f6a7b8c9d0e1f2";
    public static final String BASE = "ami-0a1b2c3d4e5f60718";
    public static final String BASE_COPY_WEST = "ami-0d1e2f3a4b5c6d7e8";
    public static final String BASE_COPY_EU = "ami-0f6a7b8c9d0e1f2a3";
    public static final String BUILDER_ARN =
            "arn:aws:sts::111122223333:assumed-role/ImageBuilderRole/build-pipeline";
    public static final String JDOE_ARN = "arn:aws:iam::111122223333:user/jdoe";

    public static final String POLICY = """
            {"regions": ["us-east-1"], "dryRun": false, "maxActionsPerRun": 100,
             "crossRegionCopy": {"enabled": true, "destinationRegions": ["us-west-2", "eu-west-1"],
               "selector": {"tags": {"CopyToDR": "true"}},
               "kmsKeyIds": {"us-west-2": "%s", "eu-west-1": "%s"}, "copyTags": true, "retainCopies": true},
             "tagOnCreate": {"enabled": true, "defaultRetentionDays": 90}}
            """.formatted(WEST_KEY, EU_KEY);

    static final String SEED = """
            {"accountId": "111122223333", "now": "2026-10-14T12:00:00Z", "regions": {
             "us-east-1": {
              "images": [
               {"imageId": "ami-0c9d8e7f6a5b4c3d2", "name": "web-2026-10-14", "state": "available",
                "creationDate": "2026-10-14T09:31:12Z", "tags": {"Name": "web", "CopyToDR": "true"},
                "blockDeviceMappings": [{"deviceName": "/dev/xvda", "snapshotId": "snap-0f1e2d3c4b5a69788",
                                         "volumeSize": 8}]},
               {"imageId": "ami-0e5f6a7b8c9d0e1f2", "name": "app-2026-10-14", "state": "available",
                "creationDate": "2026-10-14T10:05:41Z", "tags": {"CopyToDR": "true", "DeleteOn": "2027-06-30"},
                "blockDeviceMappings": [{"deviceName": "/dev/xvda", "snapshotId": "snap-0e5f6a7b8c9d0e1f2",
                                         "volumeSize": 30, "volumeType": "gp3"}]},
               {"imageId": "ami-0a1b2c3d4e5f60718", "name": "base-2026-10-01", "state": "available",
                "creationDate": "2026-10-01T08:00:00Z",
                "tags": {"CopyToDR": "true", "DeleteOn": "2027-01-01", "CreatedBy": "arn:aws:iam::111122223333:user/jdoe"},
                "blockDeviceMappings": [{"deviceName": "/dev/xvda", "snapshotId": "snap-0a1b2c3d4e5f60718",
                                         "volumeSize": 8}]}],
              "snapshots": [
               {"snapshotId": "snap-0f1e2d3c4b5a69788", "volumeId": "vol-0f1e2d3c4b5a69788", "volumeSize": 8,
                "startTime": "2026-10-14T09:31:12Z", "tags": {"Name": "web-root"},
                "description": "Created by CreateImage(i-0123456789abcdef0) for ami-0c9d8e7f6a5b4c3d2"},
               {"snapshotId": "snap-0e5f6a7b8c9d0e1f2", "volumeId": "vol-0e5f6a7b8c9d0e1f2", "volumeSize": 30,
                "startTime": "2026-10-14T09:50:00Z", "description": "app root volume"},
               {"snapshotId": "snap-0a1b2c3d4e5f60718", "volumeId": "vol-0a1b2c3d4e5f60718", "volumeSize": 8,
                "startTime": "2026-10-01T08:00:00Z",
                "tags": {"DeleteOn": "2027-01-01", "CreatedBy": "arn:aws:iam::111122223333:user/jdoe"},
                "description": "Created by CreateImage(i-0123456789abcdef0) for ami-0a1b2c3d4e5f60718"}]},
             "us-west-2": {
              "images": [
               {"imageId": "ami-0d1e2f3a4b5c6d7e8", "name": "base-2026-10-01", "state": "available",
                "creationDate": "2026-10-02T06:00:12Z",
                "sourceImageId": "ami-0a1b2c3d4e5f60718", "sourceRegion": "us-east-1",
                "tags": {"CopyToDR": "true", "DeleteOn": "2027-01-01", "CreatedBy": "arn:aws:iam::111122223333:user/jdoe",
                         "SourceAmi": "ami-0a1b2c3d4e5f60718", "SourceRegion": "us-east-1"},
                "blockDeviceMappings": [{"deviceName": "/dev/xvda", "snapshotId": "snap-0d1e2f3a4b5c6d7e8",
                                         "volumeSize": 8, "encrypted": true, "kmsKeyId": "alias/ami-dr"}]}],
              "snapshots": [
               {"snapshotId": "snap-0d1e2f3a4b5c6d7e8", "volumeId": "vol-ffffffff", "volumeSize": 8,
                "startTime": "2026-10-02T06:00:12Z", "encrypted": true, "kmsKeyId": "alias/ami-dr",
                "description": "Copied for DestinationAmi ami-0d1e2f3a4b5c6d7e8 from SourceAmi ami-0a1b2c3d4e5f60718 for SourceSnapshot snap-0a1b2c3d4e5f60718. Task created on 1,791,007,212,000."}]},
             "eu-west-1": {
              "images": [
               {"imageId": "ami-0f6a7b8c9d0e1f2a3", "name": "base-2026-10-01", "state": "available",
                "creationDate": "2026-10-02T06:00:14Z",
                "sourceImageId": "ami-0a1b2c3d4e5f60718", "sourceRegion": "us-east-1",
                "tags": {"CopyToDR": "true", "DeleteOn": "2027-01-01", "SourceAmi": "ami-0a1b2c3d4e5f60718",
                         "SourceRegion": "us-east-1"},
                "blockDeviceMappings": [{"deviceName": "/dev/xvda", "snapshotId": "snap-0f6a7b8c9d0e1f2a3",
                                         "volumeSize": 8}]}],
              "snapshots": [
               {"snapshotId": "snap-0f6a7b8c9d0e1f2a3", "volumeId": "vol-ffffffff", "volumeSize": 8,
                "startTime": "2026-10-02T06:00:14Z", "description": "copy of snap-0a1b2c3d4e5f60718"}]}}}
            """;

    private CopyFixture() {
    }

    public static Seed seed() {
        return Seed.parse(SEED);
    }

    /** The scenario with copies that are {@code available} at once. */
    public static SandboxHarness start() {
        return start(Duration.ZERO);
    }

    /** The scenario with new images (CreateImage, CopyImage) {@code pending} for {@code copyDelay}. */
    public static SandboxHarness start(Duration copyDelay) {
        return SandboxHarness.start(SandboxOptions.defaults().withCopyDelay(copyDelay).withSeed(seed()));
    }

    public static Config policy() {
        return ConfigLoader.parse(POLICY);
    }

    /** A sample event from {@code src/test/resources/events/}, as raw JSON. */
    public static String eventText(String name) {
        return TestResources.sampleEvent(name);
    }

    public static HousekeepingEvent event(String name) {
        return EventParser.parse(eventText(name));
    }
}
