package dev.amihousekeeping.ec2;

import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ImageState;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.TestActions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecheckTest {

    private final Ec2Gateway gateway = mock(Ec2Gateway.class);

    private static Image image(ImageState state, boolean deregistrationProtection, Map<String, String> tags) {
        return new Image(REGION, "ami-1", "web-1", "111122223333", state, Instant.parse("2026-10-01T00:00:00Z"),
                tags, false, null, null, deregistrationProtection, null, null, List.of());
    }

    private static Action on(ActionType type) {
        return TestActions.of(REGION, ResourceType.IMAGE, "ami-1", type, "expired");
    }

    @Test
    void skips_whenTheImageNoLongerExists() {
        when(gateway.describeImage(REGION, "ami-1")).thenReturn(Optional.empty());

        assertThat(Recheck.stillPresent(gateway).skipReason(on(ActionType.DEREGISTER)))
                .contains("re-check: image ami-1 no longer exists");
    }

    /** A protected image and a pending one may not be deregistered yet, but may be tagged (the notice stage). */
    @ParameterizedTest(name = "{0}, protected={1}")
    @CsvSource({
            "AVAILABLE, true,  re-check: deregistration protection is on",
            "PENDING,   false, re-check: image is pending",
    })
    void skipsTheDeregistration_butNotTheTag_whenProtectedSincePlanningOrPending(ImageState state,
            boolean deregistrationProtection, String reason) {
        when(gateway.describeImage(REGION, "ami-1"))
                .thenReturn(Optional.of(image(state, deregistrationProtection, Map.of())));

        assertThat(Recheck.stillPresent(gateway).skipReason(on(ActionType.DEREGISTER))).contains(reason);
        assertThat(Recheck.stillPresent(gateway).skipReason(on(ActionType.TAG))).isEmpty();
    }

    @Test
    void appliesTheFunctionsRule_toTheFreshlyReadImage() {
        when(gateway.describeImage(REGION, "ami-1"))
                .thenReturn(Optional.of(image(ImageState.AVAILABLE, false, Map.of("Retain", "yes"))));
        Recheck recheck = Recheck.of(gateway,
                (action, fresh) -> fresh.tags().containsKey("Retain") ? Optional.of("exempt-tag Retain")
                        : Optional.empty(),
                (action, snapshot) -> Optional.empty());

        assertThat(recheck.skipReason(on(ActionType.DEREGISTER))).contains("exempt-tag Retain");
    }

    @Test
    void rereadsACopysSourceImage_inTheSourceRegion() {
        when(gateway.describeImage(REGION, "ami-1")).thenReturn(Optional.of(image(ImageState.PENDING, false, Map.of())));
        Action copy = new Action.Copy("us-west-2", "ami-1", "dr", REGION, "web-1", null, null, null, true, Map.of(),
                List.of());

        assertThat(Recheck.stillPresent(gateway).skipReason(copy)).contains("re-check: image is pending");
    }

    @Test
    void skips_whenTheSnapshotNoLongerExists() {
        when(gateway.describeSnapshot(REGION, "snap-1")).thenReturn(Optional.empty());
        Action delete = TestActions.of(REGION, ResourceType.SNAPSHOT, "snap-1", ActionType.DELETE_SNAPSHOT, "orphan");

        assertThat(Recheck.stillPresent(gateway).skipReason(delete))
                .contains("re-check: snapshot snap-1 no longer exists");
    }
}
