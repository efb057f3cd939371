package dev.amihousekeeping.ec2;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;

/**
 * How {@link Ec2Clients} builds its clients. {@code endpoint} (the CLI's {@code --endpoint}) is used by every
 * client when set; {@code credentials} null means the default chain (not pinned to one provider: SnapStart
 * restores credentials through the chain). Retries: {@code retryMode} with at most {@code maxAttempts} attempts;
 * {@code baseDelay} null keeps the SDK's backoff (tests shorten it so that injected throttling stays fast).
 */
public record ClientSettings(URI endpoint, AwsCredentialsProvider credentials, RetryMode retryMode,
                             int maxAttempts, Duration baseDelay) {

    /** Enough to ride out a burst of {@code RequestLimitExceeded} without hiding a persistent failure for long. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    public ClientSettings {
        Objects.requireNonNull(retryMode, "retryMode");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
    }

    /**
     * Real AWS: default credentials chain, ADAPTIVE_V2 retries: STANDARD's exponential backoff with jitter (longer
     * for throttling) and, once EC2 throttles, a client-side rate limiter shared by every caller of the client. A
     * run applies several actions at once (the paced executor), so the limiter is what keeps them within the
     * account's request buckets rather than each retrying into them on its own. Still at most
     * {@link #DEFAULT_MAX_ATTEMPTS} attempts a call: a throttle that outlasts them fails its action (invariant 10).
     * {@link #withRetries} chooses another mode (tests use STANDARD where they count attempts against a fault).
     */
    public static ClientSettings defaults() {
        return new ClientSettings(null, null, RetryMode.ADAPTIVE_V2, DEFAULT_MAX_ATTEMPTS, null);
    }

    public ClientSettings withEndpoint(URI endpoint) {
        return new ClientSettings(endpoint, credentials, retryMode, maxAttempts, baseDelay);
    }

    public ClientSettings withCredentials(AwsCredentialsProvider credentials) {
        return new ClientSettings(endpoint, credentials, retryMode, maxAttempts, baseDelay);
    }

    /** Fixed keys, for endpoints that do not check signatures (the sandbox, moto). */
    public ClientSettings withStaticCredentials(String accessKeyId, String secretAccessKey) {
        return withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId,
                secretAccessKey)));
    }

    public ClientSettings withRetries(RetryMode retryMode, int maxAttempts) {
        return new ClientSettings(endpoint, credentials, retryMode, maxAttempts, baseDelay);
    }

    public ClientSettings withBaseDelay(Duration baseDelay) {
        return new ClientSettings(endpoint, credentials, retryMode, maxAttempts, baseDelay);
    }
}
