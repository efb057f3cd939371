package dev.amihousekeeping.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.event.ruler.Machine;

/** A policy over three regions: the home stack in us-east-1 and a forwarder in each of the other two. */
class RegionalForwarderStackTest {
    private static HousekeeperApp.Stacks stacks;

    @BeforeAll
    static void synth() {
        stacks = AppFixture.synth(Map.of("housekeeping",
                Map.of("regions", List.of("us-east-1", "eu-west-1", "ap-southeast-2"))));
    }

    @Test
    void threeRegions_giveTheHomeStackAndTwoForwarders() {
        assertThat(stacks.home().getRegion()).isEqualTo("us-east-1");
        assertThat(stacks.forwarders()).extracting(s -> s.getStackName() + "@" + s.getRegion()).containsExactly(
                "AmiHousekeeper-Forwarder-eu-west-1@eu-west-1",
                "AmiHousekeeper-Forwarder-ap-southeast-2@ap-southeast-2");
    }

    @Test
    void forwarder_sendsTheHomePatternsForItsOwnRegionToTheHomeDefaultBus() {
        JsonNode home = AppFixture.template(stacks.home());
        Set<String> homePatterns = new TreeSet<>();
        AppFixture.resources(home, "AWS::Events::Rule").stream()
                .filter(r -> r.path("Properties").has("EventPattern"))
                .forEach(r -> {
                    ObjectNode pattern = r.path("Properties").path("EventPattern").deepCopy();
                    assertThat(pattern.remove("region").toString())
                            .isEqualTo("[\"us-east-1\",\"eu-west-1\",\"ap-southeast-2\"]");
                    homePatterns.add(pattern.toString());
                });
        for (RegionalForwarderStack forwarder : stacks.forwarders()) {
            JsonNode template = AppFixture.template(forwarder);
            List<JsonNode> rules = AppFixture.resources(template, "AWS::Events::Rule");
            assertThat(rules).hasSize(3);
            Set<String> patterns = new TreeSet<>();
            for (JsonNode rule : rules) {
                ObjectNode pattern = rule.path("Properties").path("EventPattern").deepCopy();
                assertThat(pattern.remove("region").toString()).isEqualTo("[\"" + forwarder.getRegion() + "\"]");
                patterns.add(pattern.toString());
                JsonNode target = rule.path("Properties").path("Targets").get(0);
                assertThat(target.path("Arn").toString()).contains(":events:us-east-1:", ":event-bus/default");
                assertThat(target.has("RoleArn")).isTrue();
            }
            assertThat(patterns).isEqualTo(homePatterns);
            assertThat(IamStatements.all(template)).singleElement().satisfies(s -> {
                assertThat(IamStatements.actions(s)).containsExactly("events:PutEvents");
                assertThat(s.path("Resource").toString()).contains(":events:us-east-1:", ":event-bus/default");
            });
            assertThat(Annotations.fromStack(forwarder).findError("*", Match.anyValue())).isEmpty();
        }
    }

    @Test
    void forwarder_forwardsItsRegionsSampleEvents_andTheHomeRulesTakeThemAsForwarded() throws Exception {
        Machine home = EventPatternTest.rulesOf(stacks.home());
        for (RegionalForwarderStack forwarder : stacks.forwarders()) {
            Machine forwards = new Machine();
            for (JsonNode rule : AppFixture.resources(AppFixture.template(forwarder), "AWS::Events::Rule")) {
                forwards.addRule("forward", rule.path("Properties").path("EventPattern").toString());
            }
            String region = forwarder.getRegion();
            for (var sample : EventPatternTest.EXPECTED.entrySet()) {
                String file = sample.getKey();
                String forwarded = EventPatternTest.inRegion(file, region);
                assertThat(!forwards.rulesForJSONEvent(forwarded).isEmpty()).as(region + " " + file)
                        .isEqualTo(!sample.getValue().isEmpty());
                assertThat(new TreeSet<>(home.rulesForJSONEvent(forwarded))).as(region + " " + file)
                        .isEqualTo(new TreeSet<>(sample.getValue()));
                // The home bus has the home region's events already; a region not configured is not forwarded.
                for (String other : List.of("us-east-1", "sa-east-1")) {
                    assertThat(forwards.rulesForJSONEvent(EventPatternTest.inRegion(file, other)))
                            .as(region + " " + file + " from " + other).isEmpty();
                }
            }
        }
    }

    @Test
    void homeFunctions_readAndActInAllThreeRegions() {
        JsonNode home = AppFixture.template(stacks.home());
        String expiry = AppFixture.logicalId(stacks.home().functions().get("expiry").role());
        String policy = home.path("Resources").path(expiry).path("Properties").path("Policies").toString();
        assertThat(policy).contains("[\"us-east-1\",\"eu-west-1\",\"ap-southeast-2\"]");
        for (String region : List.of("us-east-1", "eu-west-1", "ap-southeast-2")) {
            assertThat(policy).contains(":ec2:" + region + "::image/*", ":ec2:" + region + "::snapshot/*");
        }
    }

    @Test
    void homeRegionFromContext_movesTheForwarders() {
        HousekeeperApp.Stacks moved = AppFixture.synth(Map.of("homeRegion", "eu-west-1", "housekeeping",
                Map.of("regions", List.of("us-east-1", "eu-west-1", "ap-southeast-2"))));
        assertThat(moved.home().getRegion()).isEqualTo("eu-west-1");
        assertThat(moved.forwarders()).extracting(s -> s.getRegion()).containsExactly("us-east-1", "ap-southeast-2");
    }
}
