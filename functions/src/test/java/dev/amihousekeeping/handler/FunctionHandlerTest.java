package dev.amihousekeeping.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.TestActions;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.events.AttributeChanged;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.run.EventRoute;
import dev.amihousekeeping.run.FunctionRun;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.Notifier;
import dev.amihousekeeping.run.RunRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared Lambda path: bad config and bad events are reported and dropped, retryable failures throw. */
class FunctionHandlerTest {

    private static final String SCHEDULE = """
            {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event",
             "source":"aws.events","account":"111122223333","time":"2026-11-01T03:00:00Z","region":"us-east-1",
             "resources":["arn:aws:events:us-east-1:111122223333:rule/AmiHousekeeper-expiry-schedule"],"detail":{}}""";

    private static final String PUBLIC_SHARE_EVENT = """
            {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"AWS API Call via CloudTrail",
             "source":"aws.ec2","account":"111122223333","time":"2026-11-01T10:00:00Z","region":"us-east-1",
             "resources":[],"detail":{"eventVersion":"1.09","eventTime":"2026-11-01T10:00:00Z",
             "eventSource":"ec2.amazonaws.com","eventName":"ModifyImageAttribute","awsRegion":"us-east-1",
             "sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2.15.0",
             "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333"},
             "requestParameters":{"imageId":"ami-0a1b2c3d4e5f60007","attributeType":"launchPermission",
               "launchPermission":{"add":{"items":[{"group":"all"}]}}},
             "responseElements":{"_return":true},"requestID":"a1b2c3d4-0000-4000-8000-000000000001",
             "eventID":"e1b2c3d4-0000-4000-8000-000000000001","readOnly":false,"eventType":"AwsApiCall",
             "managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}}""";

    /** What the recording run stands for when its scheduled run is called: it receives no event. */
    private static final String SCHEDULED_RUN = "run";

    private final List<Object> received = new ArrayList<>();

