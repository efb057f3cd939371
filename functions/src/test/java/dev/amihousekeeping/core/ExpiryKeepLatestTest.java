package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.ExpiryTestConfig.config;
import static dev.amihousekeeping.core.ExpiryTestImage.NOW;
import static dev.amihousekeeping.core.ExpiryTestImage.cleanEvidence;
import static dev.amihousekeeping.core.ExpiryTestImage.expired;
import static dev.amihousekeeping.core.ExpiryTestImage.inventory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.Selector;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** keepLatest across a lineage: which images take the newest places, and which do not. */
class ExpiryKeepLatestTest {

    @Test
    void keeps_newestTwoOfLineage_andDeregistersTheRest() {
        Map<String, String> outcome = plan(config().keepLatest(2),
                expired("ami-0001").name("web-2026-01-01").created("2026-01-01T00:00:00Z"),
                expired("ami-0002").name("web-v2").created("2026-02-01T00:00:00Z"),
                expired("ami-0003").name("web-1.4.2").created("2026-03-01T00:00:00Z"),
                expired("ami-0004").name("web_2026_04_01").created("2026-04-01T00:00:00Z"));

        assertThat(outcome).containsOnly(
                Map.entry("ami-0001", "deregister"),
                Map.entry("ami-0002", "deregister"),
                Map.entry("ami-0003", "keep-latest 2 of web"),
                Map.entry("ami-0004", "keep-latest 2 of web"));
    }

    @Test
    void deregisters_whenANewerImageThatIsNotExpiredTakesThePlace() {
        Map<String, String> outcome = plan(config().keepLatest(1),
                expired("ami-0001").name("web-v1").created("2026-01-01T00:00:00Z"),
                expired("ami-0002").name("web-v2").created("2026-02-01T00:00:00Z").tag("DeleteOn", "2027-01-01"));

        assertThat(outcome).containsEntry("ami-0001", "deregister")
                .containsEntry("ami-0002", "not-expired: DeleteOn=2027-01-01");
    }

    @Test
    void keeps_nextNewest_whenNewestFailedOrIsPending() {
        Map<String, String> outcome = plan(config().keepLatest(1),
                expired("ami-0001").name("web-v1").created("2026-01-01T00:00:00Z"),
                expired("ami-0002").name("web-v2").created("2026-02-01T00:00:00Z"),
                expired("ami-0003").name("web-v3").created("2026-03-01T00:00:00Z").state(ImageState.FAILED),
                expired("ami-0004").name("web-v4").created("2026-04-01T00:00:00Z").state(ImageState.PENDING));

        assertThat(outcome).containsOnly(
                Map.entry("ami-0001", "deregister"),
                Map.entry("ami-0002", "keep-latest 1 of web"),
                Map.entry("ami-0003", "deregister"),
                Map.entry("ami-0004", "pending"));
    }

    @Test
    void keeps_disabledNewest_asAPlaceHolder() {
        Map<String, String> outcome = plan(config().keepLatest(1),
                expired("ami-0001").name("web-v1").created("2026-01-01T00:00:00Z"),
                expired("ami-0002").name("web-v2").created("2026-02-01T00:00:00Z").state(ImageState.DISABLED));

        assertThat(outcome).containsEntry("ami-0001", "deregister").containsEntry("ami-0002", "keep-latest 1 of web");
    }

    @Test
    void groupsByLineageTag_whenConfigured() {
        Map<String, String> outcome = plan(config().keepLatest(1).lineageTagKey("Lineage"),
                expired("ami-0001").name("frontend-v1").created("2026-01-01T00:00:00Z").tag("Lineage", "web"),
                expired("ami-0002").name("nginx-build").created("2026-02-01T00:00:00Z").tag("Lineage", "web"),
                expired("ami-0003").name("web-v3").created("2026-03-01T00:00:00Z").tag("Lineage", "api"));

        assertThat(outcome).containsOnly(
                Map.entry("ami-0001", "deregister"),
                Map.entry("ami-0002", "keep-latest 1 of web"),
                Map.entry("ami-0003", "keep-latest 1 of api"));
    }

    @Test
    void ignoresImagesOutsideSelectorOrNotOwned_whenCountingTheNewest() {
        Map<String, String> outcome = plan(config().keepLatest(1).selector(new Selector(Map.of("Team", "web"), null)),
                expired("ami-0001").name("web-v1").created("2026-01-01T00:00:00Z").tag("Team", "web"),
                expired("ami-0002").name("web-v2").created("2026-02-01T00:00:00Z").tag("Team", "data"),
                expired("ami-0003").name("web-v3").created("2026-03-01T00:00:00Z").tag("Team", "web")
                        .owner("999988887777"));

        assertThat(outcome).containsOnly(
                Map.entry("ami-0001", "keep-latest 1 of web"),
                Map.entry("ami-0003", "not-owned: owner 999988887777"));
    }

    @Test
    void keeps_everyImageWithoutNameOrTag_asALineageOfOne() {
        Map<String, String> outcome = plan(config().keepLatest(1),
                expired("ami-0001").name(null),
                expired("ami-0002").name(null));

        assertThat(outcome).containsOnly(
                Map.entry("ami-0001", "keep-latest 1 of ami-0001"),
                Map.entry("ami-0002", "keep-latest 1 of ami-0002"));
    }

    /** image id -> action type, or the kept reason. */
    private static Map<String, String> plan(ExpiryTestConfig config, ExpiryTestImage... images) {
        Inventory inventory = inventory(Arrays.stream(images).map(ExpiryTestImage::build).toArray(Image[]::new));
        Plan plan = config.policy().plan(inventory, cleanEvidence(inventory), NOW);
        Map<String, String> outcome = plan.actions().stream()
                .collect(Collectors.toMap(Action::resourceId, a -> a.type().json()));
        plan.kept().forEach(k -> outcome.put(k.resourceId(), k.reason()));
        return outcome;
    }
}
