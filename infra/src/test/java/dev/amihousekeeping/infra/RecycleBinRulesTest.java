package dev.amihousekeeping.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;

/**
 * The Recycle Bin rules every stack makes with recycleBin.enabled (DESIGN §9), and none without it; no role of any
 * stack may restore or touch the rules, since only the CLI's {@code restore} restores, with the user's credentials.
 */
class RecycleBinRulesTest {

    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");

    /** What only a person may do: restore from the bin, re-enable a disabled AMI, and every rbin call. */
    private static final List<String> PERSON_ONLY = List.of("ec2:RestoreImageFromRecycleBin",
            "ec2:RestoreSnapshotFromRecycleBin", "ec2:EnableImage", "rbin:ListRules", "rbin:GetRule",
            "rbin:CreateRule", "rbin:UpdateRule", "rbin:DeleteRule", "rbin:LockRule", "rbin:UnlockRule",
            "rbin:TagResource", "rbin:UntagResource");

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

    @Test
    void noRole_mayRestoreEnableOrCallRecycleBin_withEveryStageAndFunctionOn() {
        HousekeeperApp.Stacks stacks = AppFixture.synth(Map.of("housekeeping", Map.of("regions", REGIONS,
                "expiry", Map.of("noticeDays", 14, "disableFirst", true),
                "publicShare", Map.of("enforceBlockPublicAccess", true),
                "crossRegionCopy", Map.of("enabled", true, "destinationRegions", List.of("eu-west-1")),
                "latestParameters", Map.of("enabled", true)), "recycleBinLock", "true"));

        List<Stack> all = new ArrayList<>(List.of(stacks.home()));
        all.addAll(stacks.forwarders());
        List<String> granted = new ArrayList<>();
        for (Stack stack : all) {
            IamStatements.all(AppFixture.template(stack)).stream()
                    .filter(s -> s.path("Effect").asText().equals("Allow"))
                    .forEach(s -> IamStatements.actions(s).forEach(a -> granted.add(stack.getRegion() + " " + a)));
        }
        assertThat(granted).as("the stacks grant something").isNotEmpty();
        assertThat(granted).as("granted to a role: restore, EnableImage or rbin")
                .filteredOn(RecycleBinRulesTest::coversPersonOnly).isEmpty();
    }

    /** Whether {@code "region action"} grants one of {@link #PERSON_ONLY}, as IAM matches it (wildcards, any case). */
    private static boolean coversPersonOnly(String regionAndAction) {
        String action = regionAndAction.substring(regionAndAction.indexOf(' ') + 1);
        Pattern glob = Pattern.compile(Pattern.quote(action).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"),
                Pattern.CASE_INSENSITIVE);
        return action.toLowerCase().startsWith("rbin:")
                || PERSON_ONLY.stream().anyMatch(forbidden -> glob.matcher(forbidden).matches());
    }
}
