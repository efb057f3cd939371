package dev.amihousekeeping.sandbox;

/**
 * An error an AWS API answers with: its code (EC2's {@code <Code>}, SSM's {@code __type}), its message, and the
 * HTTP status the client sees (400 for client errors unless the API says otherwise).
 */
abstract class ApiError extends RuntimeException {

    private final String code;
    private final int status;

    ApiError(String code, String message, int status) {
        super(message);
        this.code = code;
        this.status = status;
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }
}
