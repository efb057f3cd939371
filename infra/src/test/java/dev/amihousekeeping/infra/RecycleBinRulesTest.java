package dev.amihousekeeping.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;

/** The Recycle Bin rules every stack makes with recycleBin.enabled (DESIGN §9), and none without it. */
class RecycleBinRulesTest {

    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");

    private static List<JsonNode> rules(Stack stack) {
        return AppFixture.resources(AppFixture.template(stack), "AWS::Rbin::Rule").stream()
                .map(r -> r.path("Properties")).toList();
    }


    @Test
    void everyStack_keepsTaggedImagesAndSnapshotsForRetentionDays_byDefault() {
        HousekeeperApp.Stacks stacks = AppFixture.synth(Map.of("housekeeping", Map.of("regions", REGIONS)));

        List<Stack> all = new ArrayList<>(List.of(stacks.home()));
        all.addAll(stacks.forwarders());
        assertThat(all).hasSize(2);
        for (Stack stack : all) {
            List<JsonNode> rules = rules(stack);
            assertThat(rules).extracting(r -> r.path("ResourceType").asText())
                    .as(stack.getRegion()).containsExactlyInAnyOrder("EC2_IMAGE", "EBS_SNAPSHOT");
            for (JsonNode rule : rules) {
                assertThat(rule.path("RetentionPeriod").path("RetentionPeriodValue").asInt()).isEqualTo(7);
                assertThat(rule.path("RetentionPeriod").path("RetentionPeriodUnit").asText()).isEqualTo("DAYS");
                assertThat(rule.path("ResourceTags").toString())
                        .isEqualTo("[{\"ResourceTagKey\":\"HousekeepingRecycle\",\"ResourceTagValue\":\"true\"}]");
                assertThat(rule.path("Description").asText()).startsWith("AMI Housekeeper: keeps ");
                assertThat(rule.has("LockConfiguration")).isFalse();
            }
        }
    }

    @Test
    void recycleBinLock_locksEveryRuleWithASevenDayUnlockDelay() {
        HousekeeperApp.Stacks stacks = AppFixture.synth(Map.of("housekeeping", Map.of("regions", REGIONS),
                "recycleBinLock", "true"));

        for (Stack stack : List.of(stacks.home(), stacks.forwarders().get(0))) {
            assertThat(rules(stack)).hasSize(2).allSatisfy(rule -> assertThat(rule.path("LockConfiguration").toString())
                    .isEqualTo("{\"UnlockDelayUnit\":\"DAYS\",\"UnlockDelayValue\":7}"));
        }
    }

    @Test
    void rules_takeThePolicysRetentionAndTagKey() {
        HousekeeperApp.Stacks stacks = AppFixture.synth(Map.of("housekeeping", Map.of("regions", REGIONS,
                "recycleBin", Map.of("retentionDays", 14, "tagKey", "Recyclable"))));

        assertThat(rules(stacks.forwarders().get(0))).hasSize(2).allSatisfy(rule -> {
            assertThat(rule.path("RetentionPeriod").path("RetentionPeriodValue").asInt()).isEqualTo(14);
            assertThat(rule.path("ResourceTags").get(0).path("ResourceTagKey").asText()).isEqualTo("Recyclable");
        });
    }

    @Test
    void noRules_whenRecycleBinIsDisabled() {
        HousekeeperApp.Stacks stacks = AppFixture.synth(Map.of("housekeeping", Map.of("regions", REGIONS,
                "recycleBin", Map.of("enabled", false))));

        assertThat(rules(stacks.home())).isEmpty();
        assertThat(rules(stacks.forwarders().get(0))).isEmpty();
    }
}
