package dev.amihousekeeping.faults;

import static dev.amihousekeeping.faults.FaultFixture.APP;
import static dev.amihousekeeping.faults.FaultFixture.EAST;
import static dev.amihousekeeping.faults.FaultFixture.EU;
import static dev.amihousekeeping.faults.FaultFixture.EXPIRED;
import static dev.amihousekeeping.faults.FaultFixture.EXPIRED_DEPRECATED;
import static dev.amihousekeeping.faults.FaultFixture.EXPIRED_EU;
import static dev.amihousekeeping.faults.FaultFixture.ORPHAN_1;
import static dev.amihousekeeping.faults.FaultFixture.ORPHAN_2;
import static dev.amihousekeeping.faults.FaultFixture.ORPHAN_3;
import static dev.amihousekeeping.faults.FaultFixture.ORPHAN_EU_1;
import static dev.amihousekeeping.faults.FaultFixture.ORPHAN_EU_2;
import static dev.amihousekeeping.faults.FaultFixture.SHARED;
import static dev.amihousekeeping.faults.FaultFixture.TOOLS_EU;
import static dev.amihousekeeping.faults.FaultFixture.WEB;
import static dev.amihousekeeping.faults.FaultFixture.WEB_SNAPSHOT;
import static dev.amihousekeeping.faults.Scenario.actions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fault-free night every fault test compares with: it must do real work in both regions (a fault with nothing
 * to hit proves nothing), and it must be a fixed point, so that "a rerun after the fault ends where the fault-free
 * run ended" is a fair comparison.
 */
class FaultFixtureTest {

    @RegisterExtension
    static final FaultLab lab = new FaultLab();

    @Test
    void faultFreeNight_givesEveryFunctionWorkInBothRegions() {
        FaultLab.Reference night = lab.faultFree(Scenario.night());

        assertThat(actions(night.reports(), Outcome.DONE)).containsExactlyInAnyOrder(
                EAST + "/" + EXPIRED_DEPRECATED + " deregister", EAST + "/" + EXPIRED + " deprecate",
                EU + "/" + EXPIRED_EU + " deregister",
                EAST + "/" + ORPHAN_1 + " delete-snapshot", EAST + "/" + ORPHAN_2 + " delete-snapshot",
                EAST + "/" + ORPHAN_3 + " delete-snapshot", EU + "/" + ORPHAN_EU_1 + " delete-snapshot",
                EU + "/" + ORPHAN_EU_2 + " delete-snapshot",
                EAST + "/" + SHARED + " remove-grant", EAST + "/" + WEB_SNAPSHOT + " remove-grant",
                EU + "/" + TOOLS_EU + " remove-grant",
                EAST + "/image-block-public-access enable-block-public-access",
                EAST + "/snapshot-block-public-access enable-block-public-access",
                EU + "/image-block-public-access enable-block-public-access",
                EU + "/snapshot-block-public-access enable-block-public-access",
                EU + "/" + WEB + " copy", EU + "/" + APP + " copy");
        assertThat(night.reports()).allSatisfy(report -> {
            assertThat(report.errors()).isEmpty();
            assertThat(report.actions()).allSatisfy(a -> assertThat(a.outcome()).isEqualTo(Outcome.DONE));
        });
        // 17 changes, and one CreateTags of the recycle tags before each of the 2 deregistrations and 5 deletions.
        assertThat(night.mutatingCalls()).isEqualTo(24);
    }

    @Test
    void faultFreeNight_isAFixedPoint_soARerunAfterAFaultHasNothingElseToDo_invariant7() {
        Scenario night = Scenario.night();
        FaultLab.Reference reference = lab.faultFree(night);
        SandboxHarness sandbox = lab.faulty();
        night.runOn(sandbox, FaultLab.PATIENT);

        List<Report> second = night.runOn(sandbox, FaultLab.PATIENT);

        assertThat(second).allSatisfy(report -> assertThat(report.actions()).isEmpty());
        assertThat(lab.faultyState().differencesFrom(reference.state())).isEmpty();
        assertThat(lab.faultyState().differencesFrom(lab.initialState())).isNotEmpty();
    }
}
