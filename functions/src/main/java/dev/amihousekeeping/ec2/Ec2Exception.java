package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.port.CodedFailure;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An EC2 (or SSM, STS) call that failed after the SDK's retries: the operation, the region, the service's error
 * code ({@code UnauthorizedOperation}, {@code RequestLimitExceeded} once retries are exhausted) and its message.
 * Errors that are outcomes rather than failures are {@link Ec2OutcomeException} instead.
 */
public final class Ec2Exception extends RuntimeException implements CodedFailure {

    /** Codes with which an endpoint says it does not offer an operation at all. */
    private static final Set<String> UNSUPPORTED_CODES = Set.of("InvalidAction", "UnsupportedOperation",
            "NotImplemented");

    private final String operation;
    private final String region;
    private final ServiceError serviceError;
    private final int statusCode;

    public Ec2Exception(String operation, String region, String errorCode, String errorMessage, int statusCode,
                        Throwable cause) {
        super(operation + " in " + region + ": " + errorCode + ": " + errorMessage, cause);
        this.operation = operation;
        this.region = region;
        this.serviceError = new ServiceError(errorCode, errorMessage);
        this.statusCode = statusCode;
    }

    /** Wraps an SDK exception; a client-side failure (no connection, timeout) gets its class name as code. */
    static Ec2Exception of(String operation, String region, SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            return new Ec2Exception(operation, region, code == null || code.isBlank() ? "HTTP" + service.statusCode()
                    : code, message == null ? String.valueOf(e.getMessage()) : message, service.statusCode(), e);
        }
        if (e instanceof AwsServiceException service) {
            return new Ec2Exception(operation, region, "HTTP" + service.statusCode(), String.valueOf(e.getMessage()),
                    service.statusCode(), e);
        }
        return new Ec2Exception(operation, region, e.getClass().getSimpleName(), String.valueOf(e.getMessage()), 0,
                e);
    }

    public String operation() {
        return operation;
    }

    public String region() {
        return region;
    }

    @Override
    public ServiceError serviceError() {
        return serviceError;
    }

    /** The HTTP status, 0 when no response came back. */
    public int statusCode() {
        return statusCode;
    }

    /**
     * True when the endpoint says it does not offer this operation at all, so that a caller may read the same
     * evidence another way (DESIGN §6, invariant 12): {@code InvalidAction}/{@code UnsupportedOperation} from any
     * endpoint; HTTP 501, or HTTP 500 without an error code (what simpler emulators answer for an operation they
     * lack), only from an endpoint override. Against AWS itself ({@code emulated} false) a 5xx is a failure the
     * SDK has already retried, never "not offered": a load balancer's bare 500 in front of AWS must not read as
     * "this region has no such API".
     *
     * @param emulated whether the call went to an endpoint override ({@code --endpoint}: the sandbox, moto)
     */
    public boolean isNotOffered(boolean emulated) {
        String code = errorCode();
        if (statusCode >= 500) {
            return emulated && (statusCode == 501 || UNSUPPORTED_CODES.contains(code)
                    || (statusCode == 500 && code.startsWith("HTTP")));
        }
        return UNSUPPORTED_CODES.contains(code);
    }
}
