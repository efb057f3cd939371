package dev.amihousekeeping.run;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The unit of work of a run (DESIGN §1, §2): one account in one region. {@code account} null is the account the
 * credentials act in, when the run does not need its id ({@code accounts} not set); {@code roleName} null means
 * "with the credentials themselves", so {@code account} is then the credentials' own account; a target in another
 * account names the role the run assumes in it ({@link Housekeeping#gatewayFor} is where that happens).
 */
public record Target(String account, String region, String roleName) {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    public Target {
        Objects.requireNonNull(region, "region");
        if (account != null && !ACCOUNT_ID.matcher(account).matches()) {
            throw new IllegalArgumentException("account must be a 12-digit AWS account id, got " + account);
        }
        if (roleName != null && account == null) {
            throw new IllegalArgumentException("a role is assumed in a named account");
        }
    }

    /** {@code region} of {@code account}, reached with the credentials themselves (their own account). */
    public Target(String account, String region) {
        this(account, region, null);
    }

    /** {@code region} of the credentials' own account. */
    public static Target own(String region) {
        return new Target(null, region, null);
    }

    /** {@code region} of {@code account}, reached through the role {@code roleName} in it. */
    public static Target member(String account, String region, String roleName) {
        return new Target(account, region, Objects.requireNonNull(roleName, "roleName"));
    }

    /** The same account, reached the same way, in {@code region}. */
    public Target inRegion(String region) {
        return new Target(account, region, roleName);
    }

    @Override
    public String toString() {
        return account == null ? region : account + "/" + region;
    }
}
