package dev.amihousekeeping.cli;

/** Input the CLI cannot use (a missing file, a bad seed, a malformed event): exit 2 with this one-line message. */
final class BadInputException extends RuntimeException {
    BadInputException(String message) {
        super(message);
    }

    BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
