package dev.amihousekeeping.sandbox;

/**
 * An SSM API error: the {@code __type} and message of SSM's JSON error document. SSM answers client errors
 * with HTTP 400 whatever the type (AWS JSON 1.1 protocol).
 */
final class SsmError extends RuntimeException {

    private final String type;
    private final int status;

    SsmError(String type, String message, int status) {
        super(message);
        this.type = type;
        this.status = status;
    }

    SsmError(String type, String message) {
        this(type, message, 400);
    }

    String type() {
        return type;
    }

    int status() {
        return status;
    }

    static SsmError validation(String message) {
        return new SsmError("ValidationException", message);
    }

    /** The message shape of a failed model constraint, as SSM's front end words it. */
    static SsmError constraint(Object value, String member, String constraint) {
        return validation("1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    static SsmError parameterNotFound(String name) {
        return new SsmError("ParameterNotFound", "Parameter " + name + " not found.");
    }
}
