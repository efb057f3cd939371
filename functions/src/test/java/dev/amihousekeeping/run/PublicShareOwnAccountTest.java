package dev.amihousekeeping.run;

import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.events.EventParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 8: a grant to our own account is always allowed, so "our own account" must not come from an event
 * that names another one. The credentials' account (STS) decides. Mockito for the gateway: the sandbox has no STS.
 */
class PublicShareOwnAccountTest {

    private static final String AMI = "ami-0a1b2c3d4e5f60718";
    private static final String GRANTEE = "999988887777";

    @Test
    void offends_whenTheEventNamesTheGranteeAsTheAccount() throws Exception {
        Ec2Gateway gateway = mock(Ec2Gateway.class);
        when(gateway.accountId(REGION)).thenReturn(ACCOUNT);
        when(gateway.launchPermissions(REGION, AMI)).thenReturn(List.of(LaunchPermission.user(GRANTEE)));
        String event = CopyFixture.eventText("modify-image-attribute-account.json").replace(ACCOUNT, GRANTEE);
        Config config = ConfigLoader.parse("{\"regions\": [\"us-east-1\"], \"publicShare\": {\"mode\": \"remediate\"}}");
        Clock clock = Clock.fixed(Instant.parse("2026-10-14T12:00:00Z"), ZoneOffset.UTC);
        Housekeeping housekeeping = new Housekeeping(gateway, new Executor(RunLog.silent(), clock), Notifier.none(),
                clock);

        Report report = new EventDispatcher(List.of(new PublicShareRun(housekeeping))).dispatch(
                EventParser.parse(event), new RunRequest(config, List.of(REGION), true, clock.instant(), "test-run"));

        assertThat(report.actions()).singleElement().satisfies(action -> {
            assertThat(action.action()).isEqualTo(ActionType.REMOVE_GRANT);
            assertThat(action.resourceId()).isEqualTo(AMI);
        });
    }
}
