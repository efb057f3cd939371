package dev.amihousekeeping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.testing.SandboxHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input suite (DESIGN §7, invariant 8): malformed events, bad policies and bad flags through the CLI, each
 * with {@code --apply} against a sandbox that holds something every command would change. Each must exit 2 with
 * one line on stderr saying what is wrong, and leave the sandbox exactly as it was.
 */
class BadInputCliTest {

    /** A public, foreign-shared AMI; an orphan snapshot; an AMI past its DeleteOn and grace: work for every command. */
    private static final String SEED = """
            {"accountId": "111122223333", "now": "2026-11-01T00:00:00Z", "regions": {"us-east-1": {
              "images": [
                {"imageId": "ami-0a1b2c3d4e5f60718", "name": "web-2026-09-01", "creationDate": "2026-09-01T00:00:00Z",
                 "public": true, "launchPermissions": [{"userId": "999988887777"}], "tags": {"CopyToDR": "true"}},
                {"imageId": "ami-0e0e0e0e0e0e00001", "name": "old-2026-01-01", "creationDate": "2026-01-01T00:00:00Z",
                 "tags": {"DeleteOn": "2026-06-01"}, "deprecationTime": "2026-07-01T00:00:00Z"}],
              "snapshots": [
                {"snapshotId": "snap-0d0d0d0d0d0d00001", "volumeId": "vol-0d0d0d0d0d0d00001", "volumeSize": 8,
                 "startTime": "2026-08-01T00:00:00Z",
                 "description": "Created by CreateImage(i-0123456789abcdef0) for ami-0dead0dead0dead01"}]}}}""";

    private static final String GOOD_POLICY = """
            {"regions": ["us-east-1"], "crossRegionCopy": {"enabled": true, "destinationRegions": ["eu-west-1"]}}""";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    @RegisterExtension
    static final SandboxHarness sandbox = SandboxHarness.start(SEED);
    private static Path goodPolicy;

    @BeforeAll
    static void start() throws IOException {
        goodPolicy = Files.writeString(dir.resolve("good-policy.json"), GOOD_POLICY);
    }

