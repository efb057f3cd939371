package dev.amihousekeeping.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.json.ReportJson;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonNamedTest {

    static Stream<Class<? extends Enum<?>>> namedEnums() {
        return Stream.of(Outcome.class, ResourceType.class, ActionType.class, OrphanScope.class, PublicShareMode.class);
    }

    @ParameterizedTest
    @MethodSource("namedEnums")
    void json_isTheNameJacksonWritesAndReads(Class<? extends Enum<?>> type) throws Exception {
        for (Enum<?> constant : type.getEnumConstants()) {
            String name = ((JsonNamed) constant).json();
            assertThat(ReportJson.mapper().writeValueAsString(constant)).isEqualTo("\"" + name + "\"");
            assertThat(ReportJson.mapper().readValue("\"" + name + "\"", type)).isSameAs(constant);
        }
    }

    @ParameterizedTest
    @MethodSource("namedEnums")
    void json_isTheConstantsNameInKebabCase_asThePolicyAndReportSpellThem(Class<? extends Enum<?>> type) {
        List<String> expected = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toList();
        assertThat(Arrays.stream(type.getEnumConstants()).map(c -> ((JsonNamed) c).json()).toList())
                .isEqualTo(expected);
    }
}
