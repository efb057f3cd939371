package dev.amihousekeeping.sandbox;

/**
 * A token bucket as EC2 describes its request throttling: it starts full, each request takes one token, and it
 * refills at a fixed rate up to its capacity. Time is whatever the caller's ticker says, in nanoseconds.
 * Not thread-safe on its own: {@link RequestLimits} takes it under its monitor.
 */
final class TokenBucket {

    private final int capacity;
    private final double refillPerSecond;
    private double tokens;
    private long lastNanos;

    TokenBucket(int capacity, double refillPerSecond, long nowNanos) {
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** Takes a token if there is one; false when the bucket is empty. */
    boolean tryTake(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed / 1e9 * refillPerSecond);
            lastNanos = nowNanos;
        }
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
