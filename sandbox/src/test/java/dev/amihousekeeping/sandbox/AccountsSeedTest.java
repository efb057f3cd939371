package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.amihousekeeping.sandbox.AccountSeeds.CONSUMER;
import static dev.amihousekeeping.sandbox.AccountSeeds.HUB;
import static dev.amihousekeeping.sandbox.AccountSeeds.OU;
import static dev.amihousekeeping.sandbox.AccountSeeds.REGION;
import static dev.amihousekeeping.sandbox.SandboxClients.http;
import static dev.amihousekeeping.sandbox.TestSeeds.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountsSeedTest {

    private static final String SEVERAL = """
            {"accountId":"111122223333","now":"2026-11-01T00:00:00Z",
             "accounts":{
               "111122223333":{"regions":{"us-east-1":{"images":[{"imageId":"ami-0123456789abcdef0","name":"web-1",
                   "launchPermissions":[{"organizationalUnitArn":"arn:aws:organizations::111122223333:ou/o-abc123def4/ou-ab12-cdef3456"}]}]}},
                 "roles":["AmiHousekeeperMember"],"status":"ACTIVE"},
               "222233334444":{"regions":{"us-east-1":{"instances":[{"instanceId":"i-0123456789abcdef0",
                   "imageId":"ami-0123456789abcdef0","state":"running"}]}},"roles":["AmiHousekeeperMember"]}},
             "organization":{"id":"o-abc123def4","managementAccountId":"111122223333",
               "ous":{"ou-ab12-cdef3456":["222233334444"]}}}
            """;

    @Test
    void severalAccounts_roundTripThroughTheStateEndpoint() throws Exception {
        try (Sandbox sandbox = Sandbox.start(0, Seed.empty())) {
            HttpResponse<String> put = http("PUT", sandbox.endpoint().resolve("/_sandbox/state"), SEVERAL, null);
            String written = http("GET", sandbox.endpoint().resolve("/_sandbox/state"), null, null).body();

            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            JsonNode state = SeedJson.MAPPER.readTree(written);
            assertThat(state.has("regions")).isFalse();
            assertThat(state.at("/accounts/111122223333/regions/us-east-1/images/0/ownerId").asText())
                    .isEqualTo(HUB);
            assertThat(state.at("/accounts/222233334444/roles/0").asText()).isEqualTo("AmiHousekeeperMember");
            assertThat(state.at("/accounts/222233334444/status").asText()).isEqualTo("ACTIVE");
            assertThat(state.at("/organization/ous/" + OU + "/0").asText()).isEqualTo(CONSUMER);
            assertThat(Seed.parse(written)).isEqualTo(sandbox.state());
            sandbox.load(Seed.parse(written));
            assertThat(sandbox.state().toJson()).isEqualTo(written);
        }
    }

    @Test
    void oneAccount_keepsTheOneAccountForm() throws Exception {
        Seed seed = TestSeeds.seed(REGION, List.of(image(1, "web-1")));
        try (Sandbox sandbox = Sandbox.start(0, seed)) {
            JsonNode state = SeedJson.MAPPER.readTree(
                    http("GET", sandbox.endpoint().resolve("/_sandbox/state"), null, null).body());

            assertThat(state.has("accounts")).isFalse();
            assertThat(state.has("organization")).isFalse();
            assertThat(state.at("/regions/us-east-1/images/0/imageId").asText()).isEqualTo(TestSeeds.imageId(1));
            assertThat(sandbox.state()).isEqualTo(seed.withRegion(REGION, sandbox.state().regions().get(REGION)));
        }
    }

    @Test
    void refusesASeed_withRegionsAndAccountsBoth() {
        Map<String, SeedRegion> regions = Map.of(REGION, SeedRegion.of(List.of(), List.of()));

        assertThatThrownBy(() -> new Seed(HUB, null, regions, Map.of(HUB, new SeedAccount(null, null, null)), null))
                .hasMessageContaining("both regions and accounts");
    }

    @Test
    void refusesASeed_whoseDefaultAccountOrOuMemberIsNotAnAccount() {
        Map<String, SeedAccount> accounts = Map.of(HUB, new SeedAccount(null, null, null));

        assertThatThrownBy(() -> new Seed(CONSUMER, null, null, accounts, null))
                .hasMessageContaining("accountId '" + CONSUMER + "' is not one of accounts");
        assertThatThrownBy(() -> new Seed(HUB, null, null, accounts,
                new SeedOrganization("o-abc123def4", HUB, Map.of(OU, List.of(CONSUMER)))))
                .hasMessageContaining("names account '" + CONSUMER + "'");
        assertThatThrownBy(() -> Seed.parse("{\"accounts\":{\"111122223333\":{\"status\":\"GONE\"}}}"))
                .hasMessageContaining("status 'GONE'");
    }
}
