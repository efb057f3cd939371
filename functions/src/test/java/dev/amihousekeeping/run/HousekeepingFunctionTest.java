package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.events.AttributeChanged;
import dev.amihousekeeping.events.HousekeepingEvent;
import dev.amihousekeeping.events.ImageCreated;
import dev.amihousekeeping.events.ImageStateChanged;
import dev.amihousekeeping.events.ScheduledRun;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The registry is the one list of the functions: every event kind goes to exactly one, through a route it has. */
class HousekeepingFunctionTest {

    private static final Housekeeping WIRING = new Housekeeping(null, null, Notifier.none(), Clock.systemUTC());

    @Test
    void eachEventKindButTheSchedule_isTakenByExactlyOneFunction_asTheDeployedRulesSendThem() {
        assertThat(takers(AttributeChanged.class)).containsExactly(HousekeepingFunction.PUBLIC_SHARE);
        assertThat(takers(ImageCreated.class)).containsExactly(HousekeepingFunction.CROSS_REGION_COPY);
        assertThat(takers(ImageStateChanged.class)).containsExactly(HousekeepingFunction.CROSS_REGION_COPY);
        assertThat(takers(ScheduledRun.class)).containsExactly(HousekeepingFunction.values());
    }

    @ParameterizedTest
    @EnumSource(HousekeepingFunction.class)
    void eachFunctionsRun_isNamedAsRegistered_andHasARouteForEachEventItTakes(HousekeepingFunction function) {
        FunctionRun run = function.create(WIRING);

        Set<Class<? extends HousekeepingEvent>> routed = run.routes().stream().map(EventRoute::kind)
                .collect(Collectors.toSet());
        Set<Class<? extends HousekeepingEvent>> taken = new HashSet<>(function.eventKinds());
        taken.remove(ScheduledRun.class);

        assertThat(run.name()).isEqualTo(function.functionName());
        assertThat(HousekeepingFunction.named(run.name())).contains(function);
        assertThat(routed).isEqualTo(taken);
        assertThat(function.handlerClass()).startsWith("dev.amihousekeeping.handler.").endsWith("Handler");
    }

    @Test
    void aFunctionGivenAnEventItDoesNotTake_reportsItIgnored_andRunsNothing() {
        RunRequest request = new RunRequest(Config.defaults(), List.of("us-east-1"), true,
                Instant.parse("2026-11-01T00:00:00Z"), "run-1");
        HousekeepingEvent available = new ImageStateChanged("us-east-1", "ami-0a1b2c3d4e5f60009", "available",
                request.now(), null);

        Report report = HousekeepingFunction.PUBLIC_SHARE.create(WIRING).handle(available, request);

        assertThat(report.actions()).isEmpty();
        assertThat(report.kept()).singleElement().satisfies(k -> assertThat(k.reason())
                .isEqualTo("ignored: event ImageStateChanged is not one public-share handles"));
    }

    private static List<HousekeepingFunction> takers(Class<? extends HousekeepingEvent> kind) {
        return List.of(HousekeepingFunction.values()).stream()
                .filter(function -> function.eventKinds().contains(kind)).toList();
    }
}
