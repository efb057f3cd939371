package dev.amihousekeeping.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.sqs.Queue;

/** The synth gate of {@code main}: an unsuppressed cdk-nag error fails the synth; the app as built has none. */
class HousekeeperAppTest {

    @Test
    void unsuppressedNagError_isReported() {
        App app = AppFixture.app(Map.of());
        Stack stack = new Stack(app, "Careless");
        Queue.Builder.create(stack, "PlainQueue").build(); // no DLQ, no SSL-only policy
        Aspects.of(app).add(new AwsSolutionsChecks());
        assertThat(HousekeeperApp.errors(app.synth())).anyMatch(e -> e.contains("AwsSolutions-SQS4"));
    }

    @Test
    void theApp_withEveryFeatureOn_synthesizesWithoutErrors() {
        App app = AppFixture.app(Map.of("createTrail", true, "notifyEmail", "ops@example.com", "housekeeping", """
                {"regions": ["us-east-1", "eu-west-1"], "dryRun": false,
                 "expiry": {"selector": {"tags": {"Team": "web"}}},
                 "orphanSnapshots": {"scope": "unreferenced"},
                 "publicShare": {"enforceBlockPublicAccess": true},
                 "crossRegionCopy": {"enabled": true, "destinationRegions": ["us-west-2", "eu-central-1"],
                   "kmsKeyIds": {"us-west-2": "alias/ami-dr",
                                 "eu-central-1": "arn:aws:kms:eu-central-1:111122223333:alias/ami-dr"}}}
                """));
        HousekeeperApp.Stacks stacks = HousekeeperApp.build(app, AppFixture.settings(app));
        List<Stack> all = new ArrayList<>(stacks.forwarders());
        all.add(stacks.home());
        for (Stack stack : all) {
            assertThat(IamStatements.all(AppFixture.template(stack))).as(stack.getStackName()).isNotEmpty()
                    .allSatisfy(s -> assertThat(IamStatements.actions(s)).doesNotContain("*", "ec2:*"));
        }
        assertThat(HousekeeperApp.errors(app.synth())).isEmpty();
    }

    @Test
    void examplePolicy_fromTheReadme_synthesizesWithoutErrors() {
        App app = AppFixture.app(Map.of("housekeepingFile", "examples/policy.json"));
        HousekeeperApp.Stacks stacks = HousekeeperApp.build(app, AppFixture.settings(app));
        assertThat(stacks.forwarders()).extracting(s -> s.getRegion()).containsExactly("eu-west-1");
        assertThat(HousekeeperApp.errors(app.synth())).isEmpty();
    }

    @Test
    void readmesBootstrapExample_coversEveryRegionTheExamplePolicyDeploysTo() throws java.io.IOException {
        App app = AppFixture.app(Map.of("housekeepingFile", "examples/policy.json"));
        HousekeeperApp.Stacks stacks = HousekeeperApp.build(app, AppFixture.settings(app));
        List<String> stackRegions = new ArrayList<>(List.of(stacks.home().getRegion()));
        stacks.forwarders().forEach(f -> stackRegions.add(f.getRegion()));
        String readme = java.nio.file.Files.readString(AppFixture.REPO_ROOT.resolve("README.md"));
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("`npx cdk bootstrap (aws://[^`]+)`").matcher(readme);
        assertThat(line.find()).as("README spells out the bootstrap of examples/policy.json").isTrue();
        List<String> bootstrapped = java.util.regex.Pattern.compile("aws://ACCOUNT/([a-z0-9-]+)").matcher(line.group(1))
                .results().map(m -> m.group(1)).toList();
        assertThat(bootstrapped).containsExactlyInAnyOrderElementsOf(stackRegions);
        assertThat(readme).contains("npx cdk bootstrap -c housekeepingFile=policy.json");
    }

    @Test
    void hugePolicy_failsSynthBeforeLambdaWould() {
        String accounts = java.util.stream.IntStream.range(0, 300)
                .mapToObj(i -> "\"" + (444455550000L + i) + "\"")
                .collect(java.util.stream.Collectors.joining(","));
        App app = AppFixture.app(Map.of("housekeeping", "{\"publicShare\": {\"allowedAccountIds\": [" + accounts + "]}}"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HousekeeperApp.build(app, AppFixture.settings(app)))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("4096-byte environment limit");
    }
}
