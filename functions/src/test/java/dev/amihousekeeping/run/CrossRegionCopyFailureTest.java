package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.CopyFixture.EU;
import static dev.amihousekeeping.run.CopyFixture.EU_KEY;
import static dev.amihousekeeping.run.CopyFixture.SOURCE;
import static dev.amihousekeeping.run.CopyFixture.WEB;
import static dev.amihousekeeping.run.CopyFixture.WEST;
import static dev.amihousekeeping.run.CopyFixture.WEST_KEY;
import static dev.amihousekeeping.run.CopyFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.events.EventParser;
import dev.amihousekeeping.events.HousekeepingEvent;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A copy that fails in one region is reported with that region (and key); the other regions go on. */
class CrossRegionCopyFailureTest {

    @RegisterExtension
    static final SandboxHarness sandbox = CopyFixture.start().freshEachTest();
    private final CrossRegionCopyRun run = new CrossRegionCopyRun(sandbox.housekeeping());
    private Report handle(HousekeepingEvent event, Config policy) {
        return run.handle(event, sandbox.request(policy, false));
    }

    private static List<ActionResult> copies(Report report) {
        return report.actions().stream().filter(a -> a.action() == ActionType.COPY).toList();
    }

    @Test
    void invariant10_reportsAFullCopyQuotaInItsRegion_andCopiesToTheOthers() {
        sandbox.fault("CopyImage", WEST, "ResourceLimitExceeded");

        Report report = handle(event("create-image.json"), CopyFixture.policy());

        assertThat(copies(report)).extracting(ActionResult::region, ActionResult::outcome)
                .containsExactlyInAnyOrder(tuple(WEST, Outcome.FAILED), tuple(EU, Outcome.DONE));
        assertThat(copies(report)).filteredOn(a -> a.region().equals(WEST)).singleElement()
                .satisfies(failed -> assertThat(failed.detail()).startsWith("ResourceLimitExceeded: ")
                        .endsWith("(destination " + WEST + ", kmsKeyId " + WEST_KEY + ")"));
        assertThat(sandbox.copiesOf(WEB, WEST)).isEmpty();
        assertThat(sandbox.copiesOf(WEB, EU)).hasSize(1);
        assertThat(sandbox.image(SOURCE, WEB).orElseThrow().tags()).containsKey("CreatedBy");
    }

    @Test
    void copiesOnlyTheMissingRegion_whenTheEventIsRetriedAfterAFailure() {
        sandbox.fault("CopyImage", WEST, "ResourceLimitExceeded");
        handle(event("create-image.json"), CopyFixture.policy());
        sandbox.clearFaults();

        Report retry = handle(event("create-image.json"), CopyFixture.policy());

        assertThat(copies(retry)).extracting(ActionResult::region, ActionResult::outcome)
                .containsExactly(tuple(WEST, Outcome.DONE));
        assertThat(sandbox.copiesOf(WEB, WEST)).hasSize(1);
        assertThat(sandbox.copiesOf(WEB, EU)).hasSize(1);
    }

    @Test
    void invariant10_reportsAMissingPermissionInItsRegion_andCopiesToTheOthers() {
        sandbox.fault("CopyImage", EU, "UnauthorizedOperation");

        Report report = handle(event("create-image.json"), CopyFixture.policy());

        assertThat(copies(report)).extracting(ActionResult::region, ActionResult::outcome)
                .containsExactlyInAnyOrder(tuple(WEST, Outcome.DONE), tuple(EU, Outcome.FAILED));
        assertThat(copies(report)).filteredOn(a -> a.region().equals(EU)).singleElement()
                .satisfies(failed -> assertThat(failed.detail()).startsWith("UnauthorizedOperation: ")
                        .contains("destination " + EU + ", kmsKeyId " + EU_KEY));
    }

    @Test
    void invariant10_reportsADestinationThatCannotBeRead_andCopiesToTheOthers() {
        sandbox.fault("DescribeImages", EU, "UnauthorizedOperation");

        Report report = handle(event("create-image.json"), CopyFixture.policy());

        assertThat(report.errors()).extracting(RegionError::region, RegionError::code)
                .containsExactly(tuple(EU, "UnauthorizedOperation"));
        assertThat(copies(report)).extracting(ActionResult::region).containsExactly(WEST);
        assertThat(report.kept()).extracting(k -> k.region() + " " + k.reason())
                .contains(EU + " destination-unknown: images not read");
        assertThat(sandbox.copiesOf(WEB, WEST)).hasSize(1);
    }

    @Test
    void reportsACopyThatFailedOnItsKmsKey_withRegionAndKey() throws Exception {
        // EC2 accepts CopyImage with a key it cannot use and fails the copy later; the sandbox does the same for
        // a key id containing "invalid". The failure reaches us as the copy's AMI State Change to failed.
        String badKey = "alias/invalid-dr-key";
        Config policy = ConfigLoader.parse(CopyFixture.POLICY.replace(WEST_KEY, badKey));
        Report started = handle(event("create-image.json"), policy);
        SeedImage copy = sandbox.copiesOf(WEB, WEST).get(0);

        Report failed = handle(failedEvent(WEST, copy.imageId()), policy);

        assertThat(copies(started)).extracting(ActionResult::outcome).containsOnly(Outcome.DONE);
        assertThat(copy.state()).isEqualTo("failed");
        assertThat(failed.regions()).containsExactly(WEST);
        assertThat(failed.errors()).singleElement().satisfies(error -> {
            assertThat(error.region()).isEqualTo(WEST);
            assertThat(error.code()).isEqualTo(CrossRegionCopyRun.COPY_FAILED);
            assertThat(error.message()).isEqualTo("copy " + copy.imageId() + " of " + WEB + " from " + SOURCE
                    + " failed in " + WEST + ": Snapshot snap-0f1e2d3c4b5a69788 could not be copied: the KMS key is"
                    + " disabled. (kmsKeyId " + badKey + ")");
        });
    }

    @Test
    void ignoresAFailedImage_thatIsNotACopyThisFunctionMade() throws Exception {
        Report report = handle(failedEvent(SOURCE, WEB), CopyFixture.policy());

        assertThat(report.hasFailures()).isFalse();
        assertThat(report.kept()).extracting(k -> k.reason())
                .containsExactly("ignored: AMI " + WEB + " failed, and it is not a copy cross-region-copy made");
    }

    /** {@code ami-state-change-failed.json}, moved to {@code region} and {@code imageId}. */
    private static HousekeepingEvent failedEvent(String region, String imageId) throws Exception {
        ObjectNode event = (ObjectNode) new ObjectMapper().readTree(CopyFixture.eventText(
                "ami-state-change-failed.json"));
        event.put("region", region);
        event.putArray("resources").add("arn:aws:ec2:" + region + "::image/" + imageId);
        ((ObjectNode) event.get("detail")).put("ImageId", imageId);
        return EventParser.parse(event.toString());
    }
}
