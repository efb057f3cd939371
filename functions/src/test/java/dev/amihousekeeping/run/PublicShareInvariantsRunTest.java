package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.PublicShareFixture.AMI;
import static dev.amihousekeeping.run.PublicShareFixture.FOREIGN;
import static dev.amihousekeeping.run.PublicShareFixture.OWN_ORG;
import static dev.amihousekeeping.run.PublicShareFixture.OWN_OU;
import static dev.amihousekeeping.run.PublicShareFixture.PARTNER;
import static dev.amihousekeeping.run.PublicShareFixture.REMEDIATE;
import static dev.amihousekeeping.run.PublicShareFixture.SAMPLE_ORG;
import static dev.amihousekeeping.run.PublicShareFixture.SAMPLE_OU;
import static dev.amihousekeeping.run.PublicShareFixture.SNAPSHOT;
import static dev.amihousekeeping.run.PublicShareFixture.config;
import static dev.amihousekeeping.run.PublicShareFixture.image;
import static dev.amihousekeeping.run.PublicShareFixture.snapshot;
import static dev.amihousekeeping.run.PublicShareFixture.user;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.events.EventParser;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN §6 invariants 8 (a bad, failed or unknown event changes nothing and says why) and 9 (remediation removes
 * only the offending grants), end to end: sample events through the dispatcher, against the sandbox.
 */
class PublicShareInvariantsRunTest {

    /** The samples' image carries every kind of grant, allowed and not; the samples' snapshot is public. */
    private static final String EVERY_GRANT = """
            {"accountId": "%s", "regions": {"us-east-1": {"images": [%s], "snapshots": [%s]}}}""".formatted(ACCOUNT,
            image(AMI, true, String.join(", ", user(ACCOUNT), user(PARTNER), user(FOREIGN),
                    "{\"organizationArn\": \"" + OWN_ORG + "\"}", "{\"organizationArn\": \"" + SAMPLE_ORG + "\"}",
                    "{\"organizationalUnitArn\": \"" + OWN_OU + "\"}",
                    "{\"organizationalUnitArn\": \"" + SAMPLE_OU + "\"}")),
            snapshot(SNAPSHOT, "{\"group\": \"all\"}, " + user(PARTNER) + ", " + user(FOREIGN)));

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final SandboxHarness sandbox = PublicShareFixture.start();

    @BeforeEach
    void seed() {
        sandbox.load(EVERY_GRANT);
    }

    @Test
    void removesOnlyTheOffendingLaunchPermissions_invariant9() throws Exception {
        PublicShareFixture.handle(sandbox, "modify-image-attribute-public.json", config(REMEDIATE), false);

        assertThat(sandbox.imageGrants(REGION, AMI)).containsExactlyInAnyOrder(
                LaunchPermission.user(ACCOUNT), LaunchPermission.user(PARTNER), LaunchPermission.organization(OWN_ORG),
                LaunchPermission.organizationalUnit(OWN_OU));
        assertThat(sandbox.calls(REGION, "ModifyImageAttribute")).isEqualTo(1);
    }

    @Test
    void removesOnlyTheOffendingCreateVolumePermissions_invariant9() throws Exception {
        PublicShareFixture.handle(sandbox, "modify-snapshot-attribute-account.json", config(REMEDIATE), false);

        assertThat(sandbox.snapshotGrants(REGION, SNAPSHOT)).containsExactly(LaunchPermission.user(PARTNER));
    }

    @Test
    void removesOnlyTheOffendingGrants_inTheSweepToo_invariant9() throws Exception {
        PublicShareFixture.sweep(sandbox, config(REMEDIATE), false, REGION);

        assertThat(sandbox.imageGrants(REGION, AMI)).containsExactlyInAnyOrder(
                LaunchPermission.user(ACCOUNT), LaunchPermission.user(PARTNER), LaunchPermission.organization(OWN_ORG),
                LaunchPermission.organizationalUnit(OWN_OU));
        assertThat(sandbox.snapshotGrants(REGION, SNAPSHOT)).containsExactly(LaunchPermission.user(PARTNER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"modify-image-attribute-unauthorized.json", "modify-image-attribute-remove-only.json",
            "modify-snapshot-attribute-remove-only.json", "modify-image-attribute-description.json",
            "s3-put-bucket-policy.json", "appstream-create-image.json", "delete-tags.json"})
    void changesNothing_andSaysWhy_forAnEventItMustIgnore_invariant8(String sample) {
        Report report = PublicShareFixture.handle(sandbox, sample, config(REMEDIATE), false);

        assertThat(report.actions()).isEmpty();
        assertThat(report.errors()).isEmpty();
        assertThat(report.kept()).singleElement().extracting(Kept::reason).asString().startsWith("ignored: ");
        assertThat(sandbox.totalCalls()).isZero();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("imageId missing", (Consumer<ObjectNode>) e -> requestParameters(e).remove("imageId")),
                Arguments.of("imageId a number", (Consumer<ObjectNode>) e -> requestParameters(e).put("imageId", 42)),
                Arguments.of("imageId not an AMI id",
                        (Consumer<ObjectNode>) e -> requestParameters(e).put("imageId", "snap-0f1e2d3c4b5a69788")),
                Arguments.of("eventTime not a time",
                        (Consumer<ObjectNode>) e -> detail(e).put("eventTime", "yesterday")),
                Arguments.of("detail not an object", (Consumer<ObjectNode>) e -> e.put("detail", "oops")),
                Arguments.of("a grant naming two grantees", (Consumer<ObjectNode>) e -> ((ObjectNode) requestParameters(e)
                        .at("/launchPermission/add/items/0")).put("userId", FOREIGN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsAMalformedEvent_andChangesNothing_invariant8(String defect, Consumer<ObjectNode> edit)
            throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(PublicShareFixture.sampleText("modify-image-attribute-public.json"));
        edit.accept(event);

        Report report = PublicShareFixture.handleEvent(sandbox, EventParser.parse(event.toString()), config(REMEDIATE), false);

        assertThat(report.errors()).singleElement().extracting(RegionError::code)
                .isEqualTo(EventDispatcher.INVALID_EVENT);
        assertThat(sandbox.totalCalls()).isZero();
        assertThat(sandbox.imageGrants(REGION, AMI)).contains(LaunchPermission.publicGroup());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1, 2]", "{\"detail-type\": \"AWS API Call via CloudTrail\"}"})
    void reportsInputThatIsNoEventAtAll_andChangesNothing_invariant8(String input) {
        Report report = PublicShareFixture.handleEvent(sandbox, EventParser.parse(input), config(REMEDIATE), false);

        assertThat(report.errors()).extracting(RegionError::code).containsExactly(EventDispatcher.INVALID_EVENT);
        assertThat(sandbox.totalCalls()).isZero();
    }

    private static ObjectNode detail(ObjectNode event) {
        return (ObjectNode) event.get("detail");
    }

    private static ObjectNode requestParameters(ObjectNode event) {
        return (ObjectNode) detail(event).get("requestParameters");
    }
}
