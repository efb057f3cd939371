package dev.amihousekeeping.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeedTest {

    /** The example of DESIGN §8, verbatim apart from real-looking ids. */
    static final String DESIGN_EXAMPLE = """
            {"accountId":"111122223333","now":"2026-11-01T00:00:00Z",
             "regions":{"us-east-1":{
               "images":[{"imageId":"ami-0123456789abcdef0","name":"web-2026-10-01","state":"available",
                          "creationDate":"2026-10-01T00:00:00Z","ownerId":"111122223333","public":false,
                          "launchPermissions":[{"userId":"444455556666"}],"tags":{"DeleteOn":"2026-10-15"},
                          "deprecationTime":null,"lastLaunchedTime":null,"deregistrationProtection":false,
                          "sourceImageId":null,"sourceRegion":null,
                          "blockDeviceMappings":[{"deviceName":"/dev/xvda","snapshotId":"snap-0123456789abcdef0","volumeSize":8}]}],
               "snapshots":[{"snapshotId":"snap-0123456789abcdef0","volumeId":"vol-0123456789abcdef0","volumeSize":8,
                             "startTime":"2026-10-01T00:00:00Z","description":"Created by CreateImage(i-0123456789abcdef0) for ami-0123456789abcdef0",
                             "ownerId":"111122223333","tags":{},"createVolumePermissions":[]}],
               "instances":[{"instanceId":"i-0123456789abcdef0","imageId":"ami-0123456789abcdef0","state":"running"}],
               "launchTemplates":[{"launchTemplateId":"lt-0123456789abcdef0","name":"web","versions":[{"versionNumber":1,"imageId":"ami-0123456789abcdef0"}],
                                   "defaultVersion":1}],
               "ssmParameters":[{"name":"/ami/web/latest","value":"ami-0123456789abcdef0"}]}}}
            """;

    @Test
    void readsTheDesignExample_andWritesItBackUnchanged() {
        Seed seed = Seed.parse(DESIGN_EXAMPLE);

        SeedImage image = seed.regions().get("us-east-1").images().get(0);
        assertThat(image.launchPermissions()).containsExactly(SeedLaunchPermission.user("444455556666"));
        assertThat(image.tags()).containsEntry("DeleteOn", "2026-10-15");
        assertThat(seed.regions().get("us-east-1").launchTemplates().get(0).versions()).hasSize(1);
        assertThat(Seed.parse(seed.toJson())).isEqualTo(seed);
    }

    @Test
    void roundTripsThroughASandbox_withNothingLost() {
        Seed seed = Seed.parse(DESIGN_EXAMPLE);

        try (Sandbox sandbox = Sandbox.start(0, seed)) {
            assertThat(sandbox.state()).isEqualTo(seed);
        }
    }

    @Test
    void fillsDefaults_whenFieldsAreAbsent() {
        Seed seed = Seed.parse("{\"regions\":{\"us-east-1\":{\"images\":[{\"imageId\":\"ami-0123456789abcdef0\"}],"
                + "\"snapshots\":[{\"snapshotId\":\"snap-0123456789abcdef0\"}]}}}");

        SeedImage image = seed.regions().get("us-east-1").images().get(0);
        assertThat(seed.accountId()).isEqualTo("111122223333");
        assertThat(image.state()).isEqualTo("available");
        assertThat(image.isPublic()).isFalse();
        assertThat(image.deregistrationProtection()).isFalse();
        assertThat(seed.regions().get("us-east-1").snapshots().get(0).state()).isEqualTo("completed");
        assertThat(seed.regions().get("us-east-1").imageBlockPublicAccess()).isEqualTo("unblocked");
        try (Sandbox sandbox = Sandbox.start(0, seed)) {
            assertThat(sandbox.state().regions().get("us-east-1").images().get(0).ownerId()).isEqualTo("111122223333");
        }
    }

    @Test
    void treatsGroupAllAsPublic() {
        Seed seed = Seed.parse("{\"regions\":{\"us-east-1\":{\"images\":[{\"imageId\":\"ami-0123456789abcdef0\","
                + "\"launchPermissions\":[{\"group\":\"all\"},{\"userId\":\"444455556666\"}]}]}}}");

        SeedImage image = seed.regions().get("us-east-1").images().get(0);
        assertThat(image.isPublic()).isTrue();
        assertThat(image.launchPermissions()).containsExactly(SeedLaunchPermission.user("444455556666"));
    }

    @Test
    void namesKeyAndPlace_whenAKeyIsUnknown() {
        assertThatThrownBy(() -> Seed.parse("{\"regions\":{\"us-east-1\":{\"images\":[{\"imageId\":\"ami-0123456789abcdef0\","
                + "\"colour\":\"red\"}]}}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown key 'colour'")
                .hasMessageContaining("regions.us-east-1.images[0]")
                .hasMessageContaining("deprecationTime");
    }

    @Test
    void rejectsSeeds_thatEc2CouldNotHold() {
        assertThatThrownBy(() -> Sandbox.start(0, Seed.parse("{\"regions\":{\"us-east-1\":{\"images\":"
                + "[{\"imageId\":\"ami-1\"}]}}}")).close())
                .hasMessageContaining("regions.us-east-1.images[0].imageId 'ami-1' is not an EC2 image id");
        assertThatThrownBy(() -> Seed.parse("{\"accountId\":\"me\"}")).hasMessageContaining("12-digit");
        assertThatThrownBy(() -> Seed.parse("{\"now\":\"yesterday\"}")).hasMessageContaining("now");
        assertThatThrownBy(() -> Seed.parse("{\"regions\":")).hasMessageContaining("not valid JSON");
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("seed.json");
        Files.writeString(file, DESIGN_EXAMPLE);

        assertThat(Seed.read(file).now()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        Files.writeString(file, "{\"region\":{}}");
        assertThatThrownBy(() -> Seed.read(file)).hasMessageStartingWith(file.toString());
    }
}
