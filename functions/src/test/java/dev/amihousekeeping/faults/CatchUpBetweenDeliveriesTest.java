package dev.amihousekeeping.faults;

import static dev.amihousekeeping.faults.FaultFixture.EAST;
import static dev.amihousekeeping.faults.FaultFixture.EU;
import static dev.amihousekeeping.faults.FaultFixture.WEB;
import static dev.amihousekeeping.faults.Scenario.actions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.run.HousekeepingFunction;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fault: a new AMI's event fails its first delivery (throttled), the scheduled catch-up runs before the redelivery
 * and copies the source while it is still unstamped, then the event comes again. Invariant 7 and convergence: the
 * redelivery stamps the source, makes no second copy, and gives the existing copy what of the stamp a copy made
 * after it carries, so the account ends as when the event came first and the catch-up after it. Copies are tagged
 * only by the run that stamps the source: a tag a person removes from a copy later stays removed.
 */
class CatchUpBetweenDeliveriesTest {

    @RegisterExtension
    static final FaultLab lab = new FaultLab();

    /** The event delivered once without faults, then the catch-up: the order in which nothing goes wrong. */
    private static FaultLab.Reference eventThenCatchUp(String event) {
        return lab.faultFree(Scenario.of(HousekeepingFunction.CROSS_REGION_COPY),
                reference -> FaultFixture.deliver(reference, event, FaultLab.PATIENT));
    }

