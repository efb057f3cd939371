package dev.amihousekeeping.sandbox;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real SDK clients against a sandbox, as the functions build them, and small assertions on EC2 errors. */
final class SandboxClients {

    private SandboxClients() {
    }

    /** An EC2 client for {@code region}; retries are off so every error reaches the test as it was sent. */
    static Ec2Client ec2(Sandbox sandbox, String region) {
        return against(Ec2Client.builder(), sandbox, region).overrideConfiguration(SandboxClients::noRetries).build();
    }

    /** An EC2 client for {@code region} with the SDK's default retries, as the functions run. */
    static Ec2Client ec2WithSdkRetries(Sandbox sandbox, String region) {
        return against(Ec2Client.builder(), sandbox, region).build();
    }

    /** An EC2 client for {@code region} signing with {@code credentials} (which tell the sandbox the account). */
    static Ec2Client ec2(Sandbox sandbox, String region, AwsCredentialsProvider credentials) {
        return against(Ec2Client.builder(), sandbox, region).credentialsProvider(credentials)
                .overrideConfiguration(SandboxClients::noRetries).build();
    }

    /** An STS client of the default account's static key, retries off. */
    static StsClient sts(Sandbox sandbox) {
        return against(StsClient.builder(), sandbox, "us-east-1").overrideConfiguration(SandboxClients::noRetries)
                .build();
    }

    /** Credentials of {@code roleArn}, assumed through the sandbox's STS by the default account's key. */
    static StsAssumeRoleCredentialsProvider assumed(Sandbox sandbox, String roleArn) {
        return StsAssumeRoleCredentialsProvider.builder().stsClient(sts(sandbox))
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName("housekeeping")).build();
    }

    /** An SSM client for {@code region}, retries off as for {@link #ec2}. */
    static SsmClient ssm(Sandbox sandbox, String region) {
        return against(SsmClient.builder(), sandbox, region).overrideConfiguration(SandboxClients::noRetries).build();
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B against(B builder,
            Sandbox sandbox, String region) {
        return builder
                .endpointOverride(sandbox.endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClient(UrlConnectionHttpClient.create());
    }

    private static void noRetries(ClientOverrideConfiguration.Builder config) {
        config.retryStrategy(AwsRetryStrategy.doNotRetry());
    }

    /** Asserts the call fails with this EC2 error code and HTTP status; returns the message. */
    static String errorOf(ThrowingCallable call, String code, int status) {
        String[] message = new String[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            org.assertj.core.api.Assertions.assertThat(e.statusCode()).isEqualTo(status);
            message[0] = e.awsErrorDetails().errorMessage();
        });
        return message[0];
    }

    static HttpResponse<String> http(String method, URI uri, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
            request.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A SigV4 header as a client would send it; the sandbox reads only its credential scope. */
    static String authorization(String region, String service) {
        return "AWS4-HMAC-SHA256 Credential=AKIDTEST/20261101/" + region + "/" + service
                + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000";
    }
}
