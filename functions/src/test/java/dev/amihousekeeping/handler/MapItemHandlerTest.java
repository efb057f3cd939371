package dev.amihousekeeping.handler;

import static dev.amihousekeeping.run.AccountsFixture.HUB;
import static dev.amihousekeeping.run.AccountsFixture.MEMBER_A;
import static dev.amihousekeeping.run.AccountsFixture.MEMBER_B;
import static dev.amihousekeeping.run.AccountsFixture.SUSPENDED;
import static dev.amihousekeeping.run.AccountsFixture.expired;
import static dev.amihousekeeping.run.AccountsFixture.fresh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.run.AccountsFixture;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The organization deployment's map contract, through the real expiry handler against the several-account
 * sandbox: {@code {"listTargets": true}} answers the targets, and each {@code {"account", "region"}} item is a
 * scheduled run over that target alone.
 */
class MapItemHandlerTest {

    private static final String APPLY_POLICY = "{\"regions\": [\"us-east-1\", \"eu-west-1\"], \"dryRun\": false,"
            + " \"accounts\": {\"organization\": true, \"exclude\": [\"" + MEMBER_B + "\"]}}";

    private SandboxHarness sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private String invoke(String policy, String input) {
        return HandlerInvocation.expiry(sandbox, policy, input);
    }

    @Test
    void listTargets_answersEachActiveAccountTimesEachRegion_andTheSkippedAccounts() throws Exception {
        sandbox = SandboxHarness.start(AccountsFixture.seed());

        JsonNode answer = new ObjectMapper().readTree(invoke(APPLY_POLICY, "{\"listTargets\":true}"));

        assertThat(answer.toString()).isEqualTo("{\"targets\":["
                + "{\"account\":\"" + HUB + "\",\"region\":\"us-east-1\"},{\"account\":\"" + HUB + "\",\"region\":\"eu-west-1\"},"
                + "{\"account\":\"" + MEMBER_A + "\",\"region\":\"us-east-1\"},{\"account\":\"" + MEMBER_A + "\",\"region\":\"eu-west-1\"}],"
                + "\"skipped\":[{\"account\":\"" + SUSPENDED + "\",\"reason\":\"SUSPENDED\"}]}");
    }

    @Test
    void listTargets_withoutAccounts_isTheOwnAccountInEachRegion() throws Exception {
        sandbox = SandboxHarness.start(AccountsFixture.seed());

        String answer = invoke("{\"regions\": [\"us-east-1\"]}", "{\"listTargets\":true}");

        assertThat(answer).isEqualTo("{\"targets\":[{\"account\":\"" + HUB + "\",\"region\":\"us-east-1\"}],"
                + "\"skipped\":[]}");
    }

    @Test
    void item_runsTheFunctionOverThatOneTargetOnly_throughItsRole() throws Exception {
        sandbox = SandboxHarness.start(AccountsFixture.seed());

        Report report = ReportJson.read(invoke(APPLY_POLICY,
                "{\"account\":\"" + MEMBER_A + "\",\"region\":\"eu-west-1\"}"));

        assertThat(report.errors()).isEmpty();
        assertThat(report.accounts()).containsExactly(MEMBER_A);
        assertThat(report.regions()).containsExactly("eu-west-1");
        assertThat(report.actions()).filteredOn(a -> a.action() == ActionType.DEREGISTER)
                .extracting(ActionResult::account, ActionResult::resourceId, ActionResult::outcome)
                .containsExactly(tuple(MEMBER_A, expired(MEMBER_A, "eu-west-1"), Outcome.DONE));
        assertThat(imageIds(MEMBER_A, "eu-west-1")).containsExactly(fresh(MEMBER_A, "eu-west-1"));
        assertThat(imageIds(MEMBER_A, "us-east-1")).hasSize(2);
        assertThat(imageIds(HUB, "eu-west-1")).hasSize(2);
    }

    @Test
    void itemOutsideThePolicy_isABadEventReported_andNothingRuns() throws Exception {
        sandbox = SandboxHarness.start(AccountsFixture.seed());

        for (String item : List.of("{\"account\":\"" + MEMBER_B + "\",\"region\":\"eu-west-1\"}",
                "{\"account\":\"" + MEMBER_A + "\",\"region\":\"ap-south-1\"}",
                "{\"account\":\"" + MEMBER_A + "\",\"region\":\"eu-west-1\",\"dryRun\":false}")) {
            Report report = ReportJson.read(invoke(APPLY_POLICY, item));

            assertThat(report.actions()).as(item).isEmpty();
            assertThat(report.errors()).as(item).extracting(RegionError::code).containsExactly("InvalidEvent");
        }
        for (String account : List.of(HUB, MEMBER_A, MEMBER_B)) {
            assertThat(imageIds(account, "eu-west-1")).hasSize(2);
        }
    }

    @Test
    void item_sendsNoNotification_theMergeStepSendsTheRunsOne() throws Exception {
        sandbox = SandboxHarness.start(AccountsFixture.seed());
        ExpiryHandler handler = new ExpiryHandler(new Dependencies(ConfigLoader.fromEnvironment(APPLY_POLICY), null,
                "us-east-1", sandbox.housekeeping()));

        Report item = ReportJson.read(handle(handler, "{\"account\":\"" + MEMBER_A + "\",\"region\":\"eu-west-1\"}"));

        assertThat(item.count(Outcome.DONE)).as("news a run of its own would notify").isEqualTo(1);
        assertThat(sandbox.notifications()).isEmpty();

        // The sandbox has no S3: the merge cannot read the results, reports that, and says so once on the topic.
        Report merged = ReportJson.read(handle(handler,
                "{\"mergeResults\":{\"bucket\":\"results\",\"key\":\"expiry/3f1c/manifest.json\"}}"));

        assertThat(merged.errors()).singleElement().satisfies(e ->
                assertThat(e.message()).startsWith("results of the map run not merged (expiry/3f1c/manifest.json)"));
        assertThat(sandbox.notifications()).hasSize(1);
    }

    private static String handle(ExpiryHandler handler, String input) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        handler.handleRequest(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                out, null);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private List<String> imageIds(String account, String region) {
        return sandbox.images(account, region).stream().map(SeedImage::imageId).toList();
    }
}
