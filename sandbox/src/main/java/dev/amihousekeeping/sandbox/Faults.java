package dev.amihousekeeping.sandbox;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/** The active injected faults; each draws from its own seeded random, so runs repeat. */
final class Faults {

    private static final class Active {
        final FaultRule rule;
        final Random random;
        int injected;

        Active(FaultRule rule) {
            this.rule = rule;
            this.random = new Random(rule.seed());
        }
    }

    private final List<Active> active = new CopyOnWriteArrayList<>();

    void add(FaultRule rule) {
        active.add(new Active(rule));
    }

    void clear() {
        active.clear();
    }

    List<FaultRule> rules() {
        return active.stream().map(a -> a.rule).toList();
    }

    /** The fault to answer this call with, or null to serve it. */
    FaultRule draw(String region, String action) {
        for (Active fault : active) {
            if (!fault.rule.matches(region, action)) {
                continue;
            }
            synchronized (fault) {
                if (fault.rule.times() != null && fault.injected >= fault.rule.times()) {
                    continue;
                }
                if (fault.random.nextDouble() < fault.rule.rate()) {
                    fault.injected++;
                    return fault.rule;
                }
            }
        }
        return null;
    }
}
