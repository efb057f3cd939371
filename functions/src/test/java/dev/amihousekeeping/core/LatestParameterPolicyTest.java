package dev.amihousekeeping.core;

import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.LatestParametersConfig;
import dev.amihousekeeping.config.Selector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Latest-AMI parameters: the newest available AMI of each lineage, never an older one, never someone else's. */
class LatestParameterPolicyTest {

    private static final String PREFIX = "/ami-housekeeping/latest/";
    private static final Map<String, String> OURS = Map.of("ManagedBy", "ami-housekeeping");
    private static final LatestParameterPolicy POLICY =
            new LatestParameterPolicy(new LatestParametersConfig(true, PREFIX, Selector.all()), null);

    private static Image image(String id, String name, String created) {
        return new TestImage(REGION, id, name, "111122223333", null, Map.of()).created(created).build();
    }

    private static final Image WEB_1 = image("ami-00000000000000001", "web-2026-10-01", "2026-10-01T00:00:00Z");
    private static final Image WEB_2 = image("ami-00000000000000002", "web-2026-10-15", "2026-10-15T00:00:00Z");
    private static final Image WEB_3 = image("ami-00000000000000003", "web-2026-11-01", "2026-11-01T00:00:00Z");

    private static Plan plan(List<Image> images, Optional<SsmParameter> current, Image... named) {
        LatestParameterPolicy.Newest newest = POLICY.newest(REGION, images);
        Map<String, Optional<SsmParameter>> parameters = current.isEmpty() ? Map.of()
                : Map.of(current.get().name(), current);
        Map<String, Image> namedImages = new HashMap<>();
        for (Image image : named) {
            namedImages.put(image.imageId(), image);
        }
        return POLICY.plan(newest, parameters, namedImages);
    }

    private static Optional<SsmParameter> parameter(String value, Map<String, String> tags) {
        return Optional.of(new SsmParameter(REGION, PREFIX + "web", value, tags));
    }

