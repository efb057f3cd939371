package dev.amihousekeeping.cli;

import static dev.amihousekeeping.run.AccountsFixture.HUB;
import static dev.amihousekeeping.run.AccountsFixture.MEMBER_A;
import static dev.amihousekeeping.run.AccountsFixture.MEMBER_B;
import static dev.amihousekeeping.run.AccountsFixture.SUSPENDED;
import static dev.amihousekeeping.run.AccountsFixture.expired;
import static dev.amihousekeeping.run.AccountsFixture.fresh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.run.AccountsFixture;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.testing.SandboxHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --accounts} and {@code --role-name} on the function commands, against the several-account sandbox. */
class AccountsCliTest {

    /** The policy names the regions only: the accounts come from the options. */
    private static final String POLICY = "{\"regions\": [\"us-east-1\", \"eu-west-1\"]}";

    @TempDir
    Path dir;

    /** Every account but {@code MEMBER_B} holds the role. */
    private final SandboxHarness sandbox = SandboxHarness.start(AccountsFixture.seed(List.of(MEMBER_B)));

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CliRun run(String command, String... extra) {
        Path policy;
        try {
            policy = Files.writeString(dir.resolve("policy.json"), POLICY);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> args = new java.util.ArrayList<>(List.of(command, "--endpoint", sandbox.endpoint().toString(),
                "--config", policy.toString(), "--now", AccountsFixture.NOW));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void expireAccountsAll_dryRun_plansInEachAccount_reportsTheFailedRole_andShowsAnAccountColumn() {
        CliRun json = run("expire", "--accounts", "all", "--json");

        assertThat(json.exitCode()).as(json.err()).isEqualTo(Main.EXIT_FAILURES);
        Report report = ReportJson.read(json.out().strip());
        assertThat(report.accounts()).containsExactly(HUB, MEMBER_A, MEMBER_B);
        assertThat(report.actions()).filteredOn(a -> a.action() == ActionType.DEREGISTER)
                .extracting(ActionResult::account, ActionResult::region, ActionResult::outcome)
                .containsExactlyInAnyOrder(tuple(HUB, "us-east-1", Outcome.PLANNED),
                        tuple(HUB, "eu-west-1", Outcome.PLANNED), tuple(MEMBER_A, "us-east-1", Outcome.PLANNED),
                        tuple(MEMBER_A, "eu-west-1", Outcome.PLANNED));
        assertThat(report.errors()).extracting(e -> e.account() + " " + e.code())
                .containsOnly(MEMBER_B + " AccessDenied").hasSize(2);
        assertThat(report.kept()).anySatisfy(kept -> assertThat(kept.account()).isEqualTo(SUSPENDED));

        CliRun table = run("expire", "--accounts", "all");
        assertThat(table.out()).contains("ACCOUNT       REGION")
                .containsPattern(MEMBER_A + " +eu-west-1 +" + expired(MEMBER_A, "eu-west-1") + " .*deregister")
                .containsPattern("ERROR " + MEMBER_B + " +us-east-1 AccessDenied");
        assertThat(imageIds(MEMBER_A, "eu-west-1")).hasSize(2);
    }

    @Test
    void accountsIds_withApply_changeOnlyThoseAccounts() {
        CliRun apply = run("orphans", "--accounts", MEMBER_A, "--apply", "--json");
        assertThat(apply.exitCode()).as(apply.err()).isZero();

        CliRun expire = run("expire", "--accounts", MEMBER_A + "," + HUB, "--role-name", AccountsFixture.ROLE,
                "--apply", "--json");

        assertThat(expire.exitCode()).as(expire.err()).isZero();
        assertThat(ReportJson.read(expire.out().strip()).accounts()).containsExactly(MEMBER_A, HUB);
        for (String region : AccountsFixture.REGIONS) {
            assertThat(imageIds(MEMBER_A, region)).containsExactly(fresh(MEMBER_A, region));
            assertThat(imageIds(HUB, region)).containsExactly(fresh(HUB, region));
            assertThat(imageIds(MEMBER_B, region)).hasSize(2);
        }
    }

    @Test
    void badAccounts_exit2_namingTheOption_andChangeNothing() {
        String before = sandbox.state().toJson();

        assertBadInput(run("expire", "--accounts", "12345", "--apply"),
                "error: --accounts: '12345' is not a 12-digit AWS account id (or pass all)");
        assertBadInput(run("expire", "--accounts", MEMBER_A + ",", "--apply"),
                "error: --accounts: '' is not a 12-digit AWS account id (or pass all)");
        assertBadInput(run("orphans", "--accounts", "999988887777", "--apply"),
                "error: --accounts: 999988887777 is not an account of the organization");
        assertBadInput(run("expire", "--accounts", "all", "--role-name", "role/x", "--apply"),
                "error: --role-name: must be an IAM role name (1-64 of letters, digits and +=,.@_-), got 'role/x'");
        assertBadInput(run("expire", "--role-name", "Member", "--apply"),
                "error: --role-name: no accounts to assume it in; pass --accounts or set accounts in the policy");
        assertThat(sandbox.state().toJson()).isEqualTo(before);
    }

    private static void assertBadInput(CliRun run, String line) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo(line);
    }

    private List<String> imageIds(String account, String region) {
        return sandbox.images(account, region).stream().map(SeedImage::imageId).toList();
    }
}
