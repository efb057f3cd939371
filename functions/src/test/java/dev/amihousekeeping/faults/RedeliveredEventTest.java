package dev.amihousekeeping.faults;

import static dev.amihousekeeping.faults.Scenario.actions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fault: the same CloudTrail or AMI State Change event delivered again, the way Lambda's asynchronous retries
 * redeliver an event whose run threw (invariant 11) and EventBridge's at-least-once delivery repeats one that did
 * not. Invariant 7: whatever the first delivery managed, the next ones finish it and then change nothing; the
 * account ends as after one clean delivery (one copy per region, tags set once, grants removed once).
 */
class RedeliveredEventTest {

    @RegisterExtension
    static final FaultLab lab = new FaultLab();

    @ParameterizedTest
    @ValueSource(strings = {"create-image.json", "register-image-copy-to-dr.json", "ami-state-change-available.json",
            "modify-image-attribute-public.json", "modify-snapshot-attribute-public.json"})
    void eventWhoseFirstDeliveryWasThrottled_isRedelivered_andEndsAsOneCleanDelivery_invariant7(String sample) {
        FaultLab.Reference once = lab.faultFreeDelivery(sample);
        assertThat(actions(once.reports(), Outcome.DONE)).as("what one clean delivery does").isNotEmpty();
        String event = FaultFixture.sampleEvent(sample);
        SandboxHarness sandbox = lab.faulty();
        FaultFixture.throttleEveryMutatingCall(sandbox, 0.3);

        Report throttled = FaultFixture.deliver(sandbox, event, FaultLab.IMPATIENT);

        assertThat(throttled.actions()).filteredOn(a -> a.outcome() == Outcome.FAILED).isNotEmpty()
                .allSatisfy(a -> assertThat(a.detail()).contains("RequestLimitExceeded"));

        sandbox.clearFaults();
        Report redelivered = FaultFixture.deliver(sandbox, event, FaultLab.PATIENT);
        Report third = FaultFixture.deliver(sandbox, event, FaultLab.PATIENT);

        assertThat(redelivered.hasFailures()).isFalse();
        assertThat(actions(List.of(throttled, redelivered), Outcome.DONE))
                .containsExactlyInAnyOrderElementsOf(actions(once.reports(), Outcome.DONE));
        assertThat(third.actions()).extracting(ActionResult::outcome).doesNotContain(Outcome.DONE, Outcome.FAILED);
        assertThat(lab.faultyState().differencesFrom(once.state())).isEmpty();
    }
}
