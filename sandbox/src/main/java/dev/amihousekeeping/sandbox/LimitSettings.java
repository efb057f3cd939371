package dev.amihousekeeping.sandbox;

/**
 * Request limits, as posted to {@code /_sandbox/limits}: {@code {"latencyMs":60,"ec2Buckets":true}}.
 *
 * @param latencyMs  wall time added to every API call (EC2, Auto Scaling, SSM), before it is answered; default 0
 * @param ec2Buckets apply EC2's request token buckets ({@link Ec2RequestCategory}) to EC2 calls; default false
 */
record LimitSettings(Long latencyMs, Boolean ec2Buckets) {

    static final long MAX_LATENCY_MS = 60_000;

    LimitSettings {
        latencyMs = latencyMs == null ? 0L : latencyMs;
        if (latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
            throw new IllegalArgumentException("\"latencyMs\" must be 0.." + MAX_LATENCY_MS + ", was " + latencyMs);
        }
        ec2Buckets = ec2Buckets != null && ec2Buckets;
    }

    static LimitSettings none() {
        return new LimitSettings(0L, false);
    }
}
