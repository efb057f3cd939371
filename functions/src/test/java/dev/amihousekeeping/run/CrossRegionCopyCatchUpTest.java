package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.CopyFixture.APP;
import static dev.amihousekeeping.run.CopyFixture.BASE;
import static dev.amihousekeeping.run.CopyFixture.EU;
import static dev.amihousekeeping.run.CopyFixture.SOURCE;
import static dev.amihousekeeping.run.CopyFixture.WEB;
import static dev.amihousekeeping.run.CopyFixture.WEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.CrossRegionCopyPolicy;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.ec2.Ec2ActionApplier;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.testing.Fixtures;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scheduled catch-up and {@code copy --image}: copy whatever the selector says is missing, exactly once. */
class CrossRegionCopyCatchUpTest {

    @RegisterExtension
    static final SandboxHarness sandbox = CopyFixture.start().freshEachTest();
    private final Housekeeping housekeeping = sandbox.housekeeping();
    private final CrossRegionCopyRun run = new CrossRegionCopyRun(housekeeping);
    private final Config policy = CopyFixture.policy();

    @Test
    void invariant7_copiesEverySelectedImageMissingACopy_andNothingTheSecondTime() {
        Report first = run.run(sandbox.request(policy, false));
        Report second = run.run(sandbox.request(policy, false));

        assertThat(first.actions()).extracting(ActionResult::resourceId, ActionResult::region, ActionResult::outcome)
                .containsExactlyInAnyOrder(tuple(WEB, WEST, Outcome.DONE), tuple(WEB, EU, Outcome.DONE),
                        tuple(APP, WEST, Outcome.DONE), tuple(APP, EU, Outcome.DONE));
        assertThat(first.kept()).extracting(k -> k.resourceId() + " " + k.region() + " " + k.reason().split(":")[0])
                .contains(BASE + " " + WEST + " copy-exists", BASE + " " + EU + " copy-exists");
        assertThat(second.actions()).isEmpty();
        for (String image : List.of(WEB, APP, BASE)) {
            assertThat(sandbox.copiesOf(image, WEST)).as(image).hasSize(1);
            assertThat(sandbox.copiesOf(image, EU)).as(image).hasSize(1);
        }
    }

    @Test
    void invariant7_neverCopiesACopy_whenADestinationIsAlsoASource() {
        Config both = ConfigLoader.parse(CopyFixture.POLICY.replace("\"regions\": [\"us-east-1\"]",
                "\"regions\": [\"us-east-1\", \"us-west-2\"]"));

        Report report = run.run(sandbox.request(both, false));

        assertThat(report.actions()).extracting(ActionResult::resourceId).doesNotContain(
                CopyFixture.BASE_COPY_WEST);
        assertThat(report.kept()).extracting(k -> k.resourceId() + " " + k.reason())
                .contains(CopyFixture.BASE_COPY_WEST + " is-a-copy: from " + BASE + " " + SOURCE);
        assertThat(sandbox.images(EU)).extracting(i -> i.sourceImageId())
                .doesNotContain(CopyFixture.BASE_COPY_WEST);
    }

    @Test
    void copiesOneNamedImage_only() {
        Report report = run.runImage(sandbox.request(policy, false), APP);

        assertThat(report.actions()).extracting(ActionResult::resourceId, ActionResult::region)
                .containsExactlyInAnyOrder(tuple(APP, WEST), tuple(APP, EU));
        assertThat(sandbox.copiesOf(WEB, WEST)).isEmpty();
    }

    @Test
    void saysSo_whenTheNamedImageIsNotTheAccountsInAnyRegion() {
        Report report = run.runImage(sandbox.request(policy, false), "ami-0123456789abcdef9");

        assertThat(report.actions()).isEmpty();
        assertThat(report.errors()).extracting(RegionError::code).containsExactly(CrossRegionCopyRun.IMAGE_NOT_FOUND);
    }

    @Test
    void readsNothing_whenCopyingIsOff() {
        Report report = run.run(sandbox.request(ConfigLoader.parse("{\"regions\": [\"us-east-1\"]}"), false));

        assertThat(report.actions()).isEmpty();
        assertThat(report.kept()).extracting(k -> k.reason()).containsExactly(
                "ignored: crossRegionCopy.enabled is false");
    }

    @Test
    void invariant7_makesOneCopy_whenTwoRunsPlannedItBeforeEitherCopyWasVisible() {
        // Two deliveries of one event in parallel, or a catch-up overlapping an event: both read the destinations
        // before either copy existed. The ClientToken makes EC2 answer the second CopyImage with the first copy.
        Ec2Gateway gateway = housekeeping.gateway();
        Map<String, List<Image>> destinations = Map.of(WEST, gateway.readImages(WEST));
        Plan plan = new CrossRegionCopyPolicy(policy.crossRegionCopy(), policy.expiry().expiryTagKeys())
                .plan(gateway.describeImage(SOURCE, WEB).orElseThrow(), Fixtures.ACCOUNT, destinations,
                        sandbox.request(policy, false).now());
        RunRequest options = sandbox.request(policy, false).forFunction(CrossRegionCopyRun.NAME);

        Report first = housekeeping.executor().execute(options, plan, List.of(), run.precondition(policy),
                new Ec2ActionApplier(gateway, housekeeping.clock()));
        Report second = housekeeping.executor().execute(options, plan, List.of(), run.precondition(policy),
                new Ec2ActionApplier(gateway, housekeeping.clock()));

        assertThat(plan.actions()).hasSize(1);
        assertThat(first.actions()).singleElement().extracting(ActionResult::outcome).isEqualTo(Outcome.DONE);
        assertThat(second.actions()).singleElement().isEqualTo(first.actions().get(0));
        assertThat(sandbox.copiesOf(WEB, WEST)).hasSize(1);
    }

    @Test
    void invariant6_skipsATag_thatAPersonSetAfterThePlanWasMade() throws Exception {
        Action stale = new Action.Tag(SOURCE, ResourceType.IMAGE, WEB, "tag-on-create Name",
                Map.of("Name", "from-a-stale-plan", "CreatedBy", "arn:aws:iam::111122223333:user/x"));

        assertThat(run.precondition(policy).skipReason(stale))
                .hasValue("re-check: Name set meanwhile, not overwritten");
    }

    @Test
    void invariant6_skipsACopy_whoseSourceIsNoLongerSelected() throws Exception {
        Config teamOnly = ConfigLoader.parse(CopyFixture.POLICY.replace("\"CopyToDR\": \"true\"",
                "\"Team\": \"dr\""));
        Action copy = new Action.Copy(WEST, WEB, "dr-copy", SOURCE, "web-2026-10-14", null, null, null, true,
                Map.of(), List.of());

        assertThat(run.precondition(teamOnly).skipReason(copy)).hasValue("re-check: no longer selected");
        assertThat(run.precondition(policy).skipReason(copy)).isEmpty();
    }
}
