package dev.amihousekeeping.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.run.EventDispatcher;
import dev.amihousekeeping.sandbox.Sandbox;
import dev.amihousekeeping.sandbox.Seed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Lambda entry point, wired as in Lambda but against the sandbox: what it returns and when it throws. */
class PublicShareHandlerTest {

    private static final String AMI = "ami-0a1b2c3d4e5f60718";
    private static final String SEED = """
            {"accountId": "111122223333", "regions": {"us-east-1": {"images": [
              {"imageId": "%s", "name": "web", "creationDate": "2026-10-01T00:00:00Z", "public": true,
               "launchPermissions": [{"userId": "444455556666"}]}]}}}""".formatted(AMI);
    private static final String REMEDIATE = """
            {"regions": ["us-east-1"], "dryRun": false,
             "publicShare": {"allowedAccountIds": ["444455556666"]}}""";

    private static Sandbox sandbox;
    private static Ec2Clients clients;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(0, Seed.empty());
        clients = new Ec2Clients(settings());
    }

    @AfterAll
    static void stopSandbox() {
        clients.close();
        sandbox.close();
    }

    @BeforeEach
    void seed() {
        sandbox.load(Seed.parse(SEED));
        control("DELETE", "/_sandbox/faults", null);
    }

    private static ClientSettings settings() {
        return ClientSettings.defaults().withEndpoint(sandbox.endpoint()).withStaticCredentials("x", "x")
                .withBaseDelay(Duration.ofMillis(5));
    }

    private final RecordingNotifier topic = new RecordingNotifier();

    private PublicShareHandler handler(String config) {
        return new PublicShareHandler(topic.wiredInto(Dependencies.from(
                Map.of("HOUSEKEEPING_CONFIG", config, "AWS_REGION", "us-east-1"), settings())));
    }

    private static Report invoke(PublicShareHandler handler, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return ReportJson.read(out.toString(StandardCharsets.UTF_8));
    }

    private static String sample(String name) {
        try (InputStream in = PublicShareHandlerTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isPublic() throws Exception {
        return new Ec2Gateway(clients, Clock.systemUTC()).launchPermissions("us-east-1", AMI).stream()
                .anyMatch(LaunchPermission::isPublic);
    }

    @Test
    void removesThePublicGrant_andReturnsTheReport() throws Exception {
        Report report = invoke(handler(REMEDIATE), sample("modify-image-attribute-public.json"));

        assertThat(report.function()).isEqualTo("public-share");
        assertThat(report.dryRun()).isFalse();
        assertThat(report.actions()).extracting(ActionResult::outcome).containsExactly(Outcome.DONE);
        assertThat(isPublic()).isFalse();
    }

    @Test
    void event_sendsItsAlert_butNoRunSummary() throws Exception {
        invoke(handler(REMEDIATE), sample("modify-image-attribute-public.json"));

        assertThat(topic.sent).singleElement().satisfies(alert -> assertThat(alert.subject())
                .isEqualTo("AMI Housekeeper: Public AMI " + AMI + " in us-east-1: grants removed"));
    }

    @Test
    void changesNothing_whenThePolicyIsDryRun() throws Exception {
        Report report = invoke(handler(REMEDIATE.replace("\"dryRun\": false", "\"dryRun\": true")),
                sample("modify-image-attribute-public.json"));

        assertThat(report.actions()).extracting(ActionResult::outcome).containsExactly(Outcome.PLANNED);
        assertThat(isPublic()).isTrue();
    }

    @Test
    void reportsAMalformedEvent_withoutThrowing_soItIsNotRetried() throws Exception {
        Report report = invoke(handler(REMEDIATE), "{\"detail-type\": \"AWS API Call via CloudTrail\", "
                + "\"source\": \"aws.ec2\", \"detail\": {\"eventSource\": \"ec2.amazonaws.com\"}}");

        assertThat(report.errors()).extracting(RegionError::code).containsExactly(EventDispatcher.INVALID_EVENT);
        assertThat(isPublic()).isTrue();
    }

    @Test
    void returnsAnIgnoredEvent_withoutThrowing() throws Exception {
        Report report = invoke(handler(REMEDIATE), sample("modify-image-attribute-unauthorized.json"));

        assertThat(report.hasFailures()).isFalse();
        assertThat(report.kept()).singleElement().satisfies(kept -> assertThat(kept.reason())
                .isEqualTo("ignored: errorCode Client.UnauthorizedOperation: the call failed, nothing changed"));
    }

    @Test
    void logsTheReason_whenItDropsAnEvent() throws Exception {
        PublicShareHandler handler = handler(REMEDIATE);
        PrintStream original = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            invoke(handler, sample("modify-image-attribute-remove-only.json"));
        } finally {
            System.setOut(original);
        }

        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"message\":\"event ignored\"")
                .contains("\"function\":\"public-share\"")
                .contains("\"reason\":\"ModifyImageAttribute only removes grants\"");
    }

    @Test
    void throwsAfterReporting_whenTheRemovalFailed_soLambdaRetriesTheEvent() {
        control("POST", "/_sandbox/faults", "{\"action\": \"ModifyImageAttribute\", \"error\": \"RequestLimitExceeded\"}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> handler(REMEDIATE).handleRequest(new ByteArrayInputStream(
                sample("modify-image-attribute-public.json").getBytes(StandardCharsets.UTF_8)), out, null))
                .isInstanceOf(FunctionHandler.RunFailedException.class)
                .hasMessageContaining("public-share: 1 actions failed");
        assertThat(ReportJson.read(out.toString(StandardCharsets.UTF_8)).actions())
                .extracting(ActionResult::outcome).containsExactly(Outcome.FAILED);
    }

    @Test
    void throwsAfterReporting_whenTheGrantsCannotBeRead_soLambdaRetriesTheEvent() {
        control("POST", "/_sandbox/faults", "{\"action\": \"DescribeImageAttribute\", \"error\": \"InternalError\"}");

        assertThatThrownBy(() -> invoke(handler(REMEDIATE), sample("modify-image-attribute-public.json")))
                .isInstanceOf(FunctionHandler.RunFailedException.class);
        assertThat(topic.summaries("public-share")).singleElement().satisfies(notice -> assertThat(notice.body())
                .contains("InternalError"));
    }

    @Test
    void reportsAnInvalidPolicy_onEveryInvocation_withoutThrowing() throws Exception {
        Report report = invoke(handler("{\"publicShare\": {\"mode\": \"delete-everything\"}}"),
                sample("modify-image-attribute-public.json"));

        assertThat(report.errors()).extracting(RegionError::code).containsExactly(FunctionHandler.INVALID_CONFIG);
        assertThat(isPublic()).isTrue();
    }

    private static void control(String method, String path, String body) {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(sandbox.endpoint().resolve(path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
