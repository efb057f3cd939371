package dev.amihousekeeping.infra;

import dev.amihousekeeping.config.ConfigLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

class DeploymentSettingsTest {

    @Test
    void badPolicy_failsSynthWithTheValidatorsOwnMessage() {
        String policy = "{\"dryRun\": false, \"maxActionsPerRun\": \"many\"}";
        String validatorMessage = validatorMessage(policy);
        assertThatThrownBy(() -> settings(Map.of("housekeeping", policy)))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("invalid housekeeping policy (context housekeeping): " + validatorMessage);
    }

    @Test
    void badPolicyFile_namesTheFileAndTheValidatorsMessage(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("policy.json"), "{\"dryRun\": tru}");
        assertThatThrownBy(() -> settings(Map.of("housekeepingFile", file.toString())))
                .hasMessage("invalid housekeeping policy (" + file + "): " + validatorMessage("{\"dryRun\": tru}"));
    }

    @Test
    void policyFile_becomesTheFunctionsMinifiedConfig(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("policy.json"), """
                {
                  "dryRun": false,
                  "publicShare": { "mode": "alert" }
                }
                """);
        DeploymentSettings settings = settings(Map.of("housekeepingFile", file.toString()));
        assertThat(settings.policy().config().dryRun()).isFalse();
        assertThat(settings.policy().minifiedJson()).contains("\"dryRun\":false", "\"mode\":\"alert\"").doesNotContain("\n");
    }

    @Test
    void policyOnTheCommandLine_isAJsonString() {
        DeploymentSettings settings = settings(Map.of("housekeeping", "{\"dryRun\":false}"));
        assertThat(settings.policy().config().dryRun()).isFalse();
    }

    @Test
    void noPolicy_meansTheSafeDefaults() {
        DeploymentSettings settings = settings(Map.of("housekeeping", Map.of()));
        assertThat(settings.policy().config().dryRun()).isTrue();
        assertThat(settings.policy().config().crossRegionCopy().enabled()).isFalse();
    }

    @Test
    void bothPolicySources_areRejected() {
        assertThatThrownBy(() -> settings(Map.of("housekeeping", Map.of(), "housekeepingFile", "policy.json")))
                .hasMessageContaining("both housekeeping and housekeepingFile");
    }

    @Test
    void missingPolicyFile_namesThePath() {
        assertThatThrownBy(() -> settings(Map.of("housekeepingFile", "no-such-policy.json")))
                .hasMessageContaining("housekeepingFile").hasMessageContaining("no-such-policy.json");
    }

    @Test
    void regionsWithoutAKnownHomeRegion_askForOne() {
        App app = AppFixture.app(Map.of("housekeeping", Map.of("regions", List.of("eu-west-1"))));
        assertThatThrownBy(() -> DeploymentSettings.fromContext(app.getNode(), Map.of(), AppFixture.REPO_ROOT))
                .hasMessageContaining("-c homeRegion=");
    }

    @Test
    void noRegionAnywhere_synthesizesARegionAgnosticStack_thatCdkNagPasses() {
        App app = AppFixture.app(Map.of());
        DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode(), Map.of(), AppFixture.REPO_ROOT);
        assertThat(settings.homeRegion()).isNull();
        HousekeeperApp.Stacks stacks = HousekeeperApp.build(app, settings);
        assertThat(stacks.forwarders()).isEmpty();
        assertThat(Annotations.fromStack(stacks.home()).findError("*", Match.anyValue())).isEmpty();
    }

    @Test
    void missingFunctionsJar_saysHowToBuildIt(@TempDir Path emptyRepo) {
        App app = AppFixture.app(Map.of());
        assertThatThrownBy(() -> DeploymentSettings.fromContext(app.getNode(), AppFixture.ENV, emptyRepo))
                .hasMessageContaining("ami-housekeeping-functions.jar not found").hasMessageContaining("mvn");
    }

    @Test
    void reserveConcurrency_isOffByDefault_soAccountsWithASmallConcurrencyQuotaCanDeploy() {
        assertThat(settings(Map.of()).reserveConcurrency()).isFalse();
    }

    @Test
    void commandLineStrings_areReadAsTheirTypes() {
        DeploymentSettings settings = settings(Map.of("createTrail", "true", "reserveConcurrency", "true",
                "logRetentionDays", "30", "schedules", "{\"expiry\": \"rate(1 day)\"}", "notifyEmail", "ops@example.com"));
        assertThat(settings.createTrail()).isTrue();
        assertThat(settings.reserveConcurrency()).isTrue();
        assertThat(settings.logRetentionDays()).isEqualTo(30);
        assertThat(settings.schedules().expiry()).isEqualTo("rate(1 day)");
        assertThat(settings.schedules().orphanSnapshots()).isEqualTo(Schedules.DEFAULTS.orphanSnapshots());
        assertThat(settings.notifyEmail()).isEqualTo("ops@example.com");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "createTrail       | yes                       | createTrail",
            "logRetentionDays  | 42                        | logRetentionDays",
            "logRetentionDays  | a week                    | logRetentionDays",
            "notifyEmail       | ops-at-example.com        | notifyEmail",
            "homeRegion        | US East                   | homeRegion",
            "schedules         | {\"weekly\": \"rate(7 days)\"} | schedules.weekly",
            "schedules         | {\"expiry\": \"daily\"}    | schedules.expiry",
            "schedules         | not json                  | schedules"})
    void badSetting_namesTheContextKey(String key, String value, String named) {
        assertThatThrownBy(() -> settings(Map.of(key, value)))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining(named);
    }

    private static String validatorMessage(String policy) {
        try {
            ConfigLoader.parse(policy);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("the validator accepted " + policy);
    }

    private static DeploymentSettings settings(Map<String, ?> context) {
        return AppFixture.settings(AppFixture.app(context));
    }
}
