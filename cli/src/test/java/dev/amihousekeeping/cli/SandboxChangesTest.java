package dev.amihousekeeping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.sandbox.Seed;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxChangesTest {

    private static final String BEFORE = """
            {"accountId":"111122223333","now":"2026-11-01T00:00:00Z","regions":{
              "us-east-1":{
                "images":[
                  {"imageId":"ami-00000000000000001","name":"web-1"},
                  {"imageId":"ami-00000000000000002","name":"web-2"},
                  {"imageId":"ami-00000000000000003","name":"tools","public":true,
                   "launchPermissions":[{"userId":"444455556666"},{"userId":"999988887777"}],
                   "tags":{"Team":"a","Old":"x"}}],
                "snapshots":[
                  {"snapshotId":"snap-00000000000000001","volumeSize":8},
                  {"snapshotId":"snap-00000000000000002","volumeSize":20,
                   "createVolumePermissions":[{"group":"all"},{"userId":"999988887777"}]}]},
              "eu-west-1":{}}}
            """;

    private static final String AFTER = """
            {"accountId":"111122223333","now":"2026-11-01T00:00:00Z","regions":{
              "us-east-1":{
                "images":[
                  {"imageId":"ami-00000000000000002","name":"web-2","deprecationTime":"2026-11-01T00:01:00Z"},
                  {"imageId":"ami-00000000000000003","name":"tools",
                   "launchPermissions":[{"userId":"444455556666"}],"tags":{"Team":"b","New":"y"}}],
                "snapshots":[
                  {"snapshotId":"snap-00000000000000002","volumeSize":20}]},
              "eu-west-1":{
                "images":[{"imageId":"ami-0000000000000000a","name":"web-2","state":"pending"}]}}}
            """;

    @Test
    void listsEveryChange_includingASnapshotsPublicGrantRemoval_regionsInTheGivenOrder() {
        List<String> lines = new SandboxChanges(List.of("us-east-1", "eu-west-1"), Seed.parse(BEFORE),
                Seed.parse(AFTER)).lines();

        assertThat(lines).containsExactly(
                "us-east-1: deregistered ami-00000000000000001 (web-1)",
                "us-east-1: ami-00000000000000002 (web-2) deprecated as of 2026-11-01T00:01:00Z",
                "us-east-1: ami-00000000000000003 (tools) no longer public",
                "us-east-1: ami-00000000000000003 (tools) launch permission removed: 999988887777",
                "us-east-1: ami-00000000000000003 (tools) tag Old removed",
                "us-east-1: ami-00000000000000003 (tools) tag Team=a -> b",
                "us-east-1: ami-00000000000000003 (tools) tagged New=y",
                "us-east-1: deleted snapshot snap-00000000000000001 (8 GiB)",
                "us-east-1: snapshot snap-00000000000000002 no longer public",
                "us-east-1: snapshot snap-00000000000000002 create-volume permission removed: 999988887777",
                "eu-west-1: new image ami-0000000000000000a (web-2) (pending)");
    }

    @Test
    void saysNothing_whenNothingChanged() {
        Seed same = Seed.parse(BEFORE);

        assertThat(new SandboxChanges(List.of("us-east-1"), same, same).lines()).isEmpty();
    }
}
