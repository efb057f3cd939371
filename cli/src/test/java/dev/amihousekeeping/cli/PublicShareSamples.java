package dev.amihousekeeping.cli;

import static dev.amihousekeeping.run.PublicShareFixture.PARTNER;
import static dev.amihousekeeping.run.PublicShareFixture.SAMPLE_ORG;

import java.nio.file.Path;

/**
 * The public-share CLI tests' policy and sample events (the functions module's, {@link #SAMPLES}). The ids are
 * {@code PublicShareFixture}'s in the functions test-jar: the ones the samples name, which the tests seed.
 */
final class PublicShareSamples {

    /** The real-shaped sample events (tests run in the module directory). */
    static final Path SAMPLES = Path.of("..", "functions", "src", "test", "resources", "events");
    static final String POLICY = """
            {"publicShare": {"allowedAccountIds": ["%s"], "allowedOrganizationArns": ["%s"]}}"""
            .formatted(PARTNER, SAMPLE_ORG);

    private PublicShareSamples() {
    }

    static Path sample(String name) {
        return SAMPLES.resolve(name);
    }
}