    @Test
    void setsParameter_toNewestAvailableOfLineage_whenMissing() {
        Image pending = new TestImage(REGION, "ami-00000000000000004", "web-2026-11-02", "111122223333", null,
                Map.of()).created("2026-11-02T00:00:00Z").state(ImageState.PENDING).build();

        Plan plan = plan(List.of(WEB_1, WEB_3, WEB_2, pending), Optional.empty());

        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.SetParameter.class, set -> {
            assertThat(set.resourceId()).isEqualTo("/ami-housekeeping/latest/web");
            assertThat(set.imageId()).isEqualTo(WEB_3.imageId());
            assertThat(set.create()).isTrue();
            assertThat(set.resourceType()).isEqualTo(ResourceType.PARAMETER);
            assertThat(set.type()).isEqualTo(ActionType.SET_PARAMETER);
            assertThat(set.reason()).startsWith("latest of lineage web: " + WEB_3.imageId());
        });
    }

    @Test
    void movesOurParameter_toNewer() {
        Plan plan = plan(List.of(WEB_1, WEB_2, WEB_3), parameter(WEB_2.imageId(), OURS), WEB_2);

        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.SetParameter.class, set -> {
            assertThat(set.imageId()).isEqualTo(WEB_3.imageId());
            assertThat(set.create()).isFalse();
            assertThat(set.previousValue()).isEqualTo(WEB_2.imageId());
        });
    }

    @Test
    void neverMovesToOlder_whenParameterNamesNewerImage() {
        // The parameter names an AMI newer than any available one of the lineage (say, made in another way).
        Image newer = image("ami-00000000000000009", "web-2026-12-01", "2026-12-01T00:00:00Z");

        Plan plan = plan(List.of(WEB_1, WEB_3), parameter(newer.imageId(), OURS), newer);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).singleElement().satisfies(kept -> {
            assertThat(kept.resourceType()).isEqualTo(ResourceType.PARAMETER);
            assertThat(kept.reason()).startsWith("never-older: /ami-housekeeping/latest/web names " + newer.imageId());
        });
    }

    @Test
    void keepsForeignParameter_whenNotTaggedManagedBy() {
        Plan plan = plan(List.of(WEB_1, WEB_3), parameter(WEB_1.imageId(), Map.of("Owner", "platform")), WEB_1);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).singleElement().satisfies(kept ->
                assertThat(kept.reason()).startsWith("foreign-parameter: no tag ManagedBy=ami-housekeeping"));
    }

    @Test
    void keepsParameter_whenAlreadyNewest() {
        Plan plan = plan(List.of(WEB_1, WEB_3), parameter(WEB_3.imageId(), OURS), WEB_3);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).singleElement().satisfies(kept ->
                assertThat(kept.reason()).isEqualTo("latest-parameter: already " + WEB_3.imageId()));
    }

    @Test
    void repairsOurParameter_whenItNamesAnImageThatIsGone() {
        Plan plan = plan(List.of(WEB_1), parameter("ami-0000000000000dead", OURS));

        assertThat(plan.actions()).singleElement().satisfies(set ->
                assertThat(((Action.SetParameter) set).imageId()).isEqualTo(WEB_1.imageId()));
    }

    @Test
    void replacesCharactersSsmRefuses_andSkipsLineageWithNoLetterOrDigit() {
        Image spaced = image("ami-00000000000000011", "my web/app: v2 2026-10-01", "2026-10-01T00:00:00Z");
        Image punctuation = image("ami-00000000000000012", "#!?", "2026-10-01T00:00:00Z");

        Plan plan = plan(List.of(spaced, punctuation), Optional.empty());

        assertThat(plan.actions()).singleElement().satisfies(set ->
                assertThat(set.resourceId()).isEqualTo("/ami-housekeeping/latest/my-web-app-"));
        assertThat(plan.kept()).singleElement().satisfies(kept -> {
            assertThat(kept.resourceId()).isEqualTo(punctuation.imageId());
            assertThat(kept.reason()).startsWith("lineage-unnamable: lineage \"#!?\"");
        });
    }

    @Test
    void oneParameterPerLineage_onlyForSelectedImages() {
        LatestParameterPolicy tagged = new LatestParameterPolicy(new LatestParametersConfig(true, PREFIX,
                new Selector(Map.of("Latest", "yes"), null)), "Family");
        Image api = new TestImage(REGION, "ami-00000000000000021", "api-7", "111122223333", null,
                Map.of("Latest", "yes", "Family", "backend")).created("2026-10-01T00:00:00Z").build();

        LatestParameterPolicy.Newest newest = tagged.newest(REGION, List.of(WEB_3, api));

        assertThat(newest.byParameter()).containsOnlyKeys("/ami-housekeeping/latest/backend");
    }

    @Test
    void recheck_refusesWrite_whenParameterBecameForeignOrNewerOrImageGone() {
        Action.SetParameter set = new Action.SetParameter(REGION, PREFIX + "web", "latest", WEB_3.imageId(),
                WEB_3.creationDate(), "web", false, WEB_2.imageId());
        Image newer = image("ami-00000000000000009", "web-2026-12-01", "2026-12-01T00:00:00Z");

        assertThat(LatestParameterPolicy.recheck(set, Optional.of(WEB_3), parameter(WEB_2.imageId(), OURS),
                Optional.of(WEB_2))).isEmpty();
        assertThat(LatestParameterPolicy.recheck(set, Optional.of(WEB_3), parameter(WEB_2.imageId(), Map.of()),
                Optional.of(WEB_2))).hasValueSatisfying(r -> assertThat(r).startsWith("foreign-parameter"));
        assertThat(LatestParameterPolicy.recheck(set, Optional.of(WEB_3), parameter(newer.imageId(), OURS),
                Optional.of(newer))).hasValueSatisfying(r -> assertThat(r).startsWith("never-older"));
        assertThat(LatestParameterPolicy.recheck(set, Optional.empty(), parameter(WEB_2.imageId(), OURS),
                Optional.of(WEB_2))).hasValue("image " + WEB_3.imageId() + " is gone");
        assertThat(LatestParameterPolicy.recheck(set, Optional.of(WEB_3), Optional.empty(), Optional.empty()))
                .hasValue("parameter deleted since planning");
    }
}
