package dev.amihousekeeping.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Whether a run's work fits one Lambda invocation ({@code bench --realistic}). A run that got through all of its
 * work is judged on its measured wall time. A run its deadline stopped ({@code done} of {@code total} units: grants
 * read, actions not deferred) is judged on a <em>projection</em>: its wall time scaled by {@code total / done}, as if
 * the rest went at the same rate. {@code invocations}: how many invocations the work needs, each at most
 * {@code invocationMillis} long. A stopped run that got nothing done cannot be projected: {@code wallMillis} and
 * {@code invocations} are null and it does not fit.
 */
@JsonPropertyOrder({"wallMillis", "projected", "fits", "invocations"})
record InvocationFit(Long wallMillis, boolean projected, boolean fits, Long invocations) {

    static InvocationFit of(long measuredMillis, long done, long total, long invocationMillis) {
        if (invocationMillis <= 0) {
            throw new IllegalArgumentException("invocationMillis must be > 0, got " + invocationMillis);
        }
        if (done >= total) {
            return judged(measuredMillis, false, invocationMillis);
        }
        if (done <= 0) {
            return new InvocationFit(null, true, false, null);
        }
        // Rounded up: a projection never claims less time than the measurement supports.
        long projected = (long) Math.ceil((double) measuredMillis * total / done);
        return judged(projected, true, invocationMillis);
    }

    private static InvocationFit judged(long wallMillis, boolean projected, long invocationMillis) {
        long invocations = Math.max(1, (wallMillis + invocationMillis - 1) / invocationMillis);
        return new InvocationFit(wallMillis, projected, wallMillis <= invocationMillis, invocations);
    }
}
