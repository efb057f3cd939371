package dev.amihousekeeping.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchedulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"rate(1 day)", "rate(2 days)", "rate(1 hour)", "rate(15 minutes)", "cron(0 3 * * ? *)",
            "cron(0/30 8-17 ? * MON-FRI *)"})
    void accepts_eventBridgeScheduleExpressions(String expression) {
        assertThat(Schedules.withOverrides(Map.of("expiry", expression)).expiry()).isEqualTo(expression);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(1 days)", "rate(2 day)", "rate(0 hours)", "rate(1 week)", "cron(0 3 * * ?)",
            "daily", "", "at(2026-11-01T03:00:00)"})
    void rejects_whatEventBridgeRulesWouldRefuse(String expression) {
        assertThatThrownBy(() -> Schedules.withOverrides(Map.of("copyCatchUp", expression)))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("schedules.copyCatchUp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"expiry", "orphanSnapshots", "publicShareSweep", "copyCatchUp"})
    void override_changesOnlyItsOwnSchedule(String key) {
        Schedules schedules = Schedules.withOverrides(Map.of(key, "rate(12 hours)"));
        long changed = java.util.stream.Stream.of(
                        schedules.expiry().equals(Schedules.DEFAULTS.expiry()),
                        schedules.orphanSnapshots().equals(Schedules.DEFAULTS.orphanSnapshots()),
                        schedules.publicShareSweep().equals(Schedules.DEFAULTS.publicShareSweep()),
                        schedules.copyCatchUp().equals(Schedules.DEFAULTS.copyCatchUp()))
                .filter(same -> !same).count();
        assertThat(changed).isEqualTo(1);
    }
}
