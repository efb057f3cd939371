package dev.amihousekeeping.infra;

/**
 * A deployment setting (cdk.json context, {@code -c} option or the policy file) that the app cannot use. Its message is
 * one line naming the setting, printed as the synth error.
 */
public final class InvalidSettingsException extends RuntimeException {
    public InvalidSettingsException(String message) {
        super(message);
    }

    public InvalidSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
