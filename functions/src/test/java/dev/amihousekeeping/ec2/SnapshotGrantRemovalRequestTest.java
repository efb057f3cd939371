package dev.amihousekeeping.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.ec2.LoopbackEndpoint.Answer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exact ModifySnapshotAttribute request a grant removal sends: the flat form, which EC2 and moto (LocalStack)
 * both apply. The structured form ({@code CreateVolumePermission.Remove.N}) is answered by moto with success and
 * no change.
 */
class SnapshotGrantRemovalRequestTest {

    private static final String OK = "<ModifySnapshotAttributeResponse"
            + " xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>req-1</requestId><return>true</return>"
            + "</ModifySnapshotAttributeResponse>";

    @Test
    void removesGroupsAndAccounts_withOperationTypeAndFlatLists() throws Exception {
        try (LoopbackEndpoint endpoint = new LoopbackEndpoint(request -> Answer.ok(OK));
             Ec2Clients clients = endpoint.clients(1)) {
            new Ec2Gateway(clients, Clock.systemUTC(), "111122223333").removeCreateVolumePermissions("us-east-1",
                    "snap-0123456789abcdef0", List.of(new LaunchPermission("all", null, null, null),
                            new LaunchPermission(null, "444455556666", null, null)));

            Map<String, String> form = endpoint.requests().get(0).form();
            assertThat(form).containsEntry("Action", "ModifySnapshotAttribute")
                    .containsEntry("SnapshotId", "snap-0123456789abcdef0")
                    .containsEntry("Attribute", "createVolumePermission")
                    .containsEntry("OperationType", "remove")
                    .containsEntry("UserGroup.1", "all")
                    .containsEntry("UserId.1", "444455556666");
            assertThat(form.keySet()).noneMatch(key -> key.startsWith("CreateVolumePermission"));
        }
    }

    @Test
    void sendsOnlyTheListThatHasGrants() throws Exception {
        try (LoopbackEndpoint endpoint = new LoopbackEndpoint(request -> Answer.ok(OK));
             Ec2Clients clients = endpoint.clients(1)) {
            new Ec2Gateway(clients, Clock.systemUTC(), "111122223333").removeCreateVolumePermissions("us-east-1",
                    "snap-0123456789abcdef0", List.of(new LaunchPermission("all", null, null, null)));

            assertThat(endpoint.requests().get(0).form().keySet()).noneMatch(key -> key.startsWith("UserId"));
        }
    }

    @Test
    void refusesAnOrganizationGrant_whichSnapshotsDoNotHave() {
        try (LoopbackEndpoint endpoint = new LoopbackEndpoint(request -> Answer.ok(OK));
             Ec2Clients clients = endpoint.clients(1)) {
            assertThatThrownBy(() -> new Ec2Gateway(clients, Clock.systemUTC(), "111122223333")
                    .removeCreateVolumePermissions("us-east-1", "snap-0123456789abcdef0", List.of(
                            new LaunchPermission(null, null, "arn:aws:organizations::111122223333:organization/o-1",
                                    null))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(endpoint.requests()).isEmpty();
        }
    }
}
