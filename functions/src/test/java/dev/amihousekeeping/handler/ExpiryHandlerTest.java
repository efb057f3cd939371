package dev.amihousekeeping.handler;

import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedBlockDevice;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.sandbox.SeedInstance;
import dev.amihousekeeping.sandbox.SeedRegion;
import dev.amihousekeeping.sandbox.SeedSnapshot;
import dev.amihousekeeping.testing.SandboxHarness;
import dev.amihousekeeping.testing.TestResources;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The expiry Lambda handler with the EventBridge schedule's event, wired by {@link Dependencies} as in Lambda
 * (policy from {@code HOUSEKEEPING_CONFIG}, region from {@code AWS_REGION}) but against a sandbox. The handler
 * runs on the machine's clock, so the fixture's dates lie years back.
 */
class ExpiryHandlerTest {

    private static final String DEPRECATED_LONG_AGO = "ami-0c0000000000000a1";
    private static final String NOT_YET_DEPRECATED = "ami-0c0000000000000a2";
    private static final String IN_USE = "ami-0c0000000000000a3";
    private static final String NEWEST = "ami-0c0000000000000a4";

    private static Seed seed() {
        return Seed.empty().withRegion(REGION, new SeedRegion(
                List.of(image(DEPRECATED_LONG_AGO, "app-2020-01-01", "2020-07-01T00:00:00Z"),
                        image(NOT_YET_DEPRECATED, "app-2020-02-01", null),
                        image(IN_USE, "app-2020-03-01", "2020-07-01T00:00:00Z"),
                        image(NEWEST, "app-2020-04-01", null)),
                List.of(snapshot(DEPRECATED_LONG_AGO), snapshot(NOT_YET_DEPRECATED), snapshot(IN_USE),
                        snapshot(NEWEST)),
                List.of(SeedInstance.of("i-0c0000000000000a3", IN_USE, "stopped")),
                null, null, null, null, null));
    }

    private static SeedImage image(String id, String name, String deprecated) {
        SeedImage plain = SeedImage.of(id, name, Instant.parse(name.substring(4) + "T00:00:00Z"),
                List.of(new SeedBlockDevice("/dev/xvda", snapshotId(id), 8, null, null, null)));
        return new SeedImage(plain.imageId(), plain.name(), null, plain.creationDate(), null, null, null,
                NEWEST.equals(id) ? Map.of() : Map.of("DeleteOn", "2020-06-01"),
                deprecated == null ? null : Instant.parse(deprecated), null, null, null, null,
                plain.blockDeviceMappings(), null, null, null, null);
    }

    private static SeedSnapshot snapshot(String imageId) {
        return SeedSnapshot.of(snapshotId(imageId), "vol-" + imageId.substring(4), 8,
                Instant.parse("2020-01-01T00:00:00Z"), "Created by CreateImage(i-0c0000000000000ff) for " + imageId);
    }

    private static String snapshotId(String imageId) {
        return "snap-" + imageId.substring(4);
    }

    private final RecordingNotifier topic = new RecordingNotifier();

    private Report invoke(SandboxHarness sandbox, String policy, String event) throws IOException {
        Dependencies dependencies = Dependencies.from(
                Map.of(ConfigLoader.ENVIRONMENT_VARIABLE, policy, "AWS_REGION", REGION),
                sandbox.settings());
        return Invocations.report(new ExpiryHandler(topic.wiredInto(dependencies)), TestResources.sampleEvent(event));
    }

    private static ActionResult action(Report report, String imageId) {
        return report.actions().stream().filter(a -> a.resourceId().equals(imageId)).findFirst().orElseThrow();
    }

    @Test
    void scheduledEvent_deprecatesAndDeregisters_whenThePolicyIsLive() throws IOException {
        try (SandboxHarness sandbox = SandboxHarness.start(seed())) {
            Report report = invoke(sandbox, "{\"dryRun\": false, \"expiry\": {\"keepLatest\": 1}}",
                    "scheduled-expiry.json");

            assertThat(report.function()).isEqualTo("expiry");
            assertThat(report.dryRun()).isFalse();
            assertThat(report.regions()).containsExactly(REGION);
            assertThat(action(report, DEPRECATED_LONG_AGO).action()).isEqualTo(ActionType.DEREGISTER);
            assertThat(action(report, DEPRECATED_LONG_AGO).outcome()).isEqualTo(Outcome.DONE);
            assertThat(action(report, NOT_YET_DEPRECATED).action()).isEqualTo(ActionType.DEPRECATE);
            assertThat(action(report, NOT_YET_DEPRECATED).outcome()).isEqualTo(Outcome.DONE);
            assertThat(report.kept()).anySatisfy(k -> {
                assertThat(k.resourceId()).isEqualTo(IN_USE);
                assertThat(k.reason()).isEqualTo("in-use: i-0c0000000000000a3");
            });
            assertThat(report.kept()).anySatisfy(k -> {
                assertThat(k.resourceId()).isEqualTo(NEWEST);
                assertThat(k.reason()).startsWith("not-expired");
            });
            SeedRegion after = sandbox.state().regions().get(REGION);
            assertThat(after.images()).extracting(SeedImage::imageId)
                    .containsExactlyInAnyOrder(NOT_YET_DEPRECATED, IN_USE, NEWEST);
            assertThat(after.snapshots()).extracting(SeedSnapshot::snapshotId)
                    .doesNotContain(snapshotId(DEPRECATED_LONG_AGO)).hasSize(3);
        }
    }

