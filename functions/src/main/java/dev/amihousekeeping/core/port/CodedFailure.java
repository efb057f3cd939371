package dev.amihousekeeping.core.port;

/**
 * A failure that carries the error code of the service that refused, such as EC2's
 * {@code UnauthorizedOperation}: the report then says {@code <code>: <message>} instead of a Java class name.
 */
public interface CodedFailure {

    /** What the service said: its error code and its message. */
    ServiceError serviceError();

    default String errorCode() {
        return serviceError().code();
    }

    default String errorMessage() {
        return serviceError().message();
    }

    /** A service's error code, such as {@code UnauthorizedOperation}, and the message it came with. */
    record ServiceError(String code, String message) {
    }
}
