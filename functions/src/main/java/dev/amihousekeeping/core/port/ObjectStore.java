package dev.amihousekeeping.core.port;

/**
 * Stored objects, read back whole: where the organization deployment's Distributed Map wrote each target's result
 * (S3 in AWS), for the step that merges them into the run's one report.
 */
public interface ObjectStore {

    /**
     * The object {@code key} of {@code bucket} as UTF-8 text.
     *
     * @throws RuntimeException (a {@link CodedFailure} where the store says why) when it cannot be read
     */
    String read(String bucket, String key);
}
