package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.ExpiryFixture.action;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.regex.Pattern;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Expiry's re-check and its snapshots through the sandbox, over real HTTP with the real SDK: what changed between
 * the plan and the action (keepLatest's newer images, a launch template's old {@code $Default}), and the
 * snapshots that several deregistered AMIs share.
 */
class ExpiryRecheckLineageSandboxTest {

    private static final String V1 = "ami-0a000000000000001";
    private static final String V2 = "ami-0a000000000000002";
    private static final String OTHER = "ami-0a000000000000009";
    private static final String SHARED = "snap-0a00000000000000f";

    private static final String POLICY = """
            {"regions": ["us-east-1"], "dryRun": false, "maxActionsPerRun": 50,
             "expiry": {"deprecateFirst": false, "minAgeDays": 1 %s}}""";

    @Test
    void keepsTheOlderAmi_whenTheNewerOneOfItsLineageIsDeregisteredBetweenPlanAndApply() {
        String seed = seed(List.of(
                image(V1, "web-v1", "2026-01-01", "2026-06-01", "snap-0a000000000000001"),
                image(V2, "web-v2", "2026-02-01", null, "snap-0a000000000000002")), "[]");
        try (SandboxHarness sandbox = ExpiryFixture.sandbox(Seed.parse(seed))) {
            Report report = ExpiryFixture.runChanging(sandbox, policy(", \"keepLatest\": 1"),
                    () -> sandbox.clients().ec2(REGION).deregisterImage(r -> r.imageId(V2)));

            assertThat(action(report, V1).outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(action(report, V1).detail()).startsWith("re-check: keep-latest 1 of web (since the plan: " + V2);
            assertThat(imageIds(sandbox)).contains(V1);
        }
    }

    @Test
    void deregistersTheOlderAmi_whenTheNewerOneIsStillThere() {
        String seed = seed(List.of(
                image(V1, "web-v1", "2026-01-01", "2026-06-01", "snap-0a000000000000001"),
                image(V2, "web-v2", "2026-02-01", null, "snap-0a000000000000002")), "[]");
        try (SandboxHarness sandbox = ExpiryFixture.sandbox(Seed.parse(seed))) {
            Report report = ExpiryFixture.run(sandbox, policy(", \"keepLatest\": 1"), false);

            assertThat(action(report, V1).outcome()).isEqualTo(Outcome.DONE);
            assertThat(imageIds(sandbox)).containsExactly(V2);
        }
    }

    @Test
    void keepsTheAmi_whenALaunchTemplatesOldDefaultIsMovedToItBetweenPlanAndApply() {
        // Twelve versions: the newest ten (3-12) use OTHER; version 2 uses V1; the default is version 1 (OTHER).
        String versions = IntStream.rangeClosed(1, 12).mapToObj(v -> "{\"versionNumber\": " + v
                + ", \"imageId\": \"" + (v == 2 ? V1 : OTHER) + "\"}").collect(Collectors.joining(", "));
        String template = "[{\"launchTemplateId\": \"lt-0a000000000000001\", \"name\": \"web\", \"versions\": ["
                + versions + "], \"defaultVersion\": %d}]";
        String seed = seed(List.of(
                image(V1, "web-v1", "2026-01-01", "2026-06-01", "snap-0a000000000000001"),
                image(OTHER, "app-v9", "2026-02-01", null, "snap-0a000000000000009")), template.formatted(1));
        try (SandboxHarness sandbox = ExpiryFixture.sandbox(Seed.parse(seed))) {
            Report report = ExpiryFixture.runChanging(sandbox, policy(""),
                    () -> sandbox.sandbox().load(Seed.parse(seed(List.of(
                            image(V1, "web-v1", "2026-01-01", "2026-06-01", "snap-0a000000000000001"),
                            image(OTHER, "app-v9", "2026-02-01", null, "snap-0a000000000000009")),
                            template.formatted(2)))));

            assertThat(action(report, V1).outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(action(report, V1).detail()).isEqualTo("re-check: in-use: lt-0a000000000000001 $Default");
            assertThat(imageIds(sandbox)).contains(V1);
        }
    }

    @Test
    void deletesASnapshotTwoExpiredAmisShare_afterTheSecond_andReportsIt() {
        String seed = seed(List.of(
                image(V1, "web-v1", "2026-01-01", "2026-06-01", "snap-0a000000000000001", SHARED),
                image(V2, "api-v1", "2026-01-01", "2026-06-01", "snap-0a000000000000002", SHARED)), "[]");
        try (SandboxHarness sandbox = ExpiryFixture.sandbox(Seed.parse(seed))) {
            Report report = ExpiryFixture.run(sandbox, policy(""), false);

            assertThat(report.actions()).extracting(ActionResult::resourceId, ActionResult::action, ActionResult::outcome)
                    .containsExactly(
                            Tuple.tuple(V1, ActionType.DEREGISTER, Outcome.DONE),
                            Tuple.tuple(V2, ActionType.DEREGISTER, Outcome.DONE),
                            Tuple.tuple(SHARED, ActionType.DELETE_SNAPSHOT, Outcome.DONE));
            assertThat(ExpiryFixture.snapshots(sandbox)).isEmpty();
            assertThat(imageIds(sandbox)).isEmpty();
        }
    }

    @Test
    void keepsTheSharedSnapshot_whenOneOfItsAmisIsKeptAtTheRecheck() {
        String seed = seed(List.of(
                image(V1, "web-v1", "2026-01-01", "2026-06-01", "snap-0a000000000000001", SHARED),
                image(V2, "api-v1", "2026-01-01", "2026-06-01", "snap-0a000000000000002", SHARED)), "[]");
        try (SandboxHarness sandbox = ExpiryFixture.sandbox(Seed.parse(seed))) {
            Report report = ExpiryFixture.runChanging(sandbox, policy(""),
                    () -> sandbox.clients().ec2(REGION).enableImageDeregistrationProtection(r -> r.imageId(V2)));

            assertThat(action(report, V2).outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(action(report, SHARED).outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(action(report, SHARED).detail()).isEqualTo("re-check: used-by: " + V2);
            assertThat(ExpiryFixture.snapshots(sandbox)).contains(SHARED);
        }
    }

    @Test
    void reportsTheSnapshotAKeptAmiShares_asKeptUsedBy() {
        String seed = seed(List.of(
                image(V1, "web-v1", "2026-01-01", "2026-06-01", "snap-0a000000000000001", SHARED),
                image(V2, "api-v1", "2026-01-01", null, "snap-0a000000000000002", SHARED)), "[]");
        try (SandboxHarness sandbox = ExpiryFixture.sandbox(Seed.parse(seed))) {
            Report report = ExpiryFixture.run(sandbox, policy(""), false);

            assertThat(action(report, V1).outcome()).isEqualTo(Outcome.DONE);
            assertThat(action(report, V1).detail()).isEqualTo("deregistered; snapshots deleted [snap-0a000000000000001]");
            assertThat(report.kept()).contains(new Kept(REGION, ResourceType.SNAPSHOT, SHARED, "used-by: " + V2,
                    "111122223333"));
            assertThat(ExpiryFixture.snapshots(sandbox)).contains(SHARED).doesNotContain("snap-0a000000000000001");
        }
    }

    private static Config policy(String extra) {
        return ExpiryFixture.policy(POLICY.formatted(extra));
    }

    private static List<String> imageIds(SandboxHarness sandbox) {
        return sandbox.state().regions().get(REGION).images().stream().map(i -> i.imageId()).toList();
    }

    private static String image(String id, String name, String created, String deleteOn, String... snapshots) {
        String devices = IntStream.range(0, snapshots.length).mapToObj(i -> "{\"deviceName\": \"/dev/sd" + (char) ('a' + i)
                + "\", \"snapshotId\": \"" + snapshots[i] + "\", \"volumeSize\": 8}").collect(Collectors.joining(", "));
        return """
                {"imageId": "%s", "name": "%s", "state": "available", "creationDate": "%sT00:00:00Z",
                 "ownerId": "111122223333", "tags": {%s}, "blockDeviceMappings": [%s]}"""
                .formatted(id, name, created, deleteOn == null ? "" : "\"DeleteOn\": \"" + deleteOn + "\"", devices);
    }

    private static String seed(List<String> images, String launchTemplates) {
        String snapshots = images.stream().flatMap(i -> Pattern.compile("snap-[0-9a-f]{17}").matcher(i)
                .results().map(m -> m.group())).distinct().map(id -> """
                {"snapshotId": "%s", "volumeId": "vol-ffffffffffffffff0", "volumeSize": 8,
                 "startTime": "2026-01-01T00:00:00Z", "description": "Created by CreateImage", "ownerId": "111122223333"}"""
                .formatted(id)).collect(Collectors.joining(", "));
        return """
                {"accountId": "111122223333", "now": "2026-11-01T00:00:00Z", "regions": {
                  "us-east-1": {"images": [%s], "snapshots": [%s], "launchTemplates": %s},
                  "eu-west-1": {"images": [], "snapshots": []}}}"""
                .formatted(String.join(", ", images), snapshots, launchTemplates);
    }
}
