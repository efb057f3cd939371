package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.testing.SandboxHarness;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 8: {@code --regions us-east-1,us-east-1} planned every action twice and counted it twice against
 * {@code maxActionsPerRun}. Each region is covered once. (A policy file listing a region twice is refused.)
 */
class RegionsNamedTwiceTest {

    @Test
    void plansEachActionOnce_whenARegionIsNamedTwice() {
        try (SandboxHarness sandbox = ExpiryFixture.tricky()) {
            Config config = ExpiryFixture.trickyPolicy();
            Report once = run(sandbox, config, List.of("us-east-1"));
            Report twice = run(sandbox, config, List.of("us-east-1", "us-east-1"));

            assertThat(once.actions()).isNotEmpty();
            assertThat(twice.actions()).extracting(ActionResult::resourceId)
                    .containsExactlyElementsOf(once.actions().stream().map(ActionResult::resourceId).toList());
            assertThat(twice.regions()).containsExactly("us-east-1");
        }
    }

    private static Report run(SandboxHarness sandbox, Config config, List<String> regions) {
        return new ExpiryRun(sandbox.housekeeping(Clock.systemUTC(), RunLog.silent()))
                .run(sandbox.request(config, regions, true));
    }
}
