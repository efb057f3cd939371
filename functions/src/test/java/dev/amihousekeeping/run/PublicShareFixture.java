package dev.amihousekeeping.run;

import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static dev.amihousekeeping.testing.Fixtures.REGION;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.events.EventParser;
import dev.amihousekeeping.events.HousekeepingEvent;
import dev.amihousekeeping.testing.SandboxHarness;
import dev.amihousekeeping.testing.TestResources;
import java.util.List;

/**
 * The public-share scenario on a {@link SandboxHarness}: its seeds and policy, and the function run on the
 * harness's wiring, by schedule or by event. The ids are the ones the sample events under {@code src/test/resources/events/} name, so
 * that a sample acts on a seeded resource.
 */
public final class PublicShareFixture {

    static final String OTHER_REGION = "eu-west-1";
    /** Allowlisted in {@link #REMEDIATE}. */
    public static final String PARTNER = "444455556666";
    /** What the samples share with; on no allowlist. */
    public static final String FOREIGN = "999988887777";
    public static final String AMI = "ami-0a1b2c3d4e5f60718";
    public static final String SNAPSHOT = "snap-0f1e2d3c4b5a69788";
    public static final String SAMPLE_ORG = "arn:aws:organizations::444455556666:organization/o-exampleorgid";
    public static final String SAMPLE_OU = "arn:aws:organizations::444455556666:ou/o-exampleorgid/ou-ab12-cd34ef56";
    static final String OWN_ORG = "arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5";
    static final String OWN_OU = "arn:aws:organizations::111122223333:ou/o-a1b2c3d4e5/ou-ab12-11111111";
    static final String PUBLIC_AMI = "ami-0feedfacecafe0001";

    /** Remediate, with one partner account, our organization and one OU allowed, and one deliberately public AMI. */
    static final String REMEDIATE = """
            {"publicShare": {"mode": "remediate", "allowedAccountIds": ["%s"],
              "allowedOrganizationArns": ["%s"], "allowedOrganizationalUnitArns": ["%s"],
              "allowedPublicImageIds": ["%s"]}}""".formatted(PARTNER, OWN_ORG, OWN_OU, PUBLIC_AMI);

    private PublicShareFixture() {
    }

    /** An empty sandbox at {@link #NOW}, to {@code load} per test: the clients (and their warm-up) are shared. */
    static SandboxHarness start() {
        return SandboxHarness.empty().at(NOW);
    }

    static SandboxHarness start(String seedJson) {
        return SandboxHarness.start(seedJson).at(NOW);
    }

    /** One image in {@link #REGION} with these launch permissions (JSON items) and {@code public} flag. */
    static String imageSeed(String imageId, boolean isPublic, String launchPermissions) {
        return """
                {"accountId": "%s", "regions": {"%s": {"images": [%s]}}}"""
                .formatted(ACCOUNT, REGION, image(imageId, isPublic, launchPermissions));
    }

    static String image(String imageId, boolean isPublic, String launchPermissions) {
        return """
                {"imageId": "%s", "name": "web-%s", "creationDate": "2026-10-01T00:00:00Z", "public": %s,
                 "launchPermissions": [%s]}""".formatted(imageId, imageId.substring(4, 8), isPublic,
                launchPermissions);
    }

    static String snapshot(String snapshotId, String createVolumePermissions) {
        return """
                {"snapshotId": "%s", "volumeId": "vol-0123456789abcdef0", "volumeSize": 8,
                 "startTime": "2026-10-01T00:00:00Z", "createVolumePermissions": [%s]}"""
                .formatted(snapshotId, createVolumePermissions);
    }

    static String user(String accountId) {
        return "{\"userId\": \"" + accountId + "\"}";
    }

    static Config config(String json) {
        return ConfigLoader.parse(json);
    }

    static PublicShareRun run(SandboxHarness sandbox) {
        return new PublicShareRun(sandbox.housekeeping());
    }

    /** A sample event through the same dispatcher the CLI's {@code handle} uses, with every function registered. */
    static Report handle(SandboxHarness sandbox, String sample, Config config, boolean dryRun) {
        return handleEvent(sandbox, EventParser.parse(sampleText(sample)), config, dryRun);
    }

    static Report handleEvent(SandboxHarness sandbox, HousekeepingEvent event, Config config, boolean dryRun) {
        return sandbox.deliver(event, sandbox.request(config, List.of(REGION), dryRun), List.of(run(sandbox)));
    }

    static Report sweep(SandboxHarness sandbox, Config config, boolean dryRun, String... regions) {
        return run(sandbox).run(sandbox.request(config, List.of(regions), dryRun));
    }

    static String sampleText(String name) {
        return TestResources.sampleEvent(name);
    }
}
