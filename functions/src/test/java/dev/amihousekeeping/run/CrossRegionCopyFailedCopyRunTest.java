package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.CopyFixture.SOURCE;
import static dev.amihousekeeping.run.CopyFixture.WEB;
import static dev.amihousekeeping.run.CopyFixture.WEST;
import static dev.amihousekeeping.run.CopyFixture.WEST_KEY;
import static dev.amihousekeeping.run.CopyFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.port.Precondition;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.testing.Fixtures;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A copy that ended {@code failed} is not a copy (issue 13, item 7): the run deregisters its own failed copy and
 * copies again with a new ClientToken, against the sandbox over real HTTP. The sandbox keeps EC2's idempotency: a
 * ClientToken it has seen returns the first copy's id, so a copy made again with the first token would only get
 * the failed copy back.
 */
class CrossRegionCopyFailedCopyRunTest {

    /** A copy of WEB in us-west-2 that this function made (our tags) and that failed. */
    private static final String FAILED = "ami-0fa11ed0c0b1e2d3f";
    private static final String UNTAGGED = "ami-0fa11ed0c0b1e2d40";
    private static final String FAILED_COPY = """
            {"imageId": "%s", "name": "web-2026-10-14", "state": "failed",
             "creationDate": "2026-10-14T09:40:00Z", "ownerId": "111122223333",
             "sourceImageId": "%s", "sourceRegion": "us-east-1",
             "tags": {"Name": "web", "CopyToDR": "true", "SourceAmi": "%s", "SourceRegion": "us-east-1"},
             "blockDeviceMappings": []}""".formatted(FAILED, WEB, WEB);

    @RegisterExtension
    static final SandboxHarness sandbox = CopyFixture.start().freshEachTest();
    private final CrossRegionCopyRun run = new CrossRegionCopyRun(sandbox.housekeeping());
    private Report catchUp(Config policy, boolean dryRun) {
        return run.run(sandbox.request(policy, dryRun));
    }

    /** The actions about WEB in us-west-2: its copy, and the deregistration of its failed copies. */
    private static List<ActionResult> inWest(Report report) {
        return report.actions().stream().filter(a -> a.region().equals(WEST)
                && (a.resourceId().equals(WEB) || a.action() == ActionType.DEREGISTER && a.reason().contains(WEB)))
                .toList();
    }

    @Test
    void catchUp_deregistersOurFailedCopy_andCopiesAgain_thenNothingMore() {
        sandbox.addImage(WEST, FAILED_COPY);

        Report first = catchUp(CopyFixture.policy(), false);
        Report second = catchUp(CopyFixture.policy(), false);

        assertThat(inWest(first)).extracting(ActionResult::resourceId, ActionResult::action, ActionResult::reason,
                        ActionResult::outcome)
                .containsExactly(
                        tuple(FAILED, ActionType.DEREGISTER, "failed-copy of " + WEB + " from " + SOURCE, Outcome.DONE),
                        tuple(WEB, ActionType.COPY, "dr-copy to " + WEST + " (selector CopyToDR=true), again: "
                                + FAILED + " failed", Outcome.DONE));
        assertThat(sandbox.image(WEST, FAILED)).isEmpty();
        List<SeedImage> copies = sandbox.copiesOf(WEB, WEST);
        assertThat(copies).singleElement().satisfies(copy -> {
            assertThat(copy.imageId()).isNotEqualTo(FAILED);
            assertThat(copy.state()).isEqualTo("available");
            assertThat(copy.tags()).containsEntry("SourceAmi", WEB);
        });
        assertThat(inWest(first).get(1).detail()).isEqualTo("copy " + copies.get(0).imageId() + " started in " + WEST);
        assertThat(inWest(second)).isEmpty();
        assertThat(second.kept()).extracting(k -> k.resourceId() + " " + k.region() + " " + k.reason())
                .contains(WEB + " " + WEST + " copy-exists: " + copies.get(0).imageId() + " (available)");
        assertThat(sandbox.copiesOf(WEB, WEST)).hasSize(1);
    }

    @Test
    void dryRun_plansTheDeregistrationAndTheCopy_andChangesNothing() {
        sandbox.addImage(WEST, FAILED_COPY);
        String before = sandbox.sandbox().state().toJson();

        Report report = catchUp(CopyFixture.policy(), true);

        assertThat(inWest(report)).extracting(ActionResult::resourceId, ActionResult::action, ActionResult::outcome)
                .containsExactly(tuple(FAILED, ActionType.DEREGISTER, Outcome.PLANNED),
                        tuple(WEB, ActionType.COPY, Outcome.PLANNED));
        assertThat(sandbox.sandbox().state().toJson()).isEqualTo(before);
    }

    @Test
    void aCopyThatFailsAgain_isReplacedAgain_withAnotherToken_untilOneIsAvailable() {
        // The sandbox fails a copy whose KMS key id contains "invalid", after CopyImage returned, as EC2 does.
        Config badKey = ConfigLoader.parse(CopyFixture.POLICY.replace(WEST_KEY, "alias/invalid-dr-key"));
        catchUp(badKey, false);
        String firstFailure = onlyCopyOfWebInWest("failed");

        Report again = catchUp(badKey, false);
        String secondFailure = onlyCopyOfWebInWest("failed");
        Report fixed = catchUp(CopyFixture.policy(), false);
        String good = onlyCopyOfWebInWest("available");
        Report settled = catchUp(CopyFixture.policy(), false);

        // Each run that found a failed copy made a new one: the first token would have returned the failed copy.
        assertThat(secondFailure).isNotEqualTo(firstFailure);
        assertThat(good).isNotIn(firstFailure, secondFailure);
        assertThat(inWest(again)).extracting(ActionResult::resourceId, ActionResult::action, ActionResult::outcome)
                .containsExactly(tuple(firstFailure, ActionType.DEREGISTER, Outcome.DONE),
                        tuple(WEB, ActionType.COPY, Outcome.DONE));
        assertThat(inWest(fixed)).extracting(ActionResult::resourceId, ActionResult::action, ActionResult::outcome)
                .containsExactly(tuple(secondFailure, ActionType.DEREGISTER, Outcome.DONE),
                        tuple(WEB, ActionType.COPY, Outcome.DONE));
        assertThat(inWest(settled)).isEmpty();
    }

