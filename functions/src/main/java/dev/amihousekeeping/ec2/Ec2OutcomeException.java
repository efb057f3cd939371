package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.port.CodedFailure;
import java.util.Optional;

/**
 * An EC2 error that is an outcome, not a failure (DESIGN §5): the resource is already gone
 * ({@code InvalidAMIID.NotFound}, {@code InvalidAMIID.Unavailable}, {@code InvalidSnapshot.NotFound}) or a
 * snapshot is still used by an image ({@code InvalidSnapshot.InUse}). Checked, so that every mutating call site
 * decides what the outcome means for its action.
 */
public final class Ec2OutcomeException extends Exception implements CodedFailure {

    /** What the outcome says about the resource. */
    public enum Kind { GONE, IN_USE }

    private final Kind kind;
    private final ServiceError serviceError;

    public Ec2OutcomeException(Kind kind, String errorCode, String errorMessage) {
        super(errorCode + ": " + errorMessage);
        this.kind = kind;
        this.serviceError = new ServiceError(errorCode, errorMessage);
    }

    /** The outcome an EC2 error code stands for, or empty when the code is a failure. */
    static Optional<Kind> kindOf(String errorCode) {
        if (errorCode == null) {
            return Optional.empty();
        }
        return switch (errorCode) {
            case "InvalidAMIID.NotFound", "InvalidAMIID.Unavailable", "InvalidSnapshot.NotFound" ->
                    Optional.of(Kind.GONE);
            case "InvalidSnapshot.InUse" -> Optional.of(Kind.IN_USE);
            default -> Optional.empty();
        };
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public ServiceError serviceError() {
        return serviceError;
    }
}
