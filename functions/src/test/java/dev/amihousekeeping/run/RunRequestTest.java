package dev.amihousekeeping.run;

import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.config.Config;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunRequestTest {

    @Test
    void regionsBecomeTargetsOfTheOwnAccount_eachOnce_inTheOrderFirstNamed() {
        RunRequest request = new RunRequest(Config.defaults(), List.of("eu-west-1", "us-east-1", "eu-west-1"), true,
                NOW, "run-1");

        assertThat(request.targets()).containsExactly(Target.own("eu-west-1"), Target.own("us-east-1"));
        assertThat(request.regions()).containsExactly("eu-west-1", "us-east-1");
        assertThat(request.maxActionsPerRun()).isEqualTo(Config.defaults().maxActionsPerRun());
    }

    @Test
    void anEventsRegion_keepsTheRunsIdFunctionGatesAndAccount() {
        RunRequest request = new RunRequest("run-2", null, Config.defaults(),
                List.of(new Target("111122223333", "us-east-1")), false, NOW, 7).forFunction("public-share");

        RunRequest regional = request.inRegion("ap-southeast-2");

        assertThat(regional.targets()).containsExactly(new Target("111122223333", "ap-southeast-2"));
        assertThat(regional).extracting(RunRequest::runId, RunRequest::function, RunRequest::dryRun,
                RunRequest::maxActionsPerRun, RunRequest::startedAt).containsExactly("run-2", "public-share", false, 7, NOW);
    }

    @Test
    void aRunWithoutRegions_isRefused() {
        assertThatThrownBy(() -> new RunRequest(Config.defaults(), List.of(), true, NOW, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one region");
    }
}
