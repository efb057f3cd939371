package dev.amihousekeeping.core;

/**
 * One grant on an image's launch permission or a snapshot's create-volume permission. Exactly one field is set:
 * {@code group} ("all" means public), {@code userId}, {@code organizationArn} or {@code organizationalUnitArn}.
 */
public record LaunchPermission(String group, String userId, String organizationArn, String organizationalUnitArn) {

    public LaunchPermission {
        int set = (group != null ? 1 : 0) + (userId != null ? 1 : 0)
                + (organizationArn != null ? 1 : 0) + (organizationalUnitArn != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException("a launch permission names exactly one grantee, got " + set);
        }
    }

    public static LaunchPermission publicGroup() {
        return new LaunchPermission("all", null, null, null);
    }

    public static LaunchPermission user(String accountId) {
        return new LaunchPermission(null, accountId, null, null);
    }

    public static LaunchPermission organization(String arn) {
        return new LaunchPermission(null, null, arn, null);
    }

    public static LaunchPermission organizationalUnit(String arn) {
        return new LaunchPermission(null, null, null, arn);
    }

    public boolean isPublic() {
        return "all".equals(group);
    }

    /** A short form for reports: {@code group=all}, {@code userId=444455556666}, ... */
    @Override
    public String toString() {
        if (group != null) {
            return "group=" + group;
        }
        if (userId != null) {
            return "userId=" + userId;
        }
        if (organizationArn != null) {
            return "organizationArn=" + organizationArn;
        }
        return "organizationalUnitArn=" + organizationalUnitArn;
    }
}
