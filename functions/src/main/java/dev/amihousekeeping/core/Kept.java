package dev.amihousekeeping.core;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A resource a policy looked at and decided to leave alone, with the reason (e.g. {@code in-use: i-0abc}).
 * {@code account} is the account that owns it: policies leave it null, the run stamps it ({@link #inAccount}).
 */
@JsonPropertyOrder({"account", "region", "resourceType", "resourceId", "reason"})
public record Kept(String region, ResourceType resourceType, String resourceId, String reason, String account) {
    public Kept {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(reason, "reason");
    }

    /** As a policy decides it: in the account it planned for, which the run adds. */
    public Kept(String region, ResourceType resourceType, String resourceId, String reason) {
        this(region, resourceType, resourceId, reason, null);
    }

    /** This entry in {@code account}, unless it already names one. */
    public Kept inAccount(String account) {
        return this.account != null || account == null ? this
                : new Kept(region, resourceType, resourceId, reason, account);
    }
}
