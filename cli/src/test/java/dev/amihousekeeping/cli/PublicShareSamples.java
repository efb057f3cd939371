package dev.amihousekeeping.cli;

import java.nio.file.Path;

/**
 * The public-share CLI tests' ids and policy. Sample events are the functions module's ({@link #SAMPLES}); the
 * tests seed the ids they name.
 */
final class PublicShareSamples {

    /** The real-shaped sample events (tests run in the module directory). */
    static final Path SAMPLES = Path.of("..", "functions", "src", "test", "resources", "events");
    static final String ACCOUNT = "111122223333";
    static final String PARTNER = "444455556666";
    static final String FOREIGN = "999988887777";
    static final String AMI = "ami-0a1b2c3d4e5f60718";
    static final String SNAPSHOT = "snap-0f1e2d3c4b5a69788";
    static final String SAMPLE_ORG = "arn:aws:organizations::444455556666:organization/o-exampleorgid";
    static final String SAMPLE_OU = "arn:aws:organizations::444455556666:ou/o-exampleorgid/ou-ab12-cd34ef56";
    static final String POLICY = """
            {"publicShare": {"allowedAccountIds": ["%s"], "allowedOrganizationArns": ["%s"]}}"""
            .formatted(PARTNER, SAMPLE_ORG);

    private PublicShareSamples() {
    }

    static Path sample(String name) {
        return SAMPLES.resolve(name);
    }
}
