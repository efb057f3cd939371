package dev.amihousekeeping.ec2;

/**
 * The endpoint does not offer an operation (moto and older emulators lack DescribeImageReferences, image
 * deprecation, block public access). Checked, so that the caller chooses its fallback (DESIGN §5, §8) instead of
 * treating the gap as a failure or, worse, as an empty answer.
 */
public final class OperationUnavailableException extends Exception {

    private final String operation;
    private final String region;

    public OperationUnavailableException(Ec2Exception cause) {
        super(cause.operation() + " is not offered by the endpoint in " + cause.region() + " ("
                + cause.errorCode() + ": " + cause.errorMessage() + ")", cause);
        this.operation = cause.operation();
        this.region = cause.region();
    }

    public String operation() {
        return operation;
    }

    public String region() {
        return region;
    }
}
