package dev.amihousekeeping.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Which regions' events the synthesized rules take: the configured ones, the home region only when it is one of
 * them, so no function is invoked for a region its role may not act in. Schedules carry no region and stay as they are.
 */
class RuleRegionsTest {
    private static final Map<String, Object> ELSEWHERE = Map.of("housekeeping", Map.of("regions", List.of("eu-west-1")));

    @Test
    void homeRegionNotConfigured_homeRulesTakeOnlyTheConfiguredRegion_andItsForwarderExists() {
        HousekeeperApp.Stacks stacks = AppFixture.synth(ELSEWHERE);
        assertThat(stacks.home().getRegion()).isEqualTo("us-east-1");
        assertEveryEventRuleTakes(stacks.home(), List.of("eu-west-1"));

        assertThat(stacks.forwarders()).singleElement().satisfies(forwarder -> {
            assertThat(forwarder.getStackName()).isEqualTo("AmiHousekeeper-Forwarder-eu-west-1");
            assertThat(forwarder.getRegion()).isEqualTo("eu-west-1");
            assertEveryEventRuleTakes(forwarder, List.of("eu-west-1"));
        });
    }

    @Test
    void noRegionsConfigured_homeRulesTakeTheHomeRegion() {
        HousekeeperApp.Stacks stacks = AppFixture.synth(Map.of());
        assertEveryEventRuleTakes(stacks.home(), List.of("us-east-1"));
        assertThat(stacks.forwarders()).isEmpty();
    }

    @Test
    void regionAgnosticHomeStack_rulesTakeTheRegionItIsDeployedTo() {
        App app = AppFixture.app(Map.of());
        DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode(),
                Map.of("CDK_DEFAULT_ACCOUNT", "111122223333"), AppFixture.REPO_ROOT);
        assertThat(settings.homeRegion()).isNull();
        HousekeeperStack home = HousekeeperApp.build(app, settings).home();
        assertEveryEventRuleTakes(home, List.of(Map.of("Ref", "AWS::Region")));
    }

    @Test
    void scheduleRules_areTheSameWhicheverRegionsAreConfigured() {
        List<JsonNode> elsewhere = scheduleRules(AppFixture.synth(ELSEWHERE).home());
        assertThat(elsewhere).hasSize(4).allSatisfy(rule -> {
            assertThat(rule.has("EventPattern")).isFalse();
            assertThat(rule.path("ScheduleExpression").asText()).isNotBlank();
        });
        assertThat(elsewhere).isEqualTo(scheduleRules(AppFixture.synth(Map.of()).home()));
    }

    @Test
    void patterns_refuseAnEmptyRegionList_whichWouldMatchEveryRegion() {
        assertThatThrownBy(() -> HousekeeperEventPatterns.all(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one region");
        assertThat(HousekeeperEventPatterns.all(List.of("eu-west-1", "eu-west-1")).values())
                .hasSize(3).allSatisfy(p -> assertThat(p.getRegion()).containsExactly("eu-west-1"));
    }

    /** All three event rules of {@code stack}, and nothing else, carry exactly {@code regions}. */
    private static void assertEveryEventRuleTakes(Stack stack, List<?> regions) {
        Template template = Template.fromStack(stack);
        template.resourcePropertiesCountIs("AWS::Events::Rule",
                Match.objectLike(Map.of("EventPattern", Match.objectLike(Map.of("region", Match.exact(regions))))), 3);
        template.resourcePropertiesCountIs("AWS::Events::Rule",
                Match.objectLike(Map.of("EventPattern", Match.anyValue())), 3);
    }

    private static List<JsonNode> scheduleRules(HousekeeperStack home) {
        return AppFixture.resources(AppFixture.template(home), "AWS::Events::Rule").stream()
                .map(r -> r.path("Properties"))
                .filter(p -> !p.has("EventPattern"))
                .toList();
    }
}