    /** The command line of one case, built once the sandbox and the temporary directory exist. */
    @FunctionalInterface
    interface Invocation {
        List<String> args() throws IOException;
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                // malformed events, through handle
                bad("event: not JSON", event("hello, world")),
                bad("event: truncated", event(sample("modify-image-attribute-public.json").substring(0, 300))),
                bad("event: empty file", event("")),
                bad("event: only whitespace", event("  \n\t ")),
                bad("event: a JSON array", event("[" + sample("modify-image-attribute-public.json") + "]")),
                bad("event: a JSON string", event("\"ModifyImageAttribute\"")),
                bad("event: JSON null", event("null")),
                bad("event: a number", event("42")),
                bad("event: two events in one file", event(sample("modify-image-attribute-public.json")
                        + sample("modify-image-attribute-public.json"))),
                bad("event: not UTF-8", eventBytes(new byte[] {(byte) 0xff, (byte) 0xfe, 0x7b, 0x00, (byte) 0xc3})),
                bad("event: no detail-type", edited("modify-image-attribute-public.json",
                        e -> e.remove("detail-type"))),
                bad("event: detail-type a number", edited("modify-image-attribute-public.json",
                        e -> e.put("detail-type", 7))),
                bad("event: no detail", edited("modify-image-attribute-public.json", e -> e.remove("detail"))),
                bad("event: detail an array", edited("modify-image-attribute-public.json",
                        e -> e.putArray("detail"))),
                bad("event: detail a string", edited("modify-image-attribute-public.json",
                        e -> e.put("detail", "{}"))),
                bad("event: no requestParameters", edited("modify-image-attribute-public.json",
                        e -> detail(e).remove("requestParameters"))),
                bad("event: imageId of a snapshot", edited("modify-image-attribute-public.json",
                        e -> requestParameters(e).put("imageId", "snap-0f1e2d3c4b5a69788"))),
                bad("event: imageId a list", edited("modify-image-attribute-public.json",
                        e -> requestParameters(e).putArray("imageId").add("ami-0a1b2c3d4e5f60718"))),
                bad("event: eventName a number", edited("modify-image-attribute-public.json",
                        e -> detail(e).put("eventName", 3))),
                bad("event: awsRegion not a region", edited("modify-image-attribute-public.json",
                        e -> detail(e).put("awsRegion", "moon-central-1"))),
                bad("event: launchPermission a string", edited("modify-image-attribute-public.json",
                        e -> requestParameters(e).put("launchPermission", "public"))),
                bad("event: AMI state change without ImageId", edited("ami-state-change-available.json",
                        e -> detail(e).remove("ImageId"))),
                bad("event: AMI state change for a snapshot id", edited("ami-state-change-available.json",
                        e -> detail(e).put("ImageId", "snap-0f1e2d3c4b5a69788"))),
                bad("event: AMI state change State a number", edited("ami-state-change-available.json",
                        e -> detail(e).put("State", 1))),
                bad("event: schedule time not a date", edited("scheduled-event.json", e -> e.put("time", "yesterday"))),
                bad("event: unknown detail-type", edited("modify-image-attribute-public.json",
                        e -> e.put("detail-type", "Object Created"))),
                bad("event: a directory", () -> List.of("handle", "--event", dir.toString(), "--endpoint",
                        endpoint(), "--config", goodPolicy.toString(), "--apply")),
                // bad policies, through orphans (and the others read the same file the same way)
                bad("policy: unknown key", policy("{\"dryrun\": false}")),
                bad("policy: unknown nested key", policy("{\"orphanSnapshots\": {\"minAge\": 7}}")),
                bad("policy: dryRun a string", policy("{\"dryRun\": \"no\"}")),
                bad("policy: maxActionsPerRun negative", policy("{\"maxActionsPerRun\": -1}")),
                bad("policy: maxActionsPerRun a fraction", policy("{\"maxActionsPerRun\": 1.5}")),
                bad("policy: unknown region", policy("{\"regions\": [\"us-east-9\"]}")),
                bad("policy: regions a string", policy("{\"regions\": \"us-east-1\"}")),
                bad("policy: minAgeDays negative", policy("{\"orphanSnapshots\": {\"minAgeDays\": -3}}")),
                bad("policy: unknown orphan scope", policy("{\"orphanSnapshots\": {\"scope\": \"everything\"}}")),
                bad("policy: unknown public-share mode", policy("{\"publicShare\": {\"mode\": \"fix\"}}")),
                bad("policy: account id too short", policy("{\"publicShare\": {\"allowedAccountIds\": [\"12\"]}}")),
                bad("policy: copy enabled without destinations", policy(
                        "{\"crossRegionCopy\": {\"enabled\": true, \"destinationRegions\": []}}")),
                bad("policy: KMS key for a region not copied to", policy("{\"crossRegionCopy\": {\"enabled\": true,"
                        + " \"destinationRegions\": [\"us-west-2\"], \"kmsKeyIds\": {\"eu-west-1\": \"alias/x\"}}}")),
                bad("policy: graceDays a word", policy("{\"expiry\": {\"graceDays\": \"seven\"}}")),
                bad("policy: expiryTagKeys not a list", policy("{\"expiry\": {\"expiryTagKeys\": \"DeleteOn\"}}")),
                bad("policy: negative default retention", policy(
                        "{\"tagOnCreate\": {\"defaultRetentionDays\": -1}}")),
                bad("policy: not JSON", policy("regions: [us-east-1]")),
                bad("policy: a JSON array", policy("[]")),
                bad("policy: empty file", policy("")),
                bad("policy: no such file", () -> List.of("orphans", "--config", dir.resolve("nope.json").toString(),
                        "--endpoint", endpoint(), "--regions", "us-east-1", "--apply")),
                // bad flags
                bad("flag: --now yesterday", command("orphans", "--now", "yesterday")),
                bad("flag: --now month 13", command("orphans", "--now", "2026-13-01T00:00:00Z")),
                bad("flag: --deadline tomorrow", command("expire", "--deadline", "tomorrow")),
                bad("flag: --deadline without a unit", command("orphans", "--deadline", "14")),
                bad("flag: --regions empty", command("public-share", "--regions", "")),
                bad("flag: --regions unknown", command("public-share", "--regions", "mars-north-9")),
                bad("flag: --regions with an empty name", command("orphans", "--regions", "us-east-1,,eu-west-1")),
                bad("flag: --endpoint not a URI", command("orphans", "--endpoint", "http://[::1")),
                bad("flag: unknown option", command("orphans", "--frobnicate")),
                bad("flag: unexpected argument", command("expire", "everything")),
                bad("flag: --config without a file", () -> List.of("orphans", "--endpoint", endpoint(), "--apply",
                        "--config")),
                bad("flag: copy --image not an AMI id", command("copy", "--image", "i-0123456789abcdef0")),
                bad("flag: handle without --event", command("handle")),
                bad("command: unknown", () -> List.of("frobnicate", "--apply")),
                bad("command: none", List::of));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInput_exits2_withOneClearLine_andChangesNothing_invariant8(String name, Invocation invocation)
            throws IOException {
        Seed before = sandbox.state();

        CliRun run = CliRun.of(invocation.args().toArray(String[]::new));

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err().lines().toList()).as("stderr").singleElement()
                .satisfies(line -> assertThat(line).startsWith("error: ").hasSizeGreaterThan(20));
        assertThat(sandbox.state()).isEqualTo(before);
    }

    /** The suite's control: the same command lines, well formed, do change the sandbox. */
    @Test
    void goodInput_withApply_changesTheSandbox_soTheSuiteWouldSeeAChange() throws IOException {
        Seed before = sandbox.state();
        try {
            CliRun run = CliRun.of(command("orphans").args().toArray(String[]::new));

            assertThat(run.exitCode()).isZero();
            assertThat(sandbox.state()).isNotEqualTo(before);
        } finally {
            sandbox.load(before);
        }
    }

    private static Arguments bad(String name, Invocation invocation) {
        return Arguments.of(name, invocation);
    }

    /** {@code handle --event FILE --apply} with {@code content} in FILE. */
    private static Invocation event(String content) {
        return eventBytes(content.getBytes(StandardCharsets.UTF_8));
    }

    private static Invocation eventBytes(byte[] content) {
        return () -> {
            Path file = Files.createTempFile(dir, "event", ".json");
            Files.write(file, content);
            return List.of("handle", "--event", file.toString(), "--endpoint", endpoint(), "--config",
                    goodPolicy.toString(), "--apply");
        };
    }

    /** A real-shaped sample, edited into a malformed one. */
    private static Invocation edited(String sample, Consumer<ObjectNode> edit) {
        ObjectNode event = (ObjectNode) read(sample(sample));
        edit.accept(event);
        return event(event.toString());
    }

    private static ObjectNode detail(ObjectNode event) {
        return (ObjectNode) event.get("detail");
    }

    private static ObjectNode requestParameters(ObjectNode event) {
        return (ObjectNode) detail(event).get("requestParameters");
    }

    /** {@code orphans --config FILE --apply} with {@code content} in FILE. */
    private static Invocation policy(String content) {
        return () -> {
            Path file = Files.writeString(Files.createTempFile(dir, "policy", ".json"), content);
            return List.of("orphans", "--config", file.toString(), "--endpoint", endpoint(), "--regions",
                    "us-east-1", "--apply");
        };
    }

    /** {@code command} with the good policy, the sandbox, {@code --apply} and {@code flags}. */
    private static Invocation command(String command, String... flags) {
        return () -> {
            List<String> args = new ArrayList<>(List.of(command, "--config", goodPolicy.toString(), "--endpoint",
                    endpoint(), "--apply"));
            args.addAll(List.of(flags));
            return args;
        };
    }

    private static String endpoint() {
        return sandbox.endpoint().toString();
    }

    private static String sample(String name) {
        try {
            return Files.readString(PublicShareSamples.sample(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
