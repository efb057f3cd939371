package dev.amihousekeeping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amihousekeeping.sandbox.SandboxOptions;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.testing.SandboxHarness;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyCommandTest {

    private static final String WEB = "ami-0c9d8e7f6a5b4c3d2";
    private static final String APP = "ami-0e5f6a7b8c9d0e1f2";
    private static final String SEED = """
            {"accountId": "111122223333", "now": "2026-10-14T12:00:00Z", "regions": {
             "us-east-1": {"images": [
               {"imageId": "ami-0c9d8e7f6a5b4c3d2", "name": "web-2026-10-14", "creationDate": "2026-10-14T09:31:12Z",
                "tags": {"CopyToDR": "true"},
                "blockDeviceMappings": [{"deviceName": "/dev/xvda", "snapshotId": "snap-0f1e2d3c4b5a69788", "volumeSize": 8}]},
               {"imageId": "ami-0e5f6a7b8c9d0e1f2", "name": "app-2026-10-14", "creationDate": "2026-10-14T10:05:41Z",
                "tags": {"CopyToDR": "true", "DeleteOn": "2027-06-30"},
                "blockDeviceMappings": [{"deviceName": "/dev/xvda", "snapshotId": "snap-0e5f6a7b8c9d0e1f2", "volumeSize": 30}]},
               {"imageId": "ami-0a1b2c3d4e5f60718", "name": "scratch-2026-10-01", "creationDate": "2026-10-01T08:00:00Z",
                "blockDeviceMappings": [{"deviceName": "/dev/xvda", "snapshotId": "snap-0a1b2c3d4e5f60718", "volumeSize": 8}]}],
              "snapshots": [
               {"snapshotId": "snap-0f1e2d3c4b5a69788", "volumeSize": 8, "startTime": "2026-10-14T09:31:12Z"},
               {"snapshotId": "snap-0e5f6a7b8c9d0e1f2", "volumeSize": 30, "startTime": "2026-10-14T09:50:00Z"},
               {"snapshotId": "snap-0a1b2c3d4e5f60718", "volumeSize": 8, "startTime": "2026-10-01T08:00:00Z"}]},
             "us-west-2": {}}}
            """;
    private static final String POLICY = """
            {"regions": ["us-east-1"],
             "crossRegionCopy": {"enabled": true, "destinationRegions": ["us-west-2"],
                                 "kmsKeyIds": {"us-west-2": "alias/ami-dr"}}}
            """;

    private SandboxHarness sandbox;
    private Path policy;

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        sandbox = SandboxHarness.start(SandboxOptions.defaults().withCopyDelay(Duration.ZERO).withSeed(Seed.parse(SEED)));
        policy = Files.writeString(dir.resolve("policy.json"), POLICY);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CliRun copy(String... extra) {
        List<String> args = new ArrayList<>(List.of("copy", "--endpoint", sandbox.endpoint().toString(),
                "--config", policy.toString(), "--now", "2026-10-14T12:00:00Z"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private List<SeedImage> copiesIn(String region, String source) {
        var state = sandbox.state().regions().get(region);
        return state == null ? List.of()
                : state.images().stream().filter(i -> source.equals(i.sourceImageId())).toList();
    }

    @Test
    void plansTheMissingCopies_withoutApply_andChangesNothing() throws IOException {
        CliRun run = copy("--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("function").asText()).isEqualTo("cross-region-copy");
        assertThat(report.path("dryRun").asBoolean()).isTrue();
        assertThat(report.path("actions").findValuesAsText("resourceId")).containsExactlyInAnyOrder(WEB, APP);
        assertThat(report.path("actions").findValuesAsText("outcome")).containsOnly("planned");
        assertThat(copiesIn("us-west-2", WEB)).isEmpty();
    }

    @Test
    void copiesWithApply_andFindsNothingMissingTheSecondTime() throws IOException {
        CliRun first = copy("--apply");
        CliRun second = copy("--apply", "--json");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("copy").contains(WEB).contains("done");
        assertThat(copiesIn("us-west-2", WEB)).singleElement()
                .satisfies(copy -> assertThat(copy.tags()).containsEntry("SourceAmi", WEB));
        assertThat(copiesIn("us-west-2", APP)).singleElement()
                .satisfies(copy -> assertThat(copy.tags()).containsEntry("DeleteOn", "2027-06-30"));
        assertThat(second.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(second.out()).path("actions")).isEmpty();
    }

    @Test
    void copiesOnlyTheNamedImage() {
        CliRun run = copy("--apply", "--image", APP);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(copiesIn("us-west-2", APP)).hasSize(1);
        assertThat(copiesIn("us-west-2", WEB)).isEmpty();
    }

    @Test
    void saysWhyANamedImageIsNotCopied() {
        CliRun run = copy("--image", "ami-0a1b2c3d4e5f60718");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("not-selected");
    }

    @Test
    void exitsWithBadInput_forAnImageTheAccountDoesNotHave_orNotAnImageId() {
        CliRun unknown = copy("--image", "ami-0123456789abcdef9");
        CliRun malformed = copy("--image", "web-2026-10-14");

        assertThat(unknown.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(unknown.err()).contains("this account owns no image ami-0123456789abcdef9 in us-east-1");
        assertThat(malformed.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(malformed.err()).contains("not an AMI id");
    }

    @Test
    void exitsWithFailures_whenADestinationRefusesTheCopy() throws Exception {
        HttpResponse<String> fault = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.endpoint() + "/_sandbox/faults"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"action\":\"CopyImage\",\"region\":\"us-west-2\",\"error\":\"UnauthorizedOperation\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        CliRun run = copy("--apply");

        assertThat(fault.statusCode()).isEqualTo(200);
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURES);
        assertThat(run.out()).contains("UnauthorizedOperation").contains("us-west-2");
    }
}
