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
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * One client per service and region, built on first use and kept for the life of the execution environment
 * (Lambda) or the CLI run. All share one URL-connection HTTP client, the endpoint override and the retry
 * strategy of {@link ClientSettings}: throttling ({@code RequestLimitExceeded}) and 5xx are retried by the SDK
 * with backoff (invariant 10), so the gateway never retries by hand. {@link #assumingRole} gives the clients of
 * another account, which share all of that but the credentials.
 */
public final class Ec2Clients implements AutoCloseable {

    private final ClientSettings settings;
    private final SdkHttpClient http;
    private final boolean ownsHttp;
    private final Map<String, Ec2Client> ec2 = new ConcurrentHashMap<>();
    private final Map<String, SsmClient> ssm = new ConcurrentHashMap<>();
    private final Map<String, AutoScalingClient> autoScaling = new ConcurrentHashMap<>();
    private final Map<String, StsClient> sts = new ConcurrentHashMap<>();
    private final Map<String, SnsClient> sns = new ConcurrentHashMap<>();
    private final Map<String, OrganizationsClient> organizations = new ConcurrentHashMap<>();
    private final Map<String, S3Client> s3 = new ConcurrentHashMap<>();
    private final Map<String, Ec2Clients> roles = new ConcurrentHashMap<>();

    public Ec2Clients(ClientSettings settings) {
        this(settings, UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build(), true);
    }

    private Ec2Clients(ClientSettings settings, SdkHttpClient http, boolean ownsHttp) {
        this.settings = settings;
        this.http = http;
        this.ownsHttp = ownsHttp;
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

    /** STS: the caller's account id, and the sessions of {@link #assumingRole}. */
    public StsClient sts(String region) {
        return sts.computeIfAbsent(region, r -> configure(StsClient.builder(), r).build());
    }

    /**
     * Organizations, for the accounts of an organization run. A global service: the SDK's endpoint rules send any
     * commercial region to its one endpoint (us-east-1), so {@code region} is only the partition's pick.
     */
    public OrganizationsClient organizations(String region) {
        return organizations.computeIfAbsent(region, r -> configure(OrganizationsClient.builder(), r).build());
    }

    /**
     * The clients of the account {@code roleArn} is in, acting as that role: its credentials come from STS
     * AssumeRole, asked with these clients' own credentials through STS in {@code stsRegion} (same endpoint
     * override and retries). One set per role, kept for the life of these clients: the SDK's
     * {@link StsAssumeRoleCredentialsProvider} caches the session and refreshes it before it expires.
     * {@code sessionName} names the session in the member account's CloudTrail (the first caller's is kept).
     */
    public Ec2Clients assumingRole(String roleArn, String sessionName, String stsRegion) {
        return roles.computeIfAbsent(roleArn, arn -> new Ec2Clients(settings.withCredentials(
                StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(sts(stsRegion))
                        .refreshRequest(r -> r.roleArn(arn).roleSessionName(sessionName))
                        .build()), http, false));
    }

    /**
     * S3, for the organization run's result files (the home region's bucket). Path-style addressing: an endpoint
     * override (an emulator) has no per-bucket host names.
     */
    public S3Client s3(String region) {
        return s3.computeIfAbsent(region, r -> configure(S3Client.builder(), r)
                .forcePathStyle(settings.endpoint() != null).build());
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
        organizations.values().forEach(SdkClient::close);
        s3.values().forEach(SdkClient::close);
        roles.values().forEach(Ec2Clients::close);
        if (!ownsHttp && settings.credentials() instanceof StsAssumeRoleCredentialsProvider assumed) {
            assumed.close();
        }
        ec2.clear();
        ssm.clear();
        autoScaling.clear();
        sts.clear();
        sns.clear();
        organizations.clear();
        s3.clear();
        roles.clear();
        if (ownsHttp) {
            http.close();
        }
    }
}
