package dev.amihousekeeping.testing;

import dev.amihousekeeping.sandbox.Seed;
import java.time.Instant;

/**
 * The region, account and clock that most tests share: the sandbox's default account, the region the seeds use
 * first, and the fixed "now" the seeds and policies are dated against. In the functions test-jar, so the CLI tests
 * use the same ones.
 */
public final class Fixtures {

    /** The region the fixtures seed first. */
    public static final String REGION = "us-east-1";
    /** Our own account: the sandbox's default account id. */
    public static final String ACCOUNT = Seed.DEFAULT_ACCOUNT_ID;
    /** The fixed clock of the fixtures. */
    public static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    private Fixtures() {
    }
}
