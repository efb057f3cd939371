package dev.amihousekeeping.faults;

import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.HousekeepingFunction;
import dev.amihousekeeping.run.RunLog;
import dev.amihousekeeping.sandbox.SandboxOptions;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.testing.SandboxHarness;
import dev.amihousekeeping.testing.TestResources;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

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

    static final String EAST = "us-east-1";
    static final String EU = "eu-west-1";
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

    /** Every EC2 call a function makes that changes something. */
    static final List<String> MUTATING_ACTIONS = List.of("DeregisterImage", "EnableImageDeprecation", "DisableImage",
            "DeleteSnapshot", "ModifyImageAttribute", "ModifySnapshotAttribute", "EnableImageBlockPublicAccess",
            "EnableSnapshotBlockPublicAccess", "CopyImage", "CreateTags");

    /** Every read a function makes: inventories (paginated), grants, in-use sources, account settings. */
    static final List<String> DESCRIBE_ACTIONS = List.of("DescribeImages", "DescribeSnapshots",
            "DescribeImageAttribute", "DescribeSnapshotAttribute", "DescribeImageReferences", "DescribeInstances",
            "DescribeLaunchTemplates", "DescribeLaunchTemplateVersions", "DescribeLaunchConfigurations",
            "GetImageBlockPublicAccessState", "GetSnapshotBlockPublicAccessState");

    /** Attempts of the clients another user of the account acts with. */
    private static final int OTHERS_ATTEMPTS = 3;

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

    /** A sample event from {@code src/test/resources/events/}, as its raw bytes would reach the Lambda handler. */
    static String sampleEvent(String name) {
        return TestResources.sampleEvent(name);
    }

    private static String resource(String path) {
        return TestResources.text(path);
    }

    /** A sandbox with the fixture, without copy delay, its wiring at {@link #NOW}. */
    static SandboxHarness sandbox() {
        return SandboxHarness.start(SandboxOptions.defaults().withCopyDelay(Duration.ZERO).withSeed(seed())).at(NOW);
    }

    /**
     * Back to the fixture: its seed, no faults, no call counts, no notifications, and new clients: the SDK's standard
     * retry strategy keeps a retry quota per client, and a test that drains it (an outage) must not leave the next
     * test with fewer retries than it asked for.
     */
    static SandboxHarness reset(SandboxHarness sandbox) {
        sandbox.renewClients();
        return sandbox.reset();
    }

    /** The scheduled run of {@code function} over both regions, applied, with {@code log} told of each action. */
    static Report run(SandboxHarness sandbox, HousekeepingFunction function, int maxAttempts, RunLog log) {
        // A hook acts between two actions: only one at a time has a "between".
        return run(sandbox, function, maxAttempts, log, log instanceof ActionHook);
    }

    /** As above; {@code oneAtATime} applies each action only after the one before is over. */
    static Report run(SandboxHarness sandbox, HousekeepingFunction function, int maxAttempts, RunLog log,
                      boolean oneAtATime) {
        Housekeeping wiring = sandbox.housekeeping(maxAttempts, log);
        if (oneAtATime) {
            wiring = wiring.oneAtATime(log);
        }
        return function.create(wiring).run(sandbox.request(config(), false));
    }

    static Report run(SandboxHarness sandbox, HousekeepingFunction function, int maxAttempts) {
        return run(sandbox, function, maxAttempts, RunLog.silent());
    }

    /** The plan {@code function} would apply now, as a dry run. */
    static Report plan(SandboxHarness sandbox, HousekeepingFunction function) {
        return function.create(sandbox.housekeeping(3, RunLog.silent())).run(sandbox.request(config(), true));
    }

    /** One delivery of a raw event through the dispatcher the Lambda handlers and {@code handle} share, applied. */
    static Report deliver(SandboxHarness sandbox, String eventJson, int maxAttempts) {
        Housekeeping housekeeping = sandbox.housekeeping(maxAttempts, RunLog.silent());
        return sandbox.deliver(eventJson, sandbox.request(config(), false),
                Arrays.stream(HousekeepingFunction.values()).map(f -> f.create(housekeeping)).toList());
    }

    /** {@code RequestLimitExceeded} (503) on {@code rate} of every mutating call; see {@link SandboxHarness#failEvery}. */
    static void throttleEveryMutatingCall(SandboxHarness sandbox, double rate) {
        sandbox.failEvery(MUTATING_ACTIONS, "RequestLimitExceeded", 503, rate);
    }

    /** Another user of the account deregisters {@code imageId}, keeping its snapshots, as the console does. */
    static void someoneDeregisters(SandboxHarness sandbox, String region, String imageId) {
        sandbox.clients(OTHERS_ATTEMPTS).ec2(region).deregisterImage(r -> r.imageId(imageId));
    }

    /** Another user registers an AMI from {@code snapshotId} (RegisterImage), which then uses the snapshot. */
    static String someoneRegisters(SandboxHarness sandbox, String region, String name, String snapshotId) {
        return sandbox.clients(OTHERS_ATTEMPTS).ec2(region).registerImage(r -> r.name(name).rootDeviceName("/dev/xvda")
                .blockDeviceMappings(b -> b.deviceName("/dev/xvda").ebs(e -> e.snapshotId(snapshotId))))
                .imageId();
    }

    /** A person removes the tag {@code key} from {@code resourceId} (DeleteTags), as the console's tag editor does. */
    static void someoneRemovesTag(SandboxHarness sandbox, String region, String resourceId, String key) {
        sandbox.clients(OTHERS_ATTEMPTS).ec2(region).deleteTags(r -> r.resources(resourceId).tags(t -> t.key(key)));
    }

    /** What is there now, comparable with another sandbox loaded with the same seed. */
    static FinalState finalState(SandboxHarness sandbox) {
        return FinalState.of(sandbox.loaded(), sandbox.stateJson());
    }
}
