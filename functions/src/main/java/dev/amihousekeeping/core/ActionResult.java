package dev.amihousekeeping.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One action of a {@link Report}: the planned change, its outcome, and the account it was planned in. */
@JsonPropertyOrder({"account", "region", "resourceType", "resourceId", "action", "reason", "outcome", "detail"})
public record ActionResult(
        String region,
        ResourceType resourceType,
        String resourceId,
        ActionType action,
        String reason,
        Outcome outcome,
        @JsonInclude(JsonInclude.Include.NON_NULL) String detail,
        String account) {

    /** A result whose account is not known (a report built by hand, an executor given no accounts). */
    public ActionResult(String region, ResourceType resourceType, String resourceId, ActionType action, String reason,
                        Outcome outcome, String detail) {
        this(region, resourceType, resourceId, action, reason, outcome, detail, null);
    }

    public static ActionResult of(Action action, Outcome outcome, String detail) {
        return of(action, outcome, detail, null);
    }

    /** {@code action}'s outcome in {@code account}. */
    public static ActionResult of(Action action, Outcome outcome, String detail, String account) {
        return new ActionResult(action.region(), action.resourceType(), action.resourceId(), action.type(),
                action.reason(), outcome, detail, account);
    }

    /** This result in {@code account}, unless it already names one. */
    public ActionResult inAccount(String account) {
        return this.account != null || account == null ? this
                : new ActionResult(region, resourceType, resourceId, action, reason, outcome, detail, account);
    }
}