    @Test
    void scheduledEvent_onlyPlans_whenThePolicyKeepsItsDefaultDryRun() throws IOException {
        try (SandboxHarness sandbox = SandboxHarness.start(seed())) {
            String before = sandbox.state().toJson();

            Report report = invoke(sandbox, "{\"expiry\": {\"keepLatest\": 1}}", "scheduled-expiry.json");

            assertThat(report.dryRun()).isTrue();
            assertThat(report.actions()).hasSize(2).allMatch(a -> a.outcome() == Outcome.PLANNED);
            assertThat(sandbox.state().toJson()).isEqualTo(before);
        }
    }

    @Test
    void scheduledDryRun_sendsOneNotice_listingThePlannedActions() throws IOException {
        try (SandboxHarness sandbox = SandboxHarness.start(seed())) {
            invoke(sandbox, "{\"expiry\": {\"keepLatest\": 1}}", "scheduled-expiry.json");

            assertThat(topic.sent).singleElement().satisfies(notice -> {
                assertThat(notice.subject()).isEqualTo("AMI Housekeeper expiry (dry run): 2 planned, 0 failed");
                assertThat(notice.body()).contains("Mode: dry run, nothing was changed\n")
                        .contains("  - us-east-1 " + DEPRECATED_LONG_AGO + ": deregister planned; reason: ")
                        .contains("  - us-east-1 " + NOT_YET_DEPRECATED + ": deprecate planned; reason: ");
            });
        }
    }

    @Test
    void invariant5_planOverTheCap_appliesNothing_andSendsOneNoticeCarryingMaxActionsExceeded() throws IOException {
        try (SandboxHarness sandbox = SandboxHarness.start(seed())) {
            String before = sandbox.state().toJson();

            invoke(sandbox, "{\"dryRun\": false, \"maxActionsPerRun\": 1, \"expiry\": {\"keepLatest\": 1}}",
                    "scheduled-expiry.json");

            assertThat(sandbox.state().toJson()).isEqualTo(before);
            assertThat(topic.sent).singleElement().satisfies(notice -> {
                assertThat(notice.subject()).isEqualTo(
                        "AMI Housekeeper expiry (applied): 2 actions over maxActionsPerRun, nothing applied");
                assertThat(notice.body()).contains("Nothing was applied: ")
                        .contains("  - MaxActionsExceeded: the plan has 2 actions, more than maxActionsPerRun 1");
            });
        }
    }

    @Test
    void scheduledRun_withNothingToDo_sendsNoNotice() throws IOException {
        Seed unexpired = Seed.empty().withRegion(REGION, new SeedRegion(
                List.of(image(NEWEST, "app-2020-04-01", null)), List.of(snapshot(NEWEST)), List.of(),
                null, null, null, null, null));
        try (SandboxHarness sandbox = SandboxHarness.start(unexpired)) {
            Report report = invoke(sandbox, "{\"dryRun\": false}", "scheduled-expiry.json");

            assertThat(report.actions()).isEmpty();
            assertThat(report.kept()).isNotEmpty();
            assertThat(topic.sent).isEmpty();
        }
    }

    @Test
    void otherEvents_areReportedAsIgnored_andChangeNothing() throws IOException {
        try (SandboxHarness sandbox = SandboxHarness.start(seed())) {
            String before = sandbox.state().toJson();

            Report report = invoke(sandbox, "{\"dryRun\": false}", "create-image.json");

            assertThat(report.actions()).isEmpty();
            assertThat(report.kept()).singleElement().satisfies(k -> assertThat(k.reason()).startsWith("ignored: "));
            assertThat(sandbox.state().toJson()).isEqualTo(before);
        }
    }
}
