package dev.amihousekeeping.ec2;

import dev.amihousekeeping.run.CodedFailure;
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
    private final String errorCode;
    private final String errorMessage;
    private final int statusCode;

    public Ec2Exception(String operation, String region, String errorCode, String errorMessage, int statusCode,
                        Throwable cause) {
        super(operation + " in " + region + ": " + errorCode + ": " + errorMessage, cause);
        this.operation = operation;
        this.region = region;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
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
    public String errorCode() {
        return errorCode;
    }

    @Override
    public String errorMessage() {
        return errorMessage;
    }

    /** The HTTP status, 0 when no response came back. */
    public int statusCode() {
        return statusCode;
    }

    /**
     * True when the endpoint does not offer this operation: {@code InvalidAction}/{@code UnsupportedOperation},
     * HTTP 501, or HTTP 500 without an EC2 error code (what simpler emulators answer). Callers fall back
     * (DESIGN §5) rather than fail.
     */
    public boolean isUnsupportedOperation() {
        return UNSUPPORTED_CODES.contains(errorCode) || statusCode == 501
                || (statusCode == 500 && errorCode.startsWith("HTTP"));
    }
}
