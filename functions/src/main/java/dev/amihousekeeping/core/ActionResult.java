package dev.amihousekeeping.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One action of a {@link Report}: the planned change and its outcome. */
@JsonPropertyOrder({"region", "resourceType", "resourceId", "action", "reason", "outcome", "detail"})
public record ActionResult(
        String region,
        ResourceType resourceType,
        String resourceId,
        ActionType action,
        String reason,
        Outcome outcome,
        @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {

    public static ActionResult of(Action action, Outcome outcome, String detail) {
        return new ActionResult(action.region(), action.resourceType(), action.resourceId(), action.type(),
                action.reason(), outcome, detail);
    }
}
