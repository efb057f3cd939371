package dev.amihousekeeping.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Context {@code organization=true} and its keys: each bad value stops the synth with one line naming the key. */
class OrganizationSettingsTest {
    private static final Map<String, Object> VALID = Map.of(
            "organization", "true",
            "memberOrganizationalUnitIds", "[\"ou-ab12-cdef3456\"]",
            "organizationId", "o-abc123def4");

    @Test
    void organizationContext_fromTheCommandLine_isRead_withTheDefaults() {
        OrganizationSettings organization = settings(VALID).organization();
        assertThat(organization.memberOrganizationalUnitIds()).containsExactly("ou-ab12-cdef3456");
        assertThat(organization.organizationId()).isEqualTo("o-abc123def4");
        assertThat(organization.mapMaxConcurrency()).isEqualTo(10);
        assertThat(organization.delegatedAdmin()).isFalse();
        assertThat(organization.memberRoleName()).isEqualTo("AmiHousekeeperMember");
    }

    @Test
    void organizationContext_fromCdkJson_takesAJsonListAndNumbers() {
        OrganizationSettings organization = settings(with(Map.of(
                "memberOrganizationalUnitIds", List.of("ou-ab12-cdef3456", "r-ab12"),
                "mapMaxConcurrency", 40, "delegatedAdmin", true))).organization();
        assertThat(organization.memberOrganizationalUnitIds()).containsExactly("ou-ab12-cdef3456", "r-ab12");
        assertThat(organization.mapMaxConcurrency()).isEqualTo(40);
        assertThat(organization.delegatedAdmin()).isTrue();
    }

    @Test
    void noOrganization_isASingleAccount() {
        assertThat(settings(Map.of()).organization()).isNull();
        assertThat(settings(Map.of("organization", "false")).organization()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "memberOrganizationalUnitIds | | context memberOrganizationalUnitIds is required with organization=true",
            "memberOrganizationalUnitIds | ou-ab12-cdef3456 | context memberOrganizationalUnitIds = ou-ab12-cdef3456 must be a JSON list",
            "memberOrganizationalUnitIds | [] | context memberOrganizationalUnitIds is empty",
            "memberOrganizationalUnitIds | [\"ou-AB12-cdef3456\"] | context memberOrganizationalUnitIds: \"ou-AB12-cdef3456\" is not an organizational unit id",
            "memberOrganizationalUnitIds | [\"111122223333\"] | context memberOrganizationalUnitIds: \"111122223333\" is not an organizational unit id",
            "memberOrganizationalUnitIds | [7] | context memberOrganizationalUnitIds: 7 is not a string",
            "organizationId | o-abc | context organizationId = \"o-abc\" is not an organization id",
            "organizationId | 111122223333 | context organizationId = \"111122223333\" is not an organization id",
            "mapMaxConcurrency | 0 | context mapMaxConcurrency = 0 must be between 1 and 10000",
            "mapMaxConcurrency | 10001 | context mapMaxConcurrency = 10001 must be between 1 and 10000",
            "mapMaxConcurrency | ten | context mapMaxConcurrency = \"ten\" must be a whole number",
            "delegatedAdmin | yes | context delegatedAdmin = \"yes\" must be true or false"})
    void badOrganizationSetting_failsSynthNamingTheKey(String key, String value, String message) {
        Map<String, Object> context = new HashMap<>(VALID);
        if (value == null) {
            context.remove(key);
        } else {
            context.put(key, value);
        }
        assertThatThrownBy(() -> settings(context))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith(message);
    }

    @ParameterizedTest
    @CsvSource({"memberOrganizationalUnitIds, [\"ou-ab12-cdef3456\"]", "organizationId, o-abc123def4",
            "mapMaxConcurrency, 5", "delegatedAdmin, true"})
    void organizationKey_withoutOrganization_failsRatherThanDeployToOneAccount(String key, String value) {
        assertThatThrownBy(() -> settings(Map.of(key, value)))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith("context " + key + " is set but organization is not true");
    }

    private static Map<String, Object> with(Map<String, Object> overrides) {
        Map<String, Object> context = new HashMap<>(VALID);
        context.putAll(overrides);
        return context;
    }

    private static DeploymentSettings settings(Map<String, ?> context) {
        return AppFixture.settings(AppFixture.app(context));
    }
}
