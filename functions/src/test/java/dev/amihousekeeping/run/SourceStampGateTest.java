package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ImageState;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.core.port.Applied;
import dev.amihousekeeping.core.port.Precondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gate that holds a source's stamp back while a copy's stamp failed, and keeps its re-check's read-ahead. */
class SourceStampGateTest {

    private static final Image SOURCE = new Image("us-east-1", "ami-00000000000000001", "web-1", "111122223333",
            ImageState.AVAILABLE, Instant.parse("2026-11-01T00:00:00Z"), Map.of(), false, null, null, false, null,
            null, List.of());
    private static final Action COPY_TAG = new Action.Tag("us-west-2", ResourceType.IMAGE, "ami-000000000000000c1",
            "copy-stamp CreatedBy", Map.of("CreatedBy", "arn"));
    private static final Action SOURCE_TAG = new Action.Tag("us-east-1", ResourceType.IMAGE, SOURCE.imageId(),
            "tag-on-create CreatedBy", Map.of("CreatedBy", "arn"));

    private final List<String> calls = new ArrayList<>();
    private final Precondition recheck =
            new RecordingRecheck(calls, upcoming -> calls.add("prepare " + upcoming.size()));

    @Test
    void passesTheReadAheadOnToItsRecheck() throws Exception {
        SourceStampGate gate = new SourceStampGate(SOURCE, new Plan(List.of(COPY_TAG), List.of()));

        gate.precondition(recheck).prepare(List.of(COPY_TAG, SOURCE_TAG));

        assertThat(calls).containsExactly("prepare 2");
    }

    @Test
    void holdsTheSourcesTagBack_onceACopysTagFailed() throws Exception {
        SourceStampGate gate = new SourceStampGate(SOURCE, new Plan(List.of(COPY_TAG), List.of()));
        ActionApplier failing = gate.applier(action -> {
            throw new IllegalStateException("RequestLimitExceeded");
        });

        assertThatThrownBy(() -> failing.apply(COPY_TAG)).hasMessage("RequestLimitExceeded");
        Optional<String> reason = gate.precondition(recheck).skipReason(SOURCE_TAG);

        assertThat(reason).hasValueSatisfying(r -> assertThat(r).startsWith("held back: tagging copy "
                + COPY_TAG.resourceId() + " in us-west-2 failed"));
        assertThat(calls).isEmpty();
    }

    @Test
    void letsTheSourcesTagThrough_whenTheCopysTagWasDone() throws Exception {
        SourceStampGate gate = new SourceStampGate(SOURCE, new Plan(List.of(COPY_TAG), List.of()));

        gate.applier(action -> Applied.done("tagged")).apply(COPY_TAG);

        assertThat(gate.precondition(recheck).skipReason(SOURCE_TAG)).isEmpty();
        assertThat(calls).containsExactly("recheck " + SOURCE.imageId());
    }
}
