package dev.amihousekeeping.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One measured phase: a function's dry run or apply, with the EC2 calls it made and their lower bound by action,
 * its wall time, the peak heap in use while it ran ({@link HeapPeak}), the actions
 * of its report, and a note saying why it is over its bound where it is.
 */
@JsonPropertyOrder({"function", "phase", "totalCalls", "totalBound", "ratio", "withinGoal", "wallMillis",
        "peakHeapBytes", "actions", "done", "errors", "calls", "bound", "note"})
record PhaseResult(String function, String phase, Map<String, Long> calls, Map<String, Long> bound, long wallMillis,
                   long peakHeapBytes, int actions, long done, int errors, String note) {

    /** DESIGN §10 / issue 9: calls at most 1.1 times the lower bound. */
    static final double GOAL_RATIO = 1.1;

    PhaseResult {
        calls = Map.copyOf(new TreeMap<>(calls));
        bound = Map.copyOf(new TreeMap<>(bound));
    }

    @JsonProperty
    long totalCalls() {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    @JsonProperty
    long totalBound() {
        return bound.values().stream().mapToLong(Long::longValue).sum();
    }

    @JsonProperty
    double ratio() {
        // Every run lists at least one page, so the bound is never 0; max keeps the JSON a number regardless.
        return Math.round(100.0 * totalCalls() / Math.max(1, totalBound())) / 100.0;
    }

    @JsonProperty
    boolean withinGoal() {
        return totalCalls() <= GOAL_RATIO * totalBound();
    }

    /** Every action called or bounded, in name order. */
    TreeSet<String> actionNames() {
        TreeSet<String> names = new TreeSet<>(calls.keySet());
        names.addAll(bound.keySet());
        return names;
    }
}
