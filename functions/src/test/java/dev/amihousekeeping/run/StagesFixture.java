package dev.amihousekeeping.run;

import static dev.amihousekeeping.testing.Fixtures.REGION;

import java.time.Instant;

/**
 * The stages fixture (DESIGN §5 expiry, "Stages", "Recycle Bin"): one expired AMI of alice's with one snapshot, an
 * orphan snapshot, and Recycle Bin rules keeping what carries {@code HousekeepingRecycle=true}; the sandbox clock at
 * {@link #D}. Public for the CLI's tests, which run the same stages through {@code expire --apply --now}.
 */
public final class StagesFixture {

    public static final String AMI = "ami-0a000000000000001";
    public static final String SNAPSHOT = "snap-0a000000000000001";
    public static final Instant D = Instant.parse("2026-11-01T00:00:00Z");

    public static final String SEED = """
            {"accountId":"111122223333","now":"2026-11-01T00:00:00Z","regions":{"us-east-1":{
             "images":[
              {"imageId":"ami-0a000000000000001","name":"web-2026-01-01","creationDate":"2026-01-01T00:00:00Z",
               "tags":{"DeleteOn":"2026-10-01","CreatedBy":"arn:aws:iam::111122223333:user/alice"},
               "blockDeviceMappings":[{"deviceName":"/dev/xvda","snapshotId":"snap-0a000000000000001","volumeSize":8}]}],
             "snapshots":[
              {"snapshotId":"snap-0a000000000000001","volumeId":"vol-1","volumeSize":8,"startTime":"2026-01-01T00:00:00Z",
               "description":"Created by CreateImage(i-0a000000000000001) for ami-0a000000000000001"},
              {"snapshotId":"snap-0b000000000000009","volumeId":"vol-9","volumeSize":4,"startTime":"2026-01-01T00:00:00Z",
               "description":"Created by CreateImage(i-0b000000000000009) for ami-0b000000000000009"}],
             "recycleBinRules":[
              {"resourceType":"EC2_IMAGE","retentionDays":7,"resourceTags":[{"key":"HousekeepingRecycle","value":"true"}]},
              {"resourceType":"EBS_SNAPSHOT","retentionDays":7,"resourceTags":[{"key":"HousekeepingRecycle","value":"true"}]}]}}}
            """;

    /** Notice 7 days, then deprecate, disable, deregister, 3 days apart. */
    public static final String POLICY = """
            {"regions":["us-east-1"],
             "expiry":{"noticeDays":7,"deprecateFirst":true,"graceDays":3,"disableFirst":true}}""";

    private StagesFixture() {
    }
}
