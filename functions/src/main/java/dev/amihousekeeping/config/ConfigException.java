package dev.amihousekeeping.config;

/**
 * A policy that cannot be used. The message is one line, {@code <key path>: <what is wrong>}, e.g.
 * {@code expiry.maxAgeDays: must be >= 0, got -3}; problems with the document as a whole (not JSON, empty)
 * have no key path and the message is the problem alone. CDK synth, Lambda cold start and the CLI print it as is.
 */
public final class ConfigException extends RuntimeException {

    private final String keyPath;
    private final String problem;

    ConfigException(String keyPath, String problem) {
        super(keyPath.isEmpty() ? problem : keyPath + ": " + problem, null, false, false);
        this.keyPath = keyPath;
        this.problem = problem;
    }

    /** The key path in the policy, such as {@code crossRegionCopy.kmsKeyIds.us-west-2} or {@code regions[1]}; empty for the whole document. */
    public String keyPath() {
        return keyPath;
    }

    /** What is wrong, without the key path. */
    public String problem() {
        return problem;
    }
}
