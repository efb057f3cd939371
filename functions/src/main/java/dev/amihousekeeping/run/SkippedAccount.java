package dev.amihousekeeping.run;

import java.util.Objects;

/**
 * An account of the organization that a run does not cover because it is not ACTIVE ({@code SUSPENDED},
 * {@code PENDING_CLOSURE}, ...): nothing can be housekept there, and the report says so in a kept entry per region
 * rather than as an error, since a suspended account is a normal state of an organization, not a failure.
 */
public record SkippedAccount(String account, String reason) {

    /** The reason of the kept entries of a skipped account, before its state. */
    public static final String NOT_ACTIVE = "account-not-active";

    public SkippedAccount {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(reason, "reason");
    }
}
