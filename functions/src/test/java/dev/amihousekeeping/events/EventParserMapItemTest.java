package dev.amihousekeeping.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The organization deployment's map input: an item per target, and the request for the targets. */
class EventParserMapItemTest {

    @Test
    void item_isARunOverThatOneTarget() {
        assertThat(EventParser.parse("{\"account\":\"222233334444\",\"region\":\"eu-west-1\"}"))
                .isEqualTo(new TargetItem("222233334444", "eu-west-1"));
        assertThat(EventParser.parse("{\"region\":\"eu-west-1\",\"account\":\"222233334444\"}"))
                .isEqualTo(new TargetItem("222233334444", "eu-west-1"));
    }

    @Test
    void listTargets_isTheRequestForTheTargets() {
        assertThat(EventParser.parse("{\"listTargets\":true}")).isInstanceOf(ListTargets.class);
    }

    @Test
    void anEventBridgeEventWithAccountAndRegion_isNotAMapItem() {
        assertThat(EventParser.parse("{\"account\":\"222233334444\",\"region\":\"eu-west-1\",\"source\":\"aws.events\","
                + "\"detail\":{}}")).isInstanceOf(Invalid.class)
                .satisfies(e -> assertThat(((Invalid) e).reason()).isEqualTo("detail-type is missing"));
    }

    @Test
    void mergeResults_isTheRequestToMergeAMapRunsResults() {
        assertThat(EventParser.parse("{\"mergeResults\":{\"bucket\":\"results\",\"key\":\"expiry/abc/manifest.json\"}}"))
                .isEqualTo(new MergeResults("results", "expiry/abc/manifest.json"));
    }

    @Test
    void mergeResults_withAnotherKeyOrNoManifest_isInvalid() {
        for (String event : java.util.List.of(
                "{\"mergeResults\":{\"bucket\":\"results\",\"key\":\"expiry/abc/manifest.json\"},\"dryRun\":false}",
                "{\"mergeResults\":{\"bucket\":\"results\",\"key\":\"expiry/abc/manifest.json\",\"x\":1}}",
                "{\"mergeResults\":{\"bucket\":\"results\",\"key\":\"expiry/abc/SUCCEEDED_0.json\"}}",
                "{\"mergeResults\":{\"bucket\":\"\",\"key\":\"expiry/abc/manifest.json\"}}",
                "{\"mergeResults\":true}")) {
            assertThat(EventParser.parse(event)).as(event).isInstanceOf(Invalid.class);
        }
    }
}
