package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.ExpiryFixture.trickyPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.testing.SandboxHarness;
import dev.amihousekeeping.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What expiry does when a source cannot be read or an operation is missing: it fails closed in that region,
 * says why, and the other region goes on (DESIGN §5).
 */
class ExpiryDegradedIntegrationTest {

    @RegisterExtension
    static final SandboxHarness sandbox = ExpiryFixture.tricky().freshEachTest();

    @Test
    void keepsEveryAmiOfARegion_whenDescribeImageReferencesIsRefused_andTheOtherRegionGoesOn() {
        Report report = runWith("{\"action\":\"DescribeImageReferences\",\"error\":\"UnauthorizedOperation\","
                + "\"status\":403,\"region\":\"us-east-1\"}");

        assertThat(report.actions()).extracting(ActionResult::region).containsOnly("eu-west-1");
        assertThat(report.actions()).allMatch(a -> a.outcome() == Outcome.DONE);
        assertThat(ExpiryFixture.kept(report)).containsEntry("us-east-1/web-2026-06-01",
                "in-use-unknown: DescribeImageReferences: UnauthorizedOperation");
        assertThat(ExpiryFixture.kept(report)).containsEntry("us-east-1/web-2026-09-01",
                "in-use-unknown: DescribeImageReferences: UnauthorizedOperation");
        assertInUseUnknownInUsEast1(report, "no AMI in this region is deprecated or deregistered");
        assertThat(ExpiryFixture.images(sandbox)).containsKey("us-east-1/web-2026-06-01")
                .doesNotContainKey("eu-west-1/web-2026-09-01");
    }

    @Test
    void keepsEveryAmiOfARegion_whenLaunchConfigurationsCannotBeRead() {
        Report report = runWith("{\"action\":\"DescribeLaunchConfigurations\",\"error\":\"AccessDenied\","
                + "\"status\":403,\"region\":\"us-east-1\"}");

        assertUsEast1Kept(report, "us-east-1/api-v3",
                "in-use-unknown: DescribeLaunchConfigurations: AccessDenied");
    }

