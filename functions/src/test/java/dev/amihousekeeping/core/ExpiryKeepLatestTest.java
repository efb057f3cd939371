package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.ExpiryTestConfig.config;
import static dev.amihousekeeping.core.ExpiryTestImage.expired;
import static dev.amihousekeeping.core.ExpiryTestImage.nth;
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
                nth(1, "web-2026-01-01"),
                nth(2, "web-v2"),
                nth(3, "web-1.4.2"),
                nth(4, "web_2026_04_01"));

        assertThat(outcome).containsOnly(
                Map.entry("ami-0001", "deregister"),
                Map.entry("ami-0002", "deregister"),
                Map.entry("ami-0003", "keep-latest 2 of web"),
                Map.entry("ami-0004", "keep-latest 2 of web"));
    }

    @Test
    void deregisters_whenANewerImageThatIsNotExpiredTakesThePlace() {
        Map<String, String> outcome = plan(config().keepLatest(1),
                nth(1, "web-v1"),
                nth(2, "web-v2").tag("DeleteOn", "2027-01-01"));

        assertThat(outcome).containsEntry("ami-0001", "deregister")
                .containsEntry("ami-0002", "not-expired: DeleteOn=2027-01-01");
    }

    @Test
    void keeps_nextNewest_whenNewestFailedOrIsPending() {
        Map<String, String> outcome = plan(config().keepLatest(1),
                nth(1, "web-v1"),
                nth(2, "web-v2"),
                nth(3, "web-v3").state(ImageState.FAILED),
                nth(4, "web-v4").state(ImageState.PENDING));

        assertThat(outcome).containsOnly(
                Map.entry("ami-0001", "deregister"),
                Map.entry("ami-0002", "keep-latest 1 of web"),
                Map.entry("ami-0003", "deregister"),
                Map.entry("ami-0004", "pending"));
    }

    @Test
    void keeps_disabledNewest_asAPlaceHolder() {
        Map<String, String> outcome = plan(config().keepLatest(1),
                nth(1, "web-v1"),
                nth(2, "web-v2").state(ImageState.DISABLED));

        assertThat(outcome).containsEntry("ami-0001", "deregister").containsEntry("ami-0002", "keep-latest 1 of web");
    }

    @Test
    void groupsByLineageTag_whenConfigured() {
        Map<String, String> outcome = plan(config().keepLatest(1).lineageTagKey("Lineage"),
                nth(1, "frontend-v1").tag("Lineage", "web"),
                nth(2, "nginx-build").tag("Lineage", "web"),
                nth(3, "web-v3").tag("Lineage", "api"));

        assertThat(outcome).containsOnly(
                Map.entry("ami-0001", "deregister"),
                Map.entry("ami-0002", "keep-latest 1 of web"),
                Map.entry("ami-0003", "keep-latest 1 of api"));
    }

    @Test
    void ignoresImagesOutsideSelectorOrNotOwned_whenCountingTheNewest() {
        Map<String, String> outcome = plan(config().keepLatest(1).selector(new Selector(Map.of("Team", "web"), null)),
                nth(1, "web-v1").tag("Team", "web"),
                nth(2, "web-v2").tag("Team", "data"),
                nth(3, "web-v3").tag("Team", "web")
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
    private static Map<String, String> plan(ExpiryTestConfig config, TestImage... images) {
        Inventory inventory = inventory(Arrays.stream(images).map(TestImage::build).toArray(Image[]::new));
        Plan plan = config.plan(inventory);
        Map<String, String> outcome = plan.actions().stream()
                .collect(Collectors.toMap(Action::resourceId, a -> a.type().json()));
        plan.kept().forEach(k -> outcome.put(k.resourceId(), k.reason()));
        return outcome;
    }
}
