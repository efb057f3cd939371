package dev.amihousekeeping.run;

import java.util.Objects;

/**
 * The unit of work of a run (DESIGN §1, §2): one account in one region. {@code account} is null for the account the
 * credentials act in, which is every target today; an organization run names the member account it assumes a
 * role in.
 */
public record Target(String account, String region) {

    public Target {
        Objects.requireNonNull(region, "region");
    }

    /** {@code region} of the credentials' own account. */
    public static Target own(String region) {
        return new Target(null, region);
    }

    @Override
    public String toString() {
        return account == null ? region : account + "/" + region;
    }
}
