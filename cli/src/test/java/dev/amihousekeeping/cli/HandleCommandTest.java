package dev.amihousekeeping.cli;

import static dev.amihousekeeping.cli.PublicShareSamples.POLICY;
import static dev.amihousekeeping.cli.PublicShareSamples.sample;
import static dev.amihousekeeping.run.PublicShareFixture.AMI;
import static dev.amihousekeeping.run.PublicShareFixture.FOREIGN;
import static dev.amihousekeeping.run.PublicShareFixture.PARTNER;
import static dev.amihousekeeping.run.PublicShareFixture.SAMPLE_ORG;
import static dev.amihousekeeping.run.PublicShareFixture.SAMPLE_OU;
import static dev.amihousekeeping.run.PublicShareFixture.SNAPSHOT;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.run.EventDispatcher;
import dev.amihousekeeping.testing.SandboxHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandleCommandTest {

    /** The samples' image and snapshot, each with a public, an allowlisted and a foreign grant. */
    private static final String SEED = """
            {"accountId": "%s", "regions": {"us-east-1": {
              "images": [{"imageId": "%s", "name": "web", "creationDate": "2026-10-01T00:00:00Z", "public": true,
                          "launchPermissions": [{"userId": "%s"}, {"userId": "%s"}, {"organizationArn": "%s"},
                                                {"organizationalUnitArn": "%s"}]}],
              "snapshots": [{"snapshotId": "%s", "volumeId": "vol-0123456789abcdef0", "volumeSize": 8,
                             "startTime": "2026-10-01T00:00:00Z",
                             "createVolumePermissions": [{"group": "all"}, {"userId": "%s"}, {"userId": "%s"}]}]}}}"""
            .formatted(ACCOUNT, AMI, PARTNER, FOREIGN, SAMPLE_ORG, SAMPLE_OU, SNAPSHOT, PARTNER, FOREIGN);

    @TempDir
    Path dir;
    private SandboxHarness sandbox;
    private Path policy;

    @BeforeEach
    void start() throws IOException {
        sandbox = SandboxHarness.start(SEED);
        policy = Files.writeString(dir.resolve("policy.json"), POLICY);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CliRun handle(Path event, String... more) {
        List<String> args = new ArrayList<>(List.of("handle", "--event", event.toString(),
                "--endpoint", sandbox.endpoint().toString(), "--config", policy.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void removesTheOffendingGrants_inTheEventsRegion_whateverRegionsSays() throws Exception {
        CliRun run = handle(sample("modify-image-attribute-public.json"), "--apply", "--regions", "eu-west-1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // The OU is one of the allowlisted organization's: narrower than it, so it stays.
        assertThat(sandbox.imageGrants("us-east-1", AMI)).containsExactlyInAnyOrder(
                LaunchPermission.user(PARTNER), LaunchPermission.organization(SAMPLE_ORG),
                LaunchPermission.organizationalUnit(SAMPLE_OU));
        assertThat(run.out()).contains("public-share over us-east-1")
                .contains("remove-grant").contains("done")
                .contains("NOTIFY: AMI Housekeeper: Public AMI " + AMI + " in us-east-1: grants removed")
                .contains("Who: arn:aws:iam::111122223333:user/jdoe");
    }

    @Test
    void changesNothing_withoutApply() throws Exception {
        CliRun run = handle(sample("modify-snapshot-attribute-public.json"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("dry-run").contains("planned").contains(": dry run");
        assertThat(sandbox.snapshotGrants("us-east-1", SNAPSHOT)).contains(LaunchPermission.publicGroup());
    }

    @Test
    void printsTheReport_asJson() {
        CliRun run = handle(sample("modify-image-attribute-account.json"), "--apply", "--json");

        Report report = ReportJson.read(run.out().strip());
        assertThat(report.function()).isEqualTo("public-share");
        assertThat(report.actions()).singleElement().satisfies(action -> assertThat(action.reason())
                .isEqualTo("public: group=all; not allowlisted: userId=999988887777"));
    }

    @Test
    void exitsZero_andPrintsTheReason_forAnEventItIgnores() throws Exception {
        CliRun run = handle(sample("modify-image-attribute-unauthorized.json"), "--apply");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("ignored: errorCode Client.UnauthorizedOperation: the call failed, nothing changed");
        assertThat(run.out()).contains("ignored: errorCode Client.UnauthorizedOperation");
        assertThat(sandbox.imageGrants("us-east-1", AMI)).contains(LaunchPermission.publicGroup());
    }

    @Test
    void exitsTwo_withOneLineSayingWhatIsWrong_forAMalformedEvent() throws Exception {
        Path event = Files.writeString(dir.resolve("bad.json"), Files.readString(
                sample("modify-image-attribute-public.json")).replace("\"imageId\": \"" + AMI + "\"", "\"imageId\": 42"));

        CliRun run = handle(event, "--apply");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err().lines()).containsExactly("error: invalid event " + event
                + ": detail.requestParameters.imageId must be a string, got number");
        assertThat(sandbox.imageGrants("us-east-1", AMI)).contains(LaunchPermission.publicGroup());
    }

    @Test
    void printsTheReportOfAMalformedEvent_asJson_andStillExitsTwo() throws Exception {
        Path event = Files.writeString(dir.resolve("truncated.json"), "{\"detail-type\": \"AWS API Call via");

        CliRun run = handle(event, "--json");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(ReportJson.read(run.out().strip()).errors()).singleElement()
                .satisfies(error -> assertThat(error.code()).isEqualTo(EventDispatcher.INVALID_EVENT));
        assertThat(run.err()).startsWith("error: invalid event " + event + ": not JSON: ");
    }

    @Test
    void exitsTwo_whenTheEventFileIsMissing() {
        CliRun run = handle(dir.resolve("nope.json"));

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo("error: --event: no such file: " + dir.resolve("nope.json"));
    }

    @Test
    void exitsThree_whenTheRemovalFails() throws Exception {
        sandbox.fault("{\"action\": \"ModifyImageAttribute\", \"error\": \"UnauthorizedOperation\"}");

        CliRun run = handle(sample("modify-image-attribute-public.json"), "--apply");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURES);
        assertThat(run.out()).contains("failed").contains("removal FAILED");
    }

    @Test
    void runsTheSweep_forTheSweepSchedule() throws Exception {
        CliRun run = handle(sample("scheduled-event.json"), "--apply");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(sandbox.imageGrants("us-east-1", AMI)).doesNotContain(LaunchPermission.publicGroup());
        assertThat(sandbox.snapshotGrants("us-east-1", SNAPSHOT)).containsExactly(LaunchPermission.user(PARTNER));
    }

    /** The attribute changes, and the CloudTrail events of other services or calls that no function handles. */
    private static boolean isPublicShareOrMustIgnore(Path sample) {
        String name = sample.getFileName().toString();
        return name.startsWith("modify-") || List.of("s3-put-bucket-policy.json", "appstream-create-image.json",
                "delete-tags.json").contains(name);
    }

    /**
     * The acceptance: every real-shaped CloudTrail sample, malformed variants among them, through
     * {@code handle --apply} against one seeded sandbox, leaves no public or unapproved grant, keeps every
     * allowlisted one, ignores what it must with a reason, and exits 2 (never crashes) on the malformed ones.
     */
    @Test
    void leavesNoPublicOrUnapprovedGrant_andKeepsTheAllowlisted_afterEverySample() throws Exception {
        Path notJson = Files.writeString(dir.resolve("not-json.json"), "ModifyImageAttribute ami-0a1b2c3d4e5f60718");
        Path noDetail = Files.writeString(dir.resolve("no-detail.json"), """
                {"version": "0", "detail-type": "AWS API Call via CloudTrail", "source": "aws.ec2",
                 "region": "us-east-1", "time": "2026-10-14T09:31:12Z"}""");
        try (Stream<Path> samples = Files.list(PublicShareSamples.SAMPLES)) {
            for (Path event : samples.filter(HandleCommandTest::isPublicShareOrMustIgnore).sorted().toList()) {
                CliRun run = handle(event, "--apply");
                assertThat(run.exitCode()).as(event + ": " + run.err()).isZero();
            }
        }
        for (Path malformed : List.of(notJson, noDetail)) {
            CliRun run = handle(malformed, "--apply");
            assertThat(run.exitCode()).as(malformed.toString()).isEqualTo(Main.EXIT_BAD_INPUT);
            assertThat(run.err().lines()).singleElement().asString().startsWith("error: invalid event ");
        }

        assertThat(sandbox.imageGrants("us-east-1", AMI)).containsExactlyInAnyOrder(
                LaunchPermission.user(PARTNER), LaunchPermission.organization(SAMPLE_ORG),
                LaunchPermission.organizationalUnit(SAMPLE_OU));
        assertThat(sandbox.snapshotGrants("us-east-1", SNAPSHOT)).containsExactly(LaunchPermission.user(PARTNER));
    }
}
