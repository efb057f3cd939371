package dev.amihousekeeping.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.RunLog;
import dev.amihousekeeping.sandbox.Sandbox;
import dev.amihousekeeping.sandbox.Seed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deployed {@code orphan-snapshots} function: its schedule's event (as the rule delivers it) in, the Report JSON
 * out, over a sandbox seeded with {@code orphans/tricky-seed.json}. The policy's {@code dryRun} is the switch.
 */
class OrphanSnapshotsHandlerTest {

    private static final String SCHEDULE = "schedule-orphan-snapshots.json";

    private final Sandbox sandbox = Sandbox.start(0, seed());
    private final RecordingNotifier topic = new RecordingNotifier();
    private final Ec2Clients clients = new Ec2Clients(ClientSettings.defaults().withEndpoint(sandbox.endpoint())
            .withStaticCredentials("x", "x").withBaseDelay(Duration.ofMillis(5)));

    @AfterEach
    void close() {
        clients.close();
        sandbox.close();
    }

    private static byte[] resource(String path) {
        try (InputStream in = OrphanSnapshotsHandlerTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Seed seed() {
        return Seed.parse(new String(resource("/orphans/tricky-seed.json"), StandardCharsets.UTF_8));
    }

    /** Wired as {@link Dependencies#from} does, but on the fixture's clock so that snapshot ages are fixed. */
    private OrphanSnapshotsHandler handler(String policy) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
        Housekeeping housekeeping = Housekeeping.create(clients, clock, RunLog.silent(), topic);
        return new OrphanSnapshotsHandler(new Dependencies(ConfigLoader.fromEnvironment(policy), null, "us-east-1",
                housekeeping));
    }

    private static Report invoke(OrphanSnapshotsHandler handler, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(resource("/events/" + event)), out, null);
        return ReportJson.read(out.toString(StandardCharsets.UTF_8));
    }

    private void fault(String json) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(sandbox.endpoint() + "/_sandbox/faults")).POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void schedule_deletesTheOrphans_whenThePolicyIsNotDryRun() throws IOException {
        Report report = invoke(handler("{\"regions\":[\"us-east-1\",\"eu-west-1\"],\"dryRun\":false}"), SCHEDULE);

        assertThat(report.function()).isEqualTo("orphan-snapshots");
        assertThat(report.dryRun()).isFalse();
        assertThat(report.actions()).hasSize(6).allMatch(a -> a.outcome() == Outcome.DONE);
        assertThat(sandbox.state().regions().get("eu-west-1").snapshots())
                .noneMatch(s -> s.snapshotId().equals("snap-0e1d2c3b4a5f60202"));
        assertThat(report.kept()).extracting(Kept::resourceId).contains("snap-0e1d2c3b4a5f60021");
    }

    @Test
    void invariant1_schedule_changesNothing_underTheDefaultDryRunPolicy() throws IOException {
        Seed before = sandbox.state();

        Report report = invoke(handler("{}"), SCHEDULE);

        assertThat(sandbox.state()).isEqualTo(before);
        assertThat(report.dryRun()).isTrue();
        assertThat(report.regions()).containsExactly("us-east-1");
        assertThat(report.actions()).extracting(ActionResult::outcome).hasSize(5).containsOnly(Outcome.PLANNED);
    }

    @Test
    void otherEvents_areReportedAsIgnored_andChangeNothing() throws IOException {
        Seed before = sandbox.state();

        Report report = invoke(handler("{\"dryRun\":false}"), "modify-image-attribute-public.json");

        assertThat(sandbox.state()).isEqualTo(before);
        assertThat(report.actions()).isEmpty();
        assertThat(report.kept()).singleElement().extracting(Kept::reason).asString().startsWith("ignored: ");
    }

    @Test
    void scheduledRun_withAnUnreadableRegion_reportsIt_withoutThrowing() throws IOException {
        fault("{\"action\":\"DescribeSnapshots\",\"error\":\"UnauthorizedOperation\"}");

        Report report = invoke(handler("{\"regions\":[\"us-east-1\"],\"dryRun\":false}"), SCHEDULE);

        assertThat(report.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("UnauthorizedOperation"));
        assertThat(report.hasFailures()).isTrue();
        assertThat(topic.sent).singleElement().satisfies(notice -> {
            assertThat(notice.subject()).isEqualTo("AMI Housekeeper orphan-snapshots (applied): 0 failed, 1 error");
            assertThat(notice.body()).contains("  - us-east-1 UnauthorizedOperation: DescribeSnapshots: ");
        });
    }

    @Test
    void invariant5_planOverTheCap_deletesNothing_andSendsOneNoticeCarryingMaxActionsExceeded() throws IOException {
        Seed before = sandbox.state();

        invoke(handler("{\"regions\":[\"us-east-1\",\"eu-west-1\"],\"dryRun\":false,\"maxActionsPerRun\":5}"),
                SCHEDULE);

        assertThat(sandbox.state()).isEqualTo(before);
        assertThat(topic.sent).singleElement().satisfies(notice -> {
            assertThat(notice.subject()).isEqualTo(
                    "AMI Housekeeper orphan-snapshots (applied): 6 actions over maxActionsPerRun, nothing applied");
            assertThat(notice.body()).contains("Errors (1):\n  - MaxActionsExceeded: the plan has 6 actions, "
                    + "more than maxActionsPerRun 5: nothing was applied\n");
        });
    }

    @Test
    void schedule_sendsOneNotice_listingTheDeletedSnapshots() throws IOException {
        invoke(handler("{\"regions\":[\"us-east-1\",\"eu-west-1\"],\"dryRun\":false}"), SCHEDULE);

        assertThat(topic.sent).singleElement().satisfies(notice -> {
            assertThat(notice.subject()).isEqualTo("AMI Housekeeper orphan-snapshots (applied): 6 done, 0 failed");
            assertThat(notice.body()).contains("  - eu-west-1 snap-0e1d2c3b4a5f60202: delete-snapshot done; reason: ");
        });
    }
}