    @Test
    void aPendingCopy_isACopy_andIsNotCopiedTwice() {
        sandbox.addImage(WEST, FAILED_COPY.replace("\"state\": \"failed\"", "\"state\": \"pending\""));

        Report report = catchUp(CopyFixture.policy(), false);

        assertThat(inWest(report)).isEmpty();
        assertThat(sandbox.copiesOf(WEB, WEST)).extracting(SeedImage::imageId).containsExactly(FAILED);
    }

    @Test
    void neverDeregisters_aFailedCopyThisFunctionDidNotMake() {
        sandbox.addImage(WEST, FAILED_COPY.replace("\"SourceAmi\": \"" + WEB + "\", ", "")
                .replace("\"web-2026-10-14\"", "\"web-by-hand\""));

        Report report = catchUp(CopyFixture.policy(), false);

        assertThat(report.actions()).extracting(ActionResult::action).doesNotContain(ActionType.DEREGISTER);
        assertThat(sandbox.image(WEST, FAILED)).isPresent();
        assertThat(report.kept()).extracting(k -> k.resourceId() + " " + k.reason())
                .contains(FAILED + " failed-copy of " + WEB + ": not made by cross-region-copy, left in place");
        assertThat(sandbox.copiesOf(WEB, WEST)).extracting(SeedImage::state)
                .containsExactlyInAnyOrder("failed", "available");
    }

    @Test
    void eventPath_replacesOurFailedCopy_too() throws Exception {
        sandbox.addImage(WEST, FAILED_COPY);

        Report report = run.handle(event("create-image.json"), sandbox.request(CopyFixture.policy(), false));

        assertThat(inWest(report)).extracting(ActionResult::resourceId, ActionResult::action, ActionResult::outcome)
                .containsExactly(tuple(FAILED, ActionType.DEREGISTER, Outcome.DONE),
                        tuple(WEB, ActionType.COPY, Outcome.DONE));
        assertThat(sandbox.image(WEST, FAILED)).isEmpty();
        assertThat(sandbox.copiesOf(WEB, WEST)).singleElement()
                .satisfies(copy -> assertThat(copy.state()).isEqualTo("available"));
    }

    @Test
    void theCopyWaits_whenTheFailedCopyCouldNotBeDeregistered() {
        sandbox.addImage(WEST, FAILED_COPY);
        sandbox.fault("DeregisterImage", WEST, "UnauthorizedOperation");

        Report report = catchUp(CopyFixture.policy(), false);

        assertThat(inWest(report)).extracting(ActionResult::action, ActionResult::outcome)
                .containsExactly(tuple(ActionType.DEREGISTER, Outcome.FAILED), tuple(ActionType.COPY, Outcome.SKIPPED));
        assertThat(inWest(report).get(1).detail()).startsWith("re-check: failed copy " + FAILED + " is still registered");
        assertThat(sandbox.copiesOf(WEB, WEST)).extracting(SeedImage::imageId).containsExactly(FAILED);
    }

    @Test
    void recheck_letsThroughOnlyTheDeregistrationOfAFailedCopyWeMadeOfThatSource_ownedByTheAccount()
            throws Exception {
        sandbox.addImage(WEST, FAILED_COPY);
        sandbox.addImage(WEST, FAILED_COPY.replace(FAILED, UNTAGGED).replace("\"SourceAmi\": \"" + WEB + "\", ", "")
                .replace("\"web-2026-10-14\"", "\"web-by-hand\""));
        Precondition recheck = run.precondition(CopyFixture.policy());

        assertThat(recheck.skipReason(deregister(FAILED, WEB, Fixtures.ACCOUNT))).isEmpty();
        assertThat(recheck.skipReason(deregister(CopyFixture.BASE_COPY_WEST, CopyFixture.BASE, Fixtures.ACCOUNT)))
                .contains("re-check: " + CopyFixture.BASE_COPY_WEST + " is available, not failed");
        assertThat(recheck.skipReason(deregister(UNTAGGED, WEB, Fixtures.ACCOUNT)))
                .contains("re-check: " + UNTAGGED + " is not a copy cross-region-copy made of " + WEB);
        assertThat(recheck.skipReason(deregister(FAILED, CopyFixture.APP, Fixtures.ACCOUNT)))
                .contains("re-check: " + FAILED + " is not a copy cross-region-copy made of " + CopyFixture.APP);
        assertThat(recheck.skipReason(deregister(FAILED, WEB, "444455556666")))
                .contains("re-check: " + FAILED + " is not owned by this account");
    }

    private static Action deregister(String imageId, String sourceImageId, String ownerId) {
        return new Action.DeregisterFailedCopy(WEST, imageId, "failed-copy of " + sourceImageId, sourceImageId,
                SOURCE, ownerId);
    }

    private static String onlyCopyOfWebInWest(String state) {
        List<SeedImage> copies = sandbox.copiesOf(WEB, WEST);
        assertThat(copies).as("copies of " + WEB + " in " + WEST).singleElement()
                .satisfies(copy -> assertThat(copy.state()).isEqualTo(state));
        return copies.get(0).imageId();
    }
}
