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
     * Real AWS: default credentials chain, STANDARD retries (exponential backoff with jitter, longer for
     * throttling). Not ADAPTIVE_V2: its client-side rate limiter pays off for many concurrent callers, while a
     * run makes its calls one after another, and after three throttles in a row it held a single caller back
     * for seconds (measured: 8 s against 1 s). {@link #withRetries} chooses another mode.
     */
    public static ClientSettings defaults() {
        return new ClientSettings(null, null, RetryMode.STANDARD, DEFAULT_MAX_ATTEMPTS, null);
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
