package dev.amihousekeeping.core;

import java.util.ArrayList;
import java.util.List;

/** The pure outcome of a policy: what to change and what to keep, each with its reason. A value to print and test. */
public record Plan(List<Action> actions, List<Kept> kept) {

    public Plan {
        actions = List.copyOf(actions);
        kept = List.copyOf(kept);
    }

    public static Plan empty() {
        return new Plan(List.of(), List.of());
    }

    public Plan plus(Plan other) {
        List<Action> a = new ArrayList<>(actions);
        a.addAll(other.actions);
        List<Kept> k = new ArrayList<>(kept);
        k.addAll(other.kept);
        return new Plan(a, k);
    }
}
