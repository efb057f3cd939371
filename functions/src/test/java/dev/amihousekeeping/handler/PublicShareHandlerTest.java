package dev.amihousekeeping.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.run.EventDispatcher;
import dev.amihousekeeping.testing.SandboxHarness;
import dev.amihousekeeping.testing.TestResources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    static final SandboxHarness sandbox = SandboxHarness.start(SEED).freshEachTest();

    private final RecordingNotifier topic = new RecordingNotifier();

    private PublicShareHandler handler(String config) {
        return new PublicShareHandler(topic.wiredInto(Dependencies.from(
                Map.of("HOUSEKEEPING_CONFIG", config, "AWS_REGION", "us-east-1"), sandbox.settings())));
    }

    private static Report invoke(PublicShareHandler handler, String event) throws IOException {
        return Invocations.report(handler, event);
    }

    private static String sample(String name) {
        return TestResources.sampleEvent(name);
    }

    private static boolean isPublic() throws Exception {
        return sandbox.imageGrants("us-east-1", AMI).stream()
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
        sandbox.fault("{\"action\": \"ModifyImageAttribute\", \"error\": \"RequestLimitExceeded\"}");
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
        sandbox.fault("{\"action\": \"DescribeImageAttribute\", \"error\": \"InternalError\"}");

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
}
