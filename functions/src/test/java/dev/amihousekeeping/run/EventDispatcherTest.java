package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.events.EventParser;
import dev.amihousekeeping.events.HousekeepingEvent;
import dev.amihousekeeping.events.ImageStateChanged;
import dev.amihousekeeping.events.Invalid;
import dev.amihousekeeping.events.ScheduledRun;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventDispatcherTest {

    private static final RunRequest REQUEST = new RunRequest(Config.defaults(), List.of("us-east-1"), true,
            Instant.parse("2026-11-01T00:00:00Z"), "run-1");

    private final EventDispatcher dispatcher = new EventDispatcher(List.of(
            named("expiry"), named("orphan-snapshots"), named("public-share"), named("cross-region-copy")));

    @ParameterizedTest
    @CsvSource({
            "arn:aws:events:us-east-1:111122223333:rule/AmiHousekeeper-expiry-schedule, expiry",
            "arn:aws:events:us-east-1:111122223333:rule/AmiHousekeeper-orphan-snapshots-x, orphan-snapshots",
            "arn:aws:scheduler:us-east-1:111122223333:schedule/default/ami-public-share-sweep, public-share",
            "arn:aws:events:us-east-1:111122223333:rule/AmiHousekeeper-cross-region-copy-catchup, cross-region-copy",
            "arn:aws:events:us-east-1:111122223333:rule/AmiHousekeeper-ExpirySchedule5B1C7D2E-1QW7Z3K9X0ABC, expiry",
            "arn:aws:events:us-east-1:111122223333:rule/AmiHousekeeper-OrphanSnapshotsSchedule8E4A2F61-7H2, orphan-snapshots",
            "arn:aws:events:us-east-1:111122223333:rule/AmiHousekeeper-PublicShareSweepSchedule3C9D0B7A-2T4, public-share",
            "arn:aws:events:us-east-1:111122223333:rule/AmiHousekeeper-CrossRegionCopyCatchUpSchedule6F-9K1, cross-region-copy"})
    void schedule_goesToTheFunctionItsRuleIsNamedAfter(String ruleArn, String function) {
        Optional<FunctionRun> target = dispatcher.route(new ScheduledRun(ruleArn, REQUEST.now(), "us-east-1", null));

        assertThat(target).map(FunctionRun::name).contains(function);
    }

    @Test
    void amiStateChange_goesToCrossRegionCopy() {
        HousekeepingEvent event = new ImageStateChanged("us-east-1", "ami-0a1b2c3d4e5f60009", "available",
                REQUEST.now(), null);

        assertThat(dispatcher.route(event)).map(FunctionRun::name).contains("cross-region-copy");
    }

    @Test
    void scheduleNamingNoFunction_isIgnoredWithTheReason() {
        Report report = dispatcher.dispatch(new ScheduledRun("arn:aws:events:us-east-1:1:rule/nightly", REQUEST.now(),
                "us-east-1", null), REQUEST);

        assertThat(report.actions()).isEmpty();
        assertThat(report.kept()).singleElement().satisfies(k -> assertThat(k.reason())
                .startsWith("ignored: schedule arn:aws:events:us-east-1:1:rule/nightly names no function"));
    }

    @Test
    void invalidEvent_becomesAnInvalidEventError_andRunsNothing() {
        Report report = dispatcher.dispatch(EventParser.parse("[]"), REQUEST);

        assertThat(EventParser.parse("[]")).isInstanceOf(Invalid.class);
        assertThat(report.errors()).singleElement()
                .satisfies(e -> assertThat(e.code()).isEqualTo(EventDispatcher.INVALID_EVENT));
        assertThat(report.actions()).isEmpty();
    }

    private static FunctionRun named(String name) {
        return new FunctionRun() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Report run(RunRequest request) {
                throw new AssertionError("not expected to run");
            }
        };
    }
}
