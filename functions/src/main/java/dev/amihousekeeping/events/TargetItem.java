package dev.amihousekeeping.events;

import java.util.Objects;

/**
 * One item of the organization deployment's Step Functions Distributed Map: {@code {"account": "222233334444",
 * "region": "eu-west-1"}}, a scheduled run of the function over that one target, returning its report.
 */
public record TargetItem(String account, String region) implements HousekeepingEvent {

    public TargetItem {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
    }
}
