package dev.amihousekeeping.cli;

import static dev.amihousekeeping.cli.PublicShareSamples.POLICY;
import static dev.amihousekeeping.run.PublicShareFixture.FOREIGN;
import static dev.amihousekeeping.run.PublicShareFixture.PARTNER;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.testing.SandboxHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicShareCommandTest {

    private static final String EAST_AMI = "ami-0aaaaaaaaaaaaaa01";
    private static final String WEST_AMI = "ami-0bbbbbbbbbbbbbb01";
    private static final String WEST_SNAPSHOT = "snap-0bbbbbbbbbbbbbb01";
    private static final String SEED = """
            {"accountId": "%s", "regions": {
              "us-east-1": {"images": [{"imageId": "%s", "name": "web", "creationDate": "2026-10-01T00:00:00Z",
                                        "public": true, "launchPermissions": [{"userId": "%s"}]}]},
              "eu-west-1": {"images": [{"imageId": "%s", "name": "db", "creationDate": "2026-10-01T00:00:00Z",
                                        "launchPermissions": [{"userId": "%s"}]}],
                            "snapshots": [{"snapshotId": "%s", "volumeId": "vol-0123456789abcdef0", "volumeSize": 8,
                                           "startTime": "2026-10-01T00:00:00Z",
                                           "createVolumePermissions": [{"group": "all"}]}]}}}"""
            .formatted(ACCOUNT, EAST_AMI, PARTNER, WEST_AMI, FOREIGN, WEST_SNAPSHOT);

    @TempDir
    Path dir;
    private SandboxHarness sandbox;

    @BeforeEach
    void start() {
        sandbox = SandboxHarness.start(SEED);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CliRun publicShare(String policy, String... more) throws IOException {
        Path file = Files.writeString(dir.resolve("policy.json"), policy);
        String[] args = new String[more.length + 7];
        System.arraycopy(new String[] {"public-share", "--endpoint", sandbox.endpoint().toString(), "--config", file.toString(),
                "--regions", "us-east-1,eu-west-1"}, 0, args, 0, 7);
        System.arraycopy(more, 0, args, 7, more.length);
        return CliRun.of(args);
    }

    @Test
    void removesOffendingGrants_inEveryRegion_withApply() throws Exception {
        CliRun run = publicShare(POLICY, "--apply");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(sandbox.imageGrants("us-east-1", EAST_AMI)).containsExactly(LaunchPermission.user(PARTNER));
        assertThat(sandbox.imageGrants("eu-west-1", WEST_AMI)).isEmpty();
        assertThat(sandbox.snapshotGrants("eu-west-1", WEST_SNAPSHOT)).isEmpty();
        assertThat(run.out()).contains("NOTIFY: AMI Housekeeper: Public snapshot " + WEST_SNAPSHOT
                + " in eu-west-1: grants removed").contains("Found by the scheduled sweep");
    }

    @Test
    void changesNothing_withoutApply_andSaysWhatItWouldDo() throws Exception {
        CliRun run = publicShare(POLICY);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("public-share (dry-run: nothing changed; --apply to act) over us-east-1, "
                + "eu-west-1").contains("3 actions (3 planned");
        assertThat(sandbox.imageGrants("us-east-1", EAST_AMI)).contains(LaunchPermission.publicGroup());
    }

    @Test
    void turnsOnBlockPublicAccess_whenThePolicyEnforcesIt() throws Exception {
        CliRun run = publicShare("{\"publicShare\": {\"enforceBlockPublicAccess\": true}}", "--apply", "--json");

        Report report = ReportJson.read(run.out().strip());
        assertThat(report.actions()).filteredOn(action -> action.action() == ActionType.ENABLE_BLOCK_PUBLIC_ACCESS)
                .extracting(ActionResult::region, ActionResult::outcome).containsExactlyInAnyOrder(
                        tuple("us-east-1", Outcome.DONE), tuple("us-east-1", Outcome.DONE),
                        tuple("eu-west-1", Outcome.DONE), tuple("eu-west-1", Outcome.DONE));
        assertThat(sandbox.blockPublicAccess("us-east-1")).isEqualTo("block-new-sharing/block-new-sharing");
        assertThat(sandbox.blockPublicAccess("eu-west-1")).isEqualTo("block-new-sharing/block-new-sharing");
    }

    @Test
    void exitsThree_whenARegionCannotBeRead() throws Exception {
        sandbox.fault("{\"action\": \"DescribeImages\", \"error\": \"UnauthorizedOperation\", \"region\": \"eu-west-1\"}");

        CliRun run = publicShare(POLICY, "--apply");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURES);
        assertThat(run.out()).contains("ERROR eu-west-1 UnauthorizedOperation");
        assertThat(sandbox.imageGrants("us-east-1", EAST_AMI)).containsExactly(LaunchPermission.user(PARTNER));
    }
}
