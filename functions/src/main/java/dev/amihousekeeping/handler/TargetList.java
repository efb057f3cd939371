package dev.amihousekeeping.handler;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.amihousekeeping.run.AccountTargets;
import dev.amihousekeeping.run.SkippedAccount;
import java.util.List;

/**
 * The answer to {@code {"listTargets": true}}: the targets of the policy ({@code accounts} x {@code regions}), each
 * an item the organization deployment's map runs, and the accounts left out because they are not ACTIVE.
 * {@code {"targets":[{"account":"...","region":"..."}],"skipped":[{"account":"...","reason":"SUSPENDED"}]}}.
 */
@JsonPropertyOrder({"targets", "skipped"})
record TargetList(List<Item> targets, List<SkippedAccount> skipped) {

    /** One map item: exactly what {@code TargetItem} reads back. */
    @JsonPropertyOrder({"account", "region"})
    record Item(String account, String region) {
    }

    static TargetList of(AccountTargets resolved) {
        return new TargetList(resolved.targets().stream().map(target -> new Item(target.account(), target.region()))
                .toList(), resolved.skipped());
    }
}
