package dev.amihousekeeping.core.port;

/**
 * A failure that carries the error code of the service that refused, such as EC2's
 * {@code UnauthorizedOperation}: the report then says {@code <code>: <message>} instead of a Java class name.
 */
public interface CodedFailure {

    String errorCode();

    String errorMessage();
}
