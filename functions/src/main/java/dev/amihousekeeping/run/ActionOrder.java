package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Action;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which earlier actions of a plan each action must wait for when actions run concurrently: the plan's order, kept
 * between every two actions that touch the same thing, and nowhere else. Each action changes some resources and
 * reads others (its re-check looks at them); an action waits for every earlier one that changes what it changes or
 * reads, and for every earlier one that reads what it changes. So, as in a one-at-a-time run:
 * <ul>
 *   <li>a deregistration deletes its own snapshots within the action, before it is done;</li>
 *   <li>a snapshot shared by several deregistered images is deleted after the last of them (it reads them);</li>
 *   <li>a copy goes after the failed copies it replaces are deregistered, and after a stamp on its source;</li>
 *   <li>two actions on one resource (a recycle tag, then the deregistration) go in plan order;</li>
 *   <li>enabling block public access goes after, and before, every other action of its region;</li>
 *   <li>tags (stamps) go one after another: a source's stamp waits for its copies' stamps;</li>
 *   <li>a deregistration writes its recycle tags itself, before it deregisters (invariant 13), so nothing waits
 *       for them; a notice mark, a tag removal or a parameter write changes only its own resource and nothing
 *       waits for it, but it goes after a change to an image it reads (a parameter's image, a lineage's newest).</li>
 * </ul>
 * An action of a kind not named here changes its own resource: in plan order with anything else on it.
 */
final class ActionOrder {

    /** The key every tag action changes. */
    private static final String TAGS = "tags";

    private final List<List<Integer>> prerequisites;
    private final List<List<Integer>> dependents;

    private ActionOrder(List<List<Integer>> prerequisites, List<List<Integer>> dependents) {
        this.prerequisites = prerequisites;
        this.dependents = dependents;
    }

    static ActionOrder of(List<Action> actions) {
        List<List<Integer>> prerequisites = new ArrayList<>(actions.size());
        List<List<Integer>> dependents = new ArrayList<>(actions.size());
        Map<String, Integer> lastWriter = new HashMap<>();
        Map<String, List<Integer>> readersSinceWrite = new HashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            Set<String> writes = writes(action);
            Set<String> reads = reads(action);
            Set<Integer> before = new LinkedHashSet<>();
            for (String key : writes) {
                addIfPresent(before, lastWriter.get(key));
                before.addAll(readersSinceWrite.getOrDefault(key, List.of()));
            }
            for (String key : reads) {
                addIfPresent(before, lastWriter.get(key));
            }
            for (String key : writes) {
                lastWriter.put(key, i);
                readersSinceWrite.remove(key);
            }
            for (String key : reads) {
                readersSinceWrite.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
            List<Integer> sorted = before.stream().sorted().toList();
            prerequisites.add(sorted);
            dependents.add(new ArrayList<>());
            for (int p : sorted) {
                dependents.get(p).add(i);
            }
        }
        return new ActionOrder(prerequisites, dependents);
    }

    /** The earlier actions (plan indexes, ascending) that must be over before action {@code index} starts. */
    List<Integer> prerequisites(int index) {
        return prerequisites.get(index);
    }

    /** The later actions that wait for action {@code index}. */
    List<Integer> dependents(int index) {
        return dependents.get(index);
    }

    /**
     * An order to start the actions in that takes the targets in turn (the plan's order within each target) and
     * still starts every action after its prerequisites: EC2's request limits are per account and region, so a plan
     * of three regions applied in its own order would wait on one region's bucket at a time. Each turn takes the
     * next action of a target whose prerequisites have all been taken; the plan's first action not yet taken
     * always qualifies, so every turn takes at least one. Plan indexes, in the order to start them.
     */
    List<Integer> inTurns(List<Action> actions, Function<Action, String> targetOf) {
        Map<String, Deque<Integer>> queues = new LinkedHashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            queues.computeIfAbsent(targetOf.apply(actions.get(i)), k -> new ArrayDeque<>()).add(i);
        }
        boolean[] taken = new boolean[actions.size()];
        List<Integer> turns = new ArrayList<>(actions.size());
        while (turns.size() < actions.size()) {
            for (Deque<Integer> queue : queues.values()) {
                Integer next = queue.peek();
                if (next != null && prerequisites(next).stream().allMatch(p -> taken[p])) {
                    taken[queue.poll()] = true;
                    turns.add(next);
                }
            }
        }
        return turns;
    }

    private static void addIfPresent(Set<Integer> into, Integer index) {
        if (index != null) {
            into.add(index);
        }
    }

    /** What an action changes. */
    private static Set<String> writes(Action action) {
        Set<String> keys = new LinkedHashSet<>();
        String region = action.region();
        if (action instanceof Action.EnableBlockPublicAccess) {
            keys.add(everything(region));
            return keys;
        }
        keys.add(key(region, action.resourceId()));
        if (action instanceof Action.Tag) {
            // Stamps go one after another in plan order: a source's stamp is held back by a failed stamp of one
            // of its copies planned before it (SourceStampGate), which must be over by then.
            keys.add(TAGS);
        }
        if (action instanceof Action.Deregister deregister && deregister.snapshotIds() != null) {
            deregister.snapshotIds().forEach(id -> keys.add(key(region, id)));
        }
        return keys;
    }

    /** What an action's re-check or applier looks at besides what it changes; every action reads its region. */
    private static Set<String> reads(Action action) {
        Set<String> keys = new LinkedHashSet<>();
        String region = action.region();
        keys.add(everything(region));
        if (action instanceof Action.Deregister deregister) {
            deregister.newestInLineage().forEach(id -> keys.add(key(region, id)));
        } else if (action instanceof Action.Deprecate deprecate) {
            deprecate.newestInLineage().forEach(id -> keys.add(key(region, id)));
        } else if (action instanceof Action.Disable disable) {
            disable.newestInLineage().forEach(id -> keys.add(key(region, id)));
        } else if (action instanceof Action.SetParameter parameter) {
            keys.add(key(region, parameter.imageId()));
        } else if (action instanceof Action.DeleteSnapshot deletion) {
            deletion.sharedBy().forEach(id -> keys.add(key(region, id)));
            if (deletion.namedImageId() != null) {
                keys.add(key(region, deletion.namedImageId()));
            }
        } else if (action instanceof Action.DeregisterFailedCopy failedCopy) {
            keys.add(everything(failedCopy.sourceRegion()));
            keys.add(key(failedCopy.sourceRegion(), failedCopy.sourceImageId()));
        } else if (action instanceof Action.Copy copy) {
            keys.add(everything(copy.sourceRegion()));
            keys.add(key(copy.sourceRegion(), copy.sourceImageId()));
            copy.replacesFailedCopies().forEach(id -> keys.add(key(region, id)));
        }
        keys.removeAll(writes(action));
        return keys;
    }

    private static String key(String region, String id) {
        return region + "/" + id;
    }

    /** A key every action of {@code region} reads: what changes it waits for all of them, and they for it. */
    private static String everything(String region) {
        return region + "/*";
    }
}
