package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One launch permission of an image, as EC2's {@code LaunchPermission}: exactly one of the fields is set.
 * A public image is written as {@code "public": true} on the image, not as a {@code group} entry.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeedLaunchPermission(String userId, String group, String organizationArn, String organizationalUnitArn) {

    public SeedLaunchPermission {
        int set = (userId == null ? 0 : 1) + (group == null ? 0 : 1)
                + (organizationArn == null ? 0 : 1) + (organizationalUnitArn == null ? 0 : 1);
        if (set != 1) {
            throw new IllegalArgumentException(
                    "a launch permission needs exactly one of userId, group, organizationArn, organizationalUnitArn");
        }
    }

    public static SeedLaunchPermission user(String accountId) {
        return new SeedLaunchPermission(accountId, null, null, null);
    }

    public static SeedLaunchPermission organization(String arn) {
        return new SeedLaunchPermission(null, null, arn, null);
    }

    public static SeedLaunchPermission organizationalUnit(String arn) {
        return new SeedLaunchPermission(null, null, null, arn);
    }

    static SeedLaunchPermission all() {
        return new SeedLaunchPermission(null, "all", null, null);
    }

    boolean isPublicGroup() {
        return "all".equals(group);
    }
}