    /**
     * Invariant 12: neither a bare 500 (a proxy's HTML page, no error code) nor an endpoint without Auto Scaling
     * ({@code InvalidAction}) lets DescribeLaunchConfigurations read as "nothing uses these AMIs": launch
     * configurations have no other source, so the region is kept, the AMI only a launch configuration uses and its
     * snapshot included, and the run says so.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"action\":\"DescribeLaunchConfigurations\",\"error\":null,\"status\":500,\"region\":\"us-east-1\"}"
                    + " | HTTP500",
            "{\"action\":\"DescribeLaunchConfigurations\",\"error\":\"InvalidAction\",\"region\":\"us-east-1\"}"
                    + " | InvalidAction",
    })
    void keepsEveryAmiOfARegion_whenLaunchConfigurationsAnswerA500OrAreNotOffered(String fault, String code) {
        Report report = runWith(fault);

        assertUsEast1Kept(report, "us-east-1/api-v7", "in-use-unknown: DescribeLaunchConfigurations: " + code);
        assertThat(ExpiryFixture.images(sandbox)).containsKey("us-east-1/api-v7");
        assertThat(ExpiryFixture.snapshots(sandbox)).contains("snap-0e00000000000000b");
        assertInUseUnknownInUsEast1(report, "DescribeLaunchConfigurations");
    }

    @Test
    void fallsBackToReadingEachSource_whenDescribeImageReferencesIsNotOffered_andSaysSoOnce() {
        sandbox.fault("{\"action\":\"DescribeImageReferences\",\"error\":\"InvalidAction\","
                + "\"region\":\"us-east-1\"}");
        // SSM's API refused as well (the sandbox answers it now), so one source stays unreadable.
        sandbox.fault("{\"action\":\"DescribeParameters\",\"error\":\"AccessDeniedException\","
                + "\"region\":\"us-east-1\"}");

        Report report = ExpiryFixture.run(sandbox, trickyPolicy(), true);

        assertThat(report.kept()).filteredOn(k -> k.resourceType() == ResourceType.ACCOUNT)
                .singleElement().extracting(Kept::region, Kept::reason)
                .containsExactly("us-east-1", ExpiryEvidenceReader.FALLBACK_NOTE);
        // Read directly: instances with their state, every launch template version that counts, launch
        // configurations.
        assertThat(ExpiryFixture.kept(report))
                .containsEntry("us-east-1/api-v1", "in-use: i-0e000000000000001 (stopped)")
                .containsEntry("us-east-1/api-v4", "in-use: lt-0e000000000000001 $Default")
                .containsEntry("us-east-1/api-v5", "in-use: lt-0e000000000000001 $Latest")
                .containsEntry("us-east-1/api-v7", "in-use: launch-configuration api-lc");
        // SSM cannot be read: that source is unknown, so nothing in us-east-1 goes.
        assertThat(ExpiryFixture.kept(report).get("us-east-1/api-v3")).startsWith("in-use-unknown: DescribeParameters");
        assertThat(report.actions()).extracting(ActionResult::region).containsOnly("eu-west-1");
    }

    @Test
    void keepsTheAmisWhoseLaunchPermissionsCannotBeRead_andSaysWhich() {
        Report report = runWith("{\"action\":\"DescribeImageAttribute\",\"error\":\"UnauthorizedOperation\","
                + "\"status\":403,\"region\":\"us-east-1\"}");

        assertThat(ExpiryFixture.kept(report)).containsEntry("us-east-1/web-2026-06-01",
                "shared-unknown: launch permissions not read");
        assertThat(report.actions()).extracting(ActionResult::region).containsOnly("eu-west-1");
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("LaunchPermissionsUnknown");
            assertThat(e.message()).contains("DescribeImageAttribute: UnauthorizedOperation")
                    .contains("ami-0e000000000000001");
        });
    }

    @Test
    void deregistersSharedAmis_whenIncludeSharedIsSet_withoutReadingLaunchPermissions() {
        Report report = ExpiryFixture.run(sandbox, ExpiryFixture.policy(TestResources.text("expiry/tricky-policy.json")
                .replace("\"graceDays\": 7", "\"graceDays\": 7, \"includeShared\": true")), false);

        assertThat(ExpiryFixture.actions(report)).containsEntry("us-east-1/base-1", "deregister")
                .containsEntry("us-east-1/base-2", "deregister");
        assertThat(report.actions()).allMatch(a -> a.outcome() == Outcome.DONE);
        assertThat(sandbox.calls("us-east-1", "DescribeImageAttribute")).isZero();
    }

    @Test
    void reportsARegionThatCannotBeRead_andTheOtherGoesOn() {
        Report report = runWith("{\"action\":\"DescribeImages\",\"error\":\"UnauthorizedOperation\","
                + "\"status\":403,\"region\":\"eu-west-1\"}");

        assertThat(report.errors()).extracting(RegionError::region, RegionError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("eu-west-1", "UnauthorizedOperation"));
        assertThat(report.actions()).hasSize(7).allMatch(a -> a.region().equals("us-east-1")
                && a.outcome() == Outcome.DONE);
        assertThat(report.hasFailures()).isTrue();
    }

    @Test
    void keepsTheAmi_andSaysWhy_whenTheEndpointCannotDeprecate() {
        Report report = runWith("{\"action\":\"EnableImageDeprecation\",\"error\":\"InvalidAction\"}");

        ActionResult deprecate = ExpiryFixture.action(report, "ami-0e000000000000003");
        assertThat(deprecate.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(deprecate.detail()).startsWith("deprecation-unsupported: InvalidAction");
        assertThat(ExpiryFixture.images(sandbox)).containsEntry("us-east-1/web-2026-09-01", "null");
        assertThat(report.actions()).filteredOn(a -> a.outcome() == Outcome.DONE).hasSize(7);
    }

    /** The tricky fixture's run, for real, with the sandbox answering as {@code faultJson} says. */
    private static Report runWith(String faultJson) {
        sandbox.fault(faultJson);
        return ExpiryFixture.run(sandbox, trickyPolicy(), false);
    }

    /** Nothing done in us-east-1, whose {@code image} is kept for {@code reason}; eu-west-1 went on. */
    private static void assertUsEast1Kept(Report report, String image, String reason) {
        assertThat(report.actions()).extracting(ActionResult::region).containsOnly("eu-west-1");
        assertThat(ExpiryFixture.kept(report)).containsEntry(image, reason);
    }

    /** The run's one error: us-east-1's in-use evidence unknown, saying {@code why}. */
    private static void assertInUseUnknownInUsEast1(Report report, String why) {
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.region()).isEqualTo("us-east-1");
            assertThat(e.code()).isEqualTo("InUseUnknown");
            assertThat(e.message()).contains(why);
        });
    }
}