    @Test
    void invalidConfig_isReportedAndNothingRuns() throws Exception {
        Handler handler = handler(Map.of("HOUSEKEEPING_CONFIG", "{\"dryRun\": \"no\"}", "AWS_REGION", "us-east-1"),
                Outcome.DONE);

        Report report = invoke(handler, SCHEDULE);

        assertThat(received).isEmpty();
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(FunctionHandler.INVALID_CONFIG);
            assertThat(e.message()).isEqualTo("dryRun: expected a boolean, got string \"no\"");
        });
    }

    @Test
    void malformedEvent_isReportedNotThrown_andReachesNoFunction() throws Exception {
        Handler handler = handler(validEnv(), Outcome.DONE);

        Report report = invoke(handler, "{\"detail-type\": 42");

        assertThat(received).isEmpty();
        assertThat(report.errors()).singleElement()
                .satisfies(e -> assertThat(e.code()).isEqualTo("InvalidEvent"));
    }

    @Test
    void ignoredEvent_saysWhyInTheReport() throws Exception {
        Handler handler = handler(validEnv(), Outcome.DONE);
        String failedCall = PUBLIC_SHARE_EVENT.replace("\"readOnly\":false",
                "\"readOnly\":false,\"errorCode\":\"Client.UnauthorizedOperation\"");

        Report report = invoke(handler, failedCall);

        assertThat(received).isEmpty();
        assertThat(report.errors()).isEmpty();
        assertThat(report.kept()).singleElement()
                .satisfies(k -> assertThat(k.reason()).startsWith("ignored: errorCode Client.UnauthorizedOperation"));
    }

    @Test
    void schedule_runsTheFunction_withThePolicysDryRun() throws Exception {
        Handler handler = handler(validEnv(), Outcome.PLANNED);

        Report report = invoke(handler, SCHEDULE);

        // A schedule reaches the function's run (which takes no event), not an event route.
        assertThat(received).singleElement().isEqualTo(SCHEDULED_RUN);
        assertThat(report.dryRun()).isTrue();
    }

    @Test
    void failedActionOnAnEvent_throwsAfterReporting_soLambdaRetries() {
        Handler handler = handler(validEnv(), Outcome.FAILED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> handler.handleRequest(stream(PUBLIC_SHARE_EVENT), out, null))
                .isInstanceOf(FunctionHandler.RunFailedException.class);
        assertThat(ReportJson.read(out.toString(StandardCharsets.UTF_8)).count(Outcome.FAILED)).isEqualTo(1);
    }

    @Test
    void failedActionOnASchedule_isReportedWithoutThrowing() throws Exception {
        Report report = invoke(handler(validEnv(), Outcome.FAILED), SCHEDULE);

        assertThat(report.hasFailures()).isTrue();
    }

    @Test
    void failingNotifier_neverFailsAScheduledRun_andSaysSoInTheLog() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Report report;
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            report = invoke(handler(Outcome.FAILED, failing()), SCHEDULE);
        } finally {
            System.setOut(original);
        }

        assertThat(report.count(Outcome.FAILED)).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"level\":\"WARN\",\"message\":\"notification not "
                + "sent\",\"function\":\"cross-region-copy\",\"error\":\"IllegalStateException\"");
    }

    @Test
    void failingNotifier_stillLeavesARetryableEventFailureToLambdasRetries() {
        Handler handler = handler(Outcome.FAILED, failing(), "public-share");

        assertThatThrownBy(() -> invoke(handler, PUBLIC_SHARE_EVENT))
                .isInstanceOf(FunctionHandler.RunFailedException.class);
    }

    private static Map<String, String> validEnv() {
        return Map.of("HOUSEKEEPING_CONFIG", "{\"regions\":[\"us-east-1\"]}", "AWS_REGION", "us-east-1");
    }

    private Handler handler(Map<String, String> env, Outcome outcome) {
        return new Handler(Dependencies.from(env, ClientSettings.defaults().withStaticCredentials("x", "x")),
                new RecordingRun(received, outcome, "public-share"));
    }

    /** A {@code cross-region-copy} whose run summary goes to {@code notifier}. */
    private Handler handler(Outcome outcome, Notifier notifier) {
        return handler(outcome, notifier, "cross-region-copy");
    }

    /** The function {@code name} whose run summary goes to {@code notifier}. */
    private Handler handler(Outcome outcome, Notifier notifier, String name) {
        Dependencies wired = Dependencies.from(validEnv(), ClientSettings.defaults().withStaticCredentials("x", "x"));
        Housekeeping h = wired.housekeeping();
        return new Handler(new Dependencies(wired.config(), null, wired.homeRegion(),
                new Housekeeping(h.gateway(), h.executor(), notifier, h.clock())),
                new RecordingRun(received, outcome, name));
    }

    private static Notifier failing() {
        return (subject, body) -> {
            throw new IllegalStateException("the topic is gone");
        };
    }

    private static Report invoke(Handler handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(stream(event), out, null);
        return ReportJson.read(out.toString(StandardCharsets.UTF_8));
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Handler extends FunctionHandler {
        Handler(Dependencies dependencies, FunctionRun run) {
            super(dependencies, housekeeping -> run);
        }
    }

    /** A function that records what reached it and reports one action with the given outcome. */
    private record RecordingRun(List<Object> received, Outcome outcome, String name) implements FunctionRun {

        @Override
        public Report run(RunRequest request) {
            received.add(SCHEDULED_RUN);
            return report(request);
        }

        @Override
        public List<EventRoute<?>> routes() {
            return List.of(EventRoute.of(AttributeChanged.class, (event, request) -> {
                received.add(event);
                return report(request);
            }));
        }

        private Report report(RunRequest request) {
            Action action = TestActions.of("us-east-1", ResourceType.IMAGE, "ami-0a1b2c3d4e5f60007",
                    ActionType.REMOVE_GRANT, "public: group=all");
            return new Report(name(), request.dryRun(), request.now(), request.regions(),
                    List.of(ActionResult.of(action, outcome, null)), List.of(), List.of(), 0);
        }
    }
}
