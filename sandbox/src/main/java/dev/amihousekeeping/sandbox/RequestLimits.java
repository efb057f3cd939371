package dev.amihousekeeping.sandbox;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * What {@code /_sandbox/limits} sets (DESIGN §8): a latency added to every API call, and EC2's request token
 * buckets per account, region and action. Buckets refill by the ticker (the machine's monotonic clock, not the
 * sandbox clock a seed may stand still), start full whenever limits are set, and go when they are cleared.
 * A call refused for an empty bucket is still counted by {@code /_sandbox/calls} (the caller made it, as a faulted
 * call is counted) and also under {@code "throttled"} here.
 */
final class RequestLimits {

    private record BucketKey(String account, String region, String action, Ec2RequestCategory category) {
    }

    private final LongSupplier ticker;
    private volatile LimitSettings settings = LimitSettings.none();
    private final Map<BucketKey, TokenBucket> buckets = new HashMap<>();
    private final Map<String, Map<String, Long>> throttled = new TreeMap<>();

    RequestLimits(LongSupplier ticker) {
        this.ticker = ticker;
    }

    synchronized void set(LimitSettings newSettings) {
        settings = newSettings;
        buckets.clear();
        throttled.clear();
    }

    void clear() {
        set(LimitSettings.none());
    }

    /** Waits the configured latency; a call on a server thread that is interrupted stops waiting. */
    void delay() {
        long latency = settings.latencyMs();
        if (latency > 0) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Takes a token for this EC2 request; false when its bucket is empty and it must be refused. */
    synchronized boolean admitEc2(String account, String region, QueryRequest request) {
        if (!settings.ec2Buckets() || request.action() == null || request.action().isEmpty()) {
            return true;
        }
        Ec2RequestCategory category = Ec2RequestCategory.of(request);
        long now = ticker.getAsLong();
        TokenBucket bucket = buckets.computeIfAbsent(new BucketKey(account, region, request.action(), category),
                k -> new TokenBucket(category.capacity, category.refillPerSecond, now));
        if (bucket.tryTake(now)) {
            return true;
        }
        throttled.computeIfAbsent(region, r -> new TreeMap<>()).merge(request.action(), 1L, Long::sum);
        return false;
    }

    /** {@code {"latencyMs":60,"ec2Buckets":true,"throttled":{"us-east-1":{"DeleteSnapshot":3}}}}. */
    synchronized Map<String, Object> view() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("latencyMs", settings.latencyMs());
        out.put("ec2Buckets", settings.ec2Buckets());
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        throttled.forEach((region, actions) -> copy.put(region, new TreeMap<>(actions)));
        out.put("throttled", copy);
        return out;
    }
}
