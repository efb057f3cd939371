package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.ImageReference;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Reads Auto Scaling launch configurations ({@code DescribeLaunchConfigurations}), an in-use source of expiry
 * (DESIGN §5) that DescribeImageReferences does not cover.
 *
 * <p>Through the SDK's Auto Scaling client and its paginator, with the clients' shared HTTP client, endpoint
 * override and retry strategy: throttling and 5xx are retried by the SDK like every other call. Launch
 * configurations have no other source, so there is no fallback: any failure, an endpoint that does not offer
 * Auto Scaling included, is an {@link Ec2Exception}, and the caller keeps every image of the region (DESIGN §6,
 * invariant 12). Against an endpoint override (the sandbox, moto) the call goes to that endpoint, which tells
 * Auto Scaling from EC2 by the SigV4 service name.
 */
public final class LaunchConfigurationReader {

    static final String OPERATION = "DescribeLaunchConfigurations";
    /** The IAM action of {@link #launchConfigurations}. */
    public static final Set<String> IAM_ACTIONS = Set.of("autoscaling:" + OPERATION);
    /** DescribeLaunchConfigurations pages hold at most 100 (API reference, MaxRecords). */
    private static final int MAX_RECORDS = 100;

    private final Ec2Clients clients;

    LaunchConfigurationReader(Ec2Clients clients) {
        this.clients = clients;
    }

    /**
     * Every launch configuration of {@code region} that names an image, as {@code launch-configuration <name>}.
     *
     * @throws Ec2Exception when the configurations cannot be read (permissions, retries spent, no Auto Scaling)
     */
    public List<ImageReference> launchConfigurations(String region) {
        try {
            return clients.autoScaling(region)
                    .describeLaunchConfigurationsPaginator(r -> r.maxRecords(MAX_RECORDS))
                    .launchConfigurations().stream()
                    .filter(c -> c.imageId() != null && !c.imageId().isBlank())
                    .map(c -> new ImageReference(c.imageId(), "autoscaling:LaunchConfiguration",
                            "launch-configuration " + c.launchConfigurationName()))
                    .toList();
        } catch (SdkException e) {
            throw Ec2Exception.of(OPERATION, region, e);
        }
    }
}
