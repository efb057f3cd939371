package dev.amihousekeeping.infra;

import static dev.amihousekeeping.run.AccountsFixture.HUB;
import static dev.amihousekeeping.run.AccountsFixture.MEMBER_A;
import static dev.amihousekeeping.run.AccountsFixture.MEMBER_B;
import static dev.amihousekeeping.run.AccountsFixture.expired;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.events.EventParser;
import dev.amihousekeeping.events.MergeResults;
import dev.amihousekeeping.handler.HandlerInvocation;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.run.AccountsFixture;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The state machine and the function agree (DESIGN §9, issue 16 "Proof without AWS"): what the synthesized expiry
 * state machine sends ({@code ListTargets}' payload; the map's {@code ItemSelector} applied to a listed target) is fed,
 * with the policy the synthesized function gets in its environment, to the real {@code ExpiryHandler} against a
 * several-account sandbox, and the answers are what the next state and the report need.
 */
class MapItemContractTest {
    private static JsonNode definition;
    private static String policy;
    private static SandboxHarness sandbox;

    @BeforeAll
    static void synth() {
        Map<String, Object> context = new HashMap<>(OrganizationStackTest.ORGANIZATION);
        context.put("housekeeping", Map.of("regions", AccountsFixture.REGIONS,
                "accounts", Map.of("organization", true, "exclude", List.of(MEMBER_B))));
        HousekeeperApp.Stacks stacks = AppFixture.synth(context);
        JsonNode template = AppFixture.template(stacks.home());
        HousekeepingFunction expiry = stacks.home().functions().get("expiry");
        definition = OrganizationStackTest.definition(template.path("Resources")
                .path(AppFixture.logicalId(expiry.organizationRuns().get(0).stateMachine()))
                .path("Properties").path("DefinitionString"));
        policy = template.path("Resources").path(AppFixture.logicalId(expiry.function())).path("Properties")
                .path("Environment").path("Variables").path(ConfigLoader.ENVIRONMENT_VARIABLE).asText();
        sandbox = SandboxHarness.start(AccountsFixture.seed());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void listTargetsPayload_isAnsweredWithWhatTheResultSelectorAndTheMapRead() throws Exception {
        JsonNode list = definition.path("States").path("ListTargets");
        JsonNode answer = AppFixture.JSON.readTree(HandlerInvocation.expiry(sandbox, policy,
                list.path("Parameters").toString()));

        // The ResultSelector keeps $.targets and $.skipped; the map iterates $.targets.
        list.path("ResultSelector").forEach(path -> assertThat(answer.has(path.asText().substring(2)))
                .as(path.asText()).isTrue());
        assertThat(definition.path("States").path("EachTarget").path("ItemsPath").asText()).isEqualTo("$.targets");
        List<String> targets = new ArrayList<>();
        answer.path("targets").forEach(t -> targets.add(t.path("account").asText() + " " + t.path("region").asText()));
        assertThat(targets).containsExactly(HUB + " us-east-1", HUB + " eu-west-1", MEMBER_A + " us-east-1",
                MEMBER_A + " eu-west-1");
    }

    @Test
    void mergePayload_ofTheMapsOutput_isTheMergeRequestTheFunctionReads() throws Exception {
        // What a Distributed Map with a result writer outputs (Step Functions developer guide, ResultWriter).
        JsonNode mapOutput = AppFixture.JSON.readTree("{\"MapRunArn\":\"arn:aws:states:us-east-1:111122223333:mapRun:"
                + "x/EachTarget:3f1c\",\"ResultWriterDetails\":{\"Bucket\":\"amihousekeeper-runresults\","
                + "\"Key\":\"expiry/3f1c/manifest.json\"}}");
        JsonNode parameters = definition.path("States").path("MergeResults").path("Parameters");

        JsonNode payload = StatePaths.apply(parameters, mapOutput);

        assertThat(payload.toString()).isEqualTo("{\"mergeResults\":{\"bucket\":\"amihousekeeper-runresults\","
                + "\"key\":\"expiry/3f1c/manifest.json\"}}");
        assertThat(EventParser.parse(payload.toString()))
                .isEqualTo(new MergeResults("amihousekeeper-runresults", "expiry/3f1c/manifest.json"));
    }

    @Test
    void eachListedTarget_throughTheItemSelector_runsThatAccountAndRegionOnly() throws Exception {
        JsonNode answer = AppFixture.JSON.readTree(HandlerInvocation.expiry(sandbox, policy,
                definition.path("States").path("ListTargets").path("Parameters").toString()));
        for (JsonNode target : answer.path("targets")) {
            String account = target.path("account").asText();
            String region = target.path("region").asText();
            JsonNode item = DistributedMapItem.of(definition, target);

            Report report = ReportJson.read(HandlerInvocation.expiry(sandbox, policy, item.toString()));

            assertThat(report.errors()).as(item.toString()).isEmpty();
            assertThat(report.accounts()).as(item.toString()).containsExactly(account);
            assertThat(report.regions()).as(item.toString()).containsExactly(region);
            assertThat(report.actions()).as(item.toString()).isNotEmpty()
                    .allSatisfy(a -> assertThat(List.of(a.account(), a.region())).containsExactly(account, region));
            assertThat(report.actions()).filteredOn(a -> a.action() == ActionType.DEREGISTER)
                    .extracting(ActionResult::resourceId).containsExactly(expired(account, region));
            assertThat(report.kept()).extracting(Kept::account).containsOnly(account);
        }
    }
}
