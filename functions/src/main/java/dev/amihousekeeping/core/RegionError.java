package dev.amihousekeeping.core;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A failure that is not tied to one action: a region that could not be read, a bad event, an over-cap plan.
 * {@code account} is the target's account (null for a failure of the whole run, such as the cap, or when the
 * account is not known).
 */
@JsonPropertyOrder({"account", "region", "code", "message"})
public record RegionError(String region, String code, String message, String account) {

    /** A failure whose account is not known yet; the run stamps it ({@link #inAccount}). */
    public RegionError(String region, String code, String message) {
        this(region, code, message, null);
    }

    /** This error in {@code account}, unless it already names one. */
    public RegionError inAccount(String account) {
        return this.account != null || account == null ? this : new RegionError(region, code, message, account);
    }
}
