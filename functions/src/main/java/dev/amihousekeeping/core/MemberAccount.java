package dev.amihousekeeping.core;

import java.util.Objects;

/**
 * An account of the organization as Organizations lists it: its id and its state ({@code ACTIVE},
 * {@code SUSPENDED}, {@code PENDING_CLOSURE}, {@code CLOSED}, ...). Only an ACTIVE account is housekept.
 */
public record MemberAccount(String id, String state) {

    public static final String ACTIVE = "ACTIVE";

    public MemberAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
    }

    public boolean active() {
        return ACTIVE.equals(state);
    }
}
