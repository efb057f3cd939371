package dev.amihousekeeping.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts API calls per region and action, failed and faulted ones included (what a benchmark pays for). */
final class CallLog {

    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> accounts = new ConcurrentHashMap<>();

    /** {@code account}: the caller's, null when its access key is refused. */
    void record(String account, String region, String action) {
        accounts.computeIfAbsent(account == null ? "(refused)" : account, a -> new LongAdder()).increment();
        counts.computeIfAbsent(region, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(action == null ? "(none)" : action, a -> new LongAdder())
                .increment();
    }

    void reset() {
        counts.clear();
        accounts.clear();
    }

    /** {@code {"total":N,"regions":{"us-east-1":{"DescribeImages":3}},"accounts":{"111122223333":3}}}. */
    Map<String, Object> snapshot() {
        Map<String, Map<String, Long>> regions = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Map<String, LongAdder>> region : counts.entrySet()) {
            Map<String, Long> actions = new TreeMap<>();
            for (Map.Entry<String, LongAdder> action : region.getValue().entrySet()) {
                actions.put(action.getKey(), action.getValue().sum());
                total += action.getValue().sum();
            }
            regions.put(region.getKey(), actions);
        }
        Map<String, Object> out = new TreeMap<>();
        out.put("total", total);
        out.put("regions", regions);
        Map<String, Long> perAccount = new TreeMap<>();
        accounts.forEach((account, count) -> perAccount.put(account, count.sum()));
        out.put("accounts", perAccount);
        return out;
    }
}
