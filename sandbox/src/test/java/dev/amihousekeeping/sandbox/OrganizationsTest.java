package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountState;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;

import java.net.http.HttpResponse;
import java.util.List;

import static dev.amihousekeeping.sandbox.AccountSeeds.CONSUMER;
import static dev.amihousekeeping.sandbox.AccountSeeds.HUB;
import static dev.amihousekeeping.sandbox.AccountSeeds.ORGANIZATION;
import static dev.amihousekeeping.sandbox.AccountSeeds.OU;
import static dev.amihousekeeping.sandbox.AccountSeeds.OUTSIDER;
import static dev.amihousekeeping.sandbox.AccountSeeds.roleArn;
import static dev.amihousekeeping.sandbox.SandboxClients.assumed;
import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.TestSeeds.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/** Organizations through the real client (module pinned at 2.40.2, beside the BOM's 2.59.x core). */
class OrganizationsTest {

    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, AccountSeeds.organization());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private OrganizationsClient organizations(AwsCredentialsProvider credentials) {
        return OrganizationsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    private OrganizationsClient management() {
        return organizations(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));
    }

    @Test
    void listAccounts_fromTheManagementAccount_pagesThroughEveryAccount() {
        OrganizationsClient client = management();

        ListAccountsResponse first = client.listAccounts(r -> r.maxResults(2));
        List<Account> all = client.listAccountsPaginator(r -> r.maxResults(2)).stream()
                .flatMap(page -> page.accounts().stream()).toList();

        assertThat(first.accounts()).hasSize(2);
        assertThat(first.nextToken()).isNotNull();
        assertThat(all).extracting(Account::id).containsExactly(HUB, CONSUMER, OUTSIDER);
        Account consumer = all.get(1);
        assertThat(consumer.arn()).isEqualTo("arn:aws:organizations::" + HUB + ":account/" + ORGANIZATION + "/"
                + CONSUMER);
        assertThat(consumer.state()).isEqualTo(AccountState.ACTIVE);
        assertThat(all.get(2).state()).isEqualTo(AccountState.SUSPENDED);
        assertThat(all.get(2).statusAsString()).isEqualTo("SUSPENDED");
        assertThat(consumer.joinedTimestamp()).isEqualTo(NOW);
        assertThat(consumer.email()).contains(CONSUMER);
    }

    @Test
    void listAccountsForParent_listsTheAccountsOfThatOu() {
        OrganizationsClient client = management();

        List<Account> inOu = client.listAccountsForParent(r -> r.parentId(OU)).accounts();

        assertThat(inOu).extracting(Account::id).containsExactly(CONSUMER);
        errorOf(() -> client.listAccountsForParent(r -> r.parentId("ou-zz99-zzzzzzzz")), "ParentNotFoundException",
                400);
    }

    @Test
    void listAccounts_fromAMemberAccount_isAccessDenied() {
        OrganizationsClient member = organizations(assumed(sandbox, roleArn(CONSUMER)));

        String message = errorOf(member::listAccounts, "AccessDeniedException", 400);

        assertThat(message).isEqualTo("You don't have permissions to access this resource.");
    }

    @Test
    void listAccounts_withoutAnOrganization_isNotInUse() {
        sandbox.load(new Seed(HUB, NOW, null, AccountSeeds.organization().accounts(), null));

        errorOf(() -> management().listAccounts(), "AWSOrganizationsNotInUseException", 400);
    }

    @Test
    void answersTheJsonProtocol_forARawRequest() throws Exception {
        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(sandbox.endpoint())
                        .header("Authorization", SandboxClients.authorization("us-east-1", "organizations"))
                        .header("X-Amz-Target", "AWSOrganizationsV20161128.ListAccounts")
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"MaxResults\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode body = SeedJson.MAPPER.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(body.path("Accounts")).hasSize(1);
        JsonNode account = body.path("Accounts").get(0);
        assertThat(account.path("Id").asText()).isEqualTo(HUB);
        assertThat(account.path("State").asText()).isEqualTo("ACTIVE");
        assertThat(account.path("Status").asText()).isEqualTo("ACTIVE");
        assertThat(account.path("JoinedMethod").asText()).isEqualTo("CREATED");
        assertThat(account.path("JoinedTimestamp").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(body.path("NextToken").isTextual()).isTrue();
    }
}