    /** The first delivery throttled for good, then the catch-up; what the redelivery then finds. */
    private static SandboxHarness throttledDeliveryThenCatchUp(String event) {
        SandboxHarness sandbox = lab.faulty();
        FaultFixture.throttleEveryMutatingCall(sandbox, 0.3);
        FaultFixture.deliver(sandbox, event, FaultLab.IMPATIENT);
        sandbox.clearFaults();
        FaultFixture.run(sandbox, HousekeepingFunction.CROSS_REGION_COPY, FaultLab.PATIENT);
        return sandbox;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"create-image.json, ami-0c9d8e7f6a5b4c3d2", "register-image-copy-to-dr.json, ami-0e5f6a7b8c9d0e1f2"})
    void throttledEvent_thenTheCatchUp_thenTheRedelivery_endAsTheEventFirst_copyTagsIncluded_invariant7(
            String sample, String source) {
        String event = FaultFixture.sampleEvent(sample);
        FaultLab.Reference clean = eventThenCatchUp(event);
        Map<String, String> cleanCopy = tagsOfCopy(clean.state(), source);
        SandboxHarness sandbox = throttledDeliveryThenCatchUp(event);
        assertThat(imageTags(sandbox.stateJson(), EAST, source)).as("the source after the throttled delivery")
                .doesNotContainKey("CreatedBy");
        assertThat(tagsOfCopy(sandbox.stateJson(), source)).as("the catch-up's copy of the unstamped source")
                .doesNotContainKey("CreatedBy");

        Report redelivered = FaultFixture.deliver(sandbox, event, FaultLab.PATIENT);
        Report third = FaultFixture.deliver(sandbox, event, FaultLab.PATIENT);
        Report nextCatchUp = FaultFixture.run(sandbox, HousekeepingFunction.CROSS_REGION_COPY, FaultLab.PATIENT);

        assertThat(redelivered.hasFailures()).isFalse();
        assertThat(actions(List.of(redelivered), Outcome.DONE)).as("one copy, made by the catch-up")
                .noneMatch(action -> action.endsWith(" copy"))
                .contains(EU + "/" + copyId(sandbox.stateJson(), source) + " tag");
        assertThat(cleanCopy).containsKey("CreatedBy");
        assertThat(tagsOfCopy(sandbox.stateJson(), source)).isEqualTo(cleanCopy);
        assertThat(actions(List.of(third, nextCatchUp), Outcome.DONE)).isEmpty();
        assertThat(lab.faultyState().differencesFrom(clean.state())).isEmpty();
    }

    @ParameterizedTest(name = "first delivery throttled: {0}")
    @ValueSource(booleans = {false, true})
    void copyWhoseTagAPersonRemoved_isNotTaggedAgain_byTheCatchUpOrARedelivery(boolean firstDeliveryThrottled) {
        String event = FaultFixture.sampleEvent("create-image.json");
        SandboxHarness sandbox;
        if (firstDeliveryThrottled) {
            sandbox = throttledDeliveryThenCatchUp(event);
            FaultFixture.deliver(sandbox, event, FaultLab.PATIENT);
        } else {
            sandbox = lab.faulty();
            FaultFixture.deliver(sandbox, event, FaultLab.PATIENT);
            FaultFixture.run(sandbox, HousekeepingFunction.CROSS_REGION_COPY, FaultLab.PATIENT);
        }
        String copy = copyId(sandbox.stateJson(), WEB);
        assertThat(tagsOfCopy(sandbox.stateJson(), WEB)).containsKeys("CreatedBy", "DeleteOn");
        FaultFixture.someoneRemovesTag(sandbox, EU, copy, "DeleteOn");
        int tagCallsBefore = sandbox.calls(EU, "CreateTags");

        List<Report> later = List.of(FaultFixture.run(sandbox, HousekeepingFunction.CROSS_REGION_COPY, FaultLab.PATIENT),
                FaultFixture.deliver(sandbox, event, FaultLab.PATIENT));

        assertThat(tagsOfCopy(sandbox.stateJson(), WEB)).doesNotContainKey("DeleteOn").containsKey("CreatedBy");
        assertThat(sandbox.calls(EU, "CreateTags")).isEqualTo(tagCallsBefore);
        assertThat(later).flatExtracting(Report::actions).isEmpty();
    }

    /**
     * The copy's tag fails in the redelivery while the source's would succeed: the source's tag is held back, or
     * the next delivery would find the source stamped and leave the copy without the stamp for good.
     */
    @Test
    void copyTagThrottledInTheRedelivery_holdsTheSourceTagBack_andTheRetryEndsAsTheEventFirst() {
        String event = FaultFixture.sampleEvent("create-image.json");
        FaultLab.Reference clean = eventThenCatchUp(event);
        SandboxHarness sandbox = throttledDeliveryThenCatchUp(event);
        String copy = copyId(sandbox.stateJson(), WEB);
        sandbox.fault("{\"action\":\"CreateTags\",\"region\":\"" + EU + "\",\"error\":\"RequestLimitExceeded\"}");

        Report throttled = FaultFixture.deliver(sandbox, event, FaultLab.IMPATIENT);

        assertThat(throttled.actions()).filteredOn(a -> a.action() == ActionType.TAG)
                .extracting(ActionResult::region, ActionResult::resourceId, ActionResult::outcome)
                .startsWith(tuple(EU, copy, Outcome.FAILED),
                        tuple(EAST, WEB, Outcome.SKIPPED));
        assertThat(throttled.actions()).filteredOn(a -> a.resourceId().equals(WEB))
                .singleElement().satisfies(a -> assertThat(a.detail()).startsWith("held back: tagging copy " + copy));
        assertThat(imageTags(sandbox.stateJson(), EAST, WEB)).doesNotContainKey("CreatedBy");

        sandbox.clearFaults();
        Report retried = FaultFixture.deliver(sandbox, event, FaultLab.PATIENT);

        assertThat(retried.hasFailures()).isFalse();
        assertThat(lab.faultyState().differencesFrom(clean.state())).isEmpty();
    }

    /** The one image in {@code images} (a region's, listed or keyed by id) that our SourceAmi tag says is a copy. */
    private static JsonNode copyOf(String source, JsonNode images) {
        List<JsonNode> copies = new ArrayList<>();
        images.forEach(image -> {
            if (source.equals(image.path("tags").path("SourceAmi").asText(null))) {
                copies.add(image);
            }
        });
        assertThat(copies).as("copies of " + source).hasSize(1);
        return copies.get(0);
    }

    private static String copyId(JsonNode state, String source) {
        return copyOf(source, state.path("regions").path(EU).path("images")).path("imageId").asText();
    }

    /** The tags of the copy of {@code source} in eu-west-1, as the sandbox holds them now. */
    private static Map<String, String> tagsOfCopy(JsonNode state, String source) {
        return tags(copyOf(source, state.path("regions").path(EU).path("images")));
    }

    private static Map<String, String> tagsOfCopy(FinalState state, String source) {
        return tags(copyOf(source, state.regions().get(EU).path("images")));
    }

    private static Map<String, String> imageTags(JsonNode state, String region, String imageId) {
        for (JsonNode image : state.path("regions").path(region).path("images")) {
            if (imageId.equals(image.path("imageId").asText())) {
                return tags(image);
            }
        }
        throw new AssertionError("no image " + imageId + " in " + region);
    }

    private static Map<String, String> tags(JsonNode image) {
        Map<String, String> tags = new TreeMap<>();
        image.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
        return tags;
    }
}
