package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.port.ObjectStore;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;

/** {@link ObjectStore} over S3 GetObject in one region (the run-results bucket's: the home region). */
public final class S3ObjectStore implements ObjectStore {

    static final String OPERATION = "GetObject";
    /** The IAM action of {@link #read}; an SSE-KMS object also needs {@code kms:Decrypt} on its key, via S3. */
    public static final Set<String> IAM_ACTIONS = Set.of("s3:" + OPERATION);

    private final Ec2Clients clients;
    private final String region;

    public S3ObjectStore(Ec2Clients clients, String region) {
        this.clients = clients;
        this.region = region;
    }

    @Override
    public String read(String bucket, String key) {
        try {
            return clients.s3(region).getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
        } catch (SdkException e) {
            throw Ec2Exception.of(OPERATION, region, e);
        }
    }
}
