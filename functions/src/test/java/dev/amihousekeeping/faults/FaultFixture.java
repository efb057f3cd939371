package dev.amihousekeeping.faults;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.run.RunRequest;
import dev.amihousekeeping.sandbox.Seed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The one fixture every fault test starts from ({@code src/test/resources/faults/}): two regions and a policy that
 * gives each function something to do in both, so that a fault has actions to hit and a final state to get wrong.
 * <ul>
 *   <li>orphan-snapshots: three orphans in us-east-1, two in eu-west-1; kept beside them: a young one, one AWS
 *       Backup manages, an exempt one, one a disabled AMI still uses;</li>
 *   <li>public-share: {@link #SHARED} is public and shared with a foreign and the allowlisted partner account, the
 *       {@link #WEB} root snapshot is public and shared with the foreign account, {@link #TOOLS_EU} is public;
 *       block public access is off in both regions and the policy enforces it;</li>
 *   <li>cross-region-copy: {@link #WEB} and {@link #APP} lack a copy in eu-west-1, {@link #BASE} has one;</li>
 *   <li>expiry: {@link #EXPIRED_DEPRECATED} and {@link #EXPIRED_EU} are past their grace period (deregister),
 *       {@link #EXPIRED} is not deprecated yet (deprecate), {@link #EXPIRED_IN_USE} runs an instance (kept).</li>
 * </ul>
 * The ids of the sample events under {@code src/test/resources/events/} are the ones seeded here.
 */
final class FaultFixture {

    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    static final String EAST = "us-east-1";
    static final String EU = "eu-west-1";
    static final String ACCOUNT = "111122223333";
    static final String FOREIGN = "999988887777";
    static final String PARTNER = "444455556666";

    static final String WEB = "ami-0c9d8e7f6a5b4c3d2";
    static final String WEB_SNAPSHOT = "snap-0f1e2d3c4b5a69788";
    static final String APP = "ami-0e5f6a7b8c9d0e1f2";
    static final String SHARED = "ami-0a1b2c3d4e5f60718";
    static final String BASE = "ami-0b0b0b0b0b0b00001";
    static final String TOOLS_EU = "ami-0f0f0f0f0f0f00001";
    static final String EXPIRED_DEPRECATED = "ami-0e0e0e0e0e0e00001";
    static final String EXPIRED_DEPRECATED_SNAPSHOT = "snap-0e0e0e0e0e0e00001";
    static final String EXPIRED = "ami-0e0e0e0e0e0e00002";
    static final String EXPIRED_IN_USE = "ami-0e0e0e0e0e0e00003";
    static final String EXPIRED_EU = "ami-0e0e0e0e0e0e00011";
    static final String ORPHAN_1 = "snap-0d0d0d0d0d0d00001";
    static final String ORPHAN_2 = "snap-0d0d0d0d0d0d00002";
    static final String ORPHAN_3 = "snap-0d0d0d0d0d0d00003";
    static final String ORPHAN_EU_1 = "snap-0d0d0d0d0d0d00021";
    static final String ORPHAN_EU_2 = "snap-0d0d0d0d0d0d00022";

    private static final String SEED = resource("/faults/seed.json");
    private static final String POLICY = resource("/faults/policy.json");

    private FaultFixture() {
    }

    static Seed seed() {
        return Seed.parse(SEED);
    }

    static Config config() {
        return ConfigLoader.parse(POLICY);
    }

    /** The region the fixture holds {@code imageId} in. */
    static String regionOf(String imageId) {
        return seed().regions().entrySet().stream()
                .filter(region -> region.getValue().images().stream().anyMatch(i -> i.imageId().equals(imageId)))
                .map(java.util.Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no image " + imageId + " in the fixture"));
    }

    /** A run over both regions at {@link #NOW}, changing things unless {@code dryRun}. */
    static RunRequest request(boolean dryRun) {
        Config config = config();
        return new RunRequest(config, config.regions(), dryRun, NOW, "fault-test");
    }

    /** A sample event from {@code src/test/resources/events/}, as its raw bytes would reach the Lambda handler. */
    static String sampleEvent(String name) {
        return resource("/events/" + name);
    }

    private static String resource(String path) {
        try (InputStream in = FaultFixture.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
