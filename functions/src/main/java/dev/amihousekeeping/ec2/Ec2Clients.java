package dev.amihousekeeping.ec2;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * One client per service and region, built on first use and kept for the life of the execution environment
 * (Lambda) or the CLI run. All share one URL-connection HTTP client, the endpoint override and the retry
 * strategy of {@link ClientSettings}: throttling ({@code RequestLimitExceeded}) and 5xx are retried by the SDK
 * with backoff (invariant 10), so the gateway never retries by hand.
 */
public final class Ec2Clients implements AutoCloseable {

    private final ClientSettings settings;
    private final SdkHttpClient http;
    private final Map<String, Ec2Client> ec2 = new ConcurrentHashMap<>();
    private final Map<String, SsmClient> ssm = new ConcurrentHashMap<>();
    private final Map<String, AutoScalingClient> autoScaling = new ConcurrentHashMap<>();
    private final Map<String, StsClient> sts = new ConcurrentHashMap<>();
    private final Map<String, SnsClient> sns = new ConcurrentHashMap<>();

    public Ec2Clients(ClientSettings settings) {
        this.settings = settings;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    public ClientSettings settings() {
        return settings;
    }

    /**
     * Whether {@code failure} says the endpoint does not offer the operation: decided by
     * {@link Ec2Exception#isNotOffered} with whether these clients call an endpoint override (an emulator may
     * answer a bare 500 for an operation it lacks; AWS itself never means that by a 5xx).
     */
    public boolean notOffered(Ec2Exception failure) {
        return failure.isNotOffered(settings.endpoint() != null);
    }

    public Ec2Client ec2(String region) {
        return ec2.computeIfAbsent(region, r -> configure(Ec2Client.builder(), r).build());
    }

    /** SSM, for the in-use fallback that reads {@code aws:ec2:image} parameters. */
    public SsmClient ssm(String region) {
        return ssm.computeIfAbsent(region, r -> configure(SsmClient.builder(), r).build());
    }

    /** Auto Scaling, for launch configurations: an in-use source of expiry that DescribeImageReferences lacks. */
    public AutoScalingClient autoScaling(String region) {
        return autoScaling.computeIfAbsent(region, r -> configure(AutoScalingClient.builder(), r).build());
    }

    /** STS, only to learn the account id when a region holds nothing that names its owner. */
    public StsClient sts(String region) {
        return sts.computeIfAbsent(region, r -> configure(StsClient.builder(), r).build());
    }

    /** SNS, for the deployed functions' notifications (the home region's topic). */
    public SnsClient sns(String region) {
        return sns.computeIfAbsent(region, r -> configure(SnsClient.builder(), r).build());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder, String region) {
        builder.region(Region.of(region))
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(retryStrategy()).build());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        if (settings.credentials() != null) {
            builder.credentialsProvider(settings.credentials());
        }
        return builder;
    }

    private RetryStrategy retryStrategy() {
        RetryStrategy.Builder<?, ?> strategy = AwsRetryStrategy.forRetryMode(settings.retryMode()).toBuilder()
                .maxAttempts(settings.maxAttempts());
        if (settings.baseDelay() != null) {
            Duration max = settings.baseDelay().multipliedBy(20);
            strategy.backoffStrategy(BackoffStrategy.exponentialDelay(settings.baseDelay(), max))
                    .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(settings.baseDelay(), max));
        }
        return strategy.build();
    }

    @Override
    public void close() {
        ec2.values().forEach(SdkClient::close);
        ssm.values().forEach(SdkClient::close);
        autoScaling.values().forEach(SdkClient::close);
        sts.values().forEach(SdkClient::close);
        sns.values().forEach(SdkClient::close);
        ec2.clear();
        ssm.clear();
        autoScaling.clear();
        sts.clear();
        sns.clear();
        http.close();
    }
}
