package dev.amihousekeeping.events;

import static dev.amihousekeeping.events.EventSamples.detail;
import static dev.amihousekeeping.events.EventSamples.requestParameters;
import static dev.amihousekeeping.events.EventSamples.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed events: each is a real sample with one defect (or not an event at all), and each comes back as
 * {@link Invalid} with one line that names what is wrong.
 */
class EventParserInvalidInputTest {

    static Stream<Arguments> malformedEvents() {
        return Stream.of(
                raw("empty input", "", "empty input: expected an EventBridge event"),
                raw("blank input", " \n ", "empty input: expected an EventBridge event"),
                raw("not JSON", "ModifyImageAttribute ami-0a1b2c3d4e5f60718", "not JSON: Unrecognized token"),
                raw("truncated JSON", "{\"detail-type\": \"Scheduled Event\", ", "not JSON: Unexpected end-of-input"),
                raw("trailing content", "{} {}", "not JSON: Trailing token"),
                raw("array", "[{\"detail-type\": \"Scheduled Event\"}]", "event must be a JSON object, got array"),
                raw("string", "\"Scheduled Event\"", "event must be a JSON object, got string"),
                raw("null", "null", "event must be a JSON object, got null"),
                raw("nested too deep", "[".repeat(5_000) + "]".repeat(5_000), "not JSON: Document nesting depth"),
                raw("map item with an extra key", "{\"account\":\"222233334444\",\"region\":\"eu-west-1\",\"x\":1}",
                        "a map item must have exactly the keys account and region, got account, region, x"),
                raw("map item without region", "{\"account\":\"222233334444\"}",
                        "a map item must have exactly the keys account and region, got account"),
                raw("map item account of 11 digits", "{\"account\":\"22223333444\",\"region\":\"eu-west-1\"}",
                        "account '22223333444' is not a 12-digit AWS account id"),
                raw("map item account a number", "{\"account\":222233334444,\"region\":\"eu-west-1\"}",
                        "account must be a string, got number"),
                raw("map item region unknown", "{\"account\":\"222233334444\",\"region\":\"eu-west-9\"}",
                        "region 'eu-west-9' is not an AWS region"),
                raw("map item region not a region", "{\"account\":\"222233334444\",\"region\":\"Ireland\"}",
                        "region 'Ireland' is not a region name"),
                raw("listTargets false", "{\"listTargets\":false}",
                        "a target list request must be exactly {\"listTargets\": true}"),
                raw("listTargets with a region", "{\"listTargets\":true,\"region\":\"eu-west-1\"}",
                        "a target list request must be exactly {\"listTargets\": true}"),
                edited("no detail-type", "scheduled-event.json", e -> e.remove("detail-type"),
                        "detail-type is missing"),
                edited("detail-type a number", "scheduled-event.json", e -> e.put("detail-type", 7),
                        "detail-type must be a string, got number"),
                edited("no source", "modify-image-attribute-public.json", e -> e.remove("source"),
                        "source is missing"),
                edited("no detail", "modify-image-attribute-public.json", e -> e.remove("detail"),
                        "detail is missing"),
                edited("detail not an object", "modify-image-attribute-public.json", e -> e.put("detail", "{}"),
                        "detail must be an object, got string"),
                edited("no eventSource", "modify-image-attribute-public.json", e -> detail(e).remove("eventSource"),
                        "detail.eventSource is missing"),
                edited("no eventName", "modify-image-attribute-public.json", e -> detail(e).remove("eventName"),
                        "detail.eventName is missing"),
                edited("errorCode a number", "modify-image-attribute-public.json",
                        e -> detail(e).put("errorCode", 403), "detail.errorCode must be a string, got number"),
                edited("no requestParameters", "modify-image-attribute-public.json",
                        e -> detail(e).remove("requestParameters"), "detail.requestParameters is missing"),
                edited("requestParameters null", "modify-image-attribute-public.json",
                        e -> detail(e).putNull("requestParameters"), "detail.requestParameters is missing"),
                edited("no imageId", "modify-image-attribute-public.json",
                        e -> requestParameters(e).remove("imageId"), "detail.requestParameters.imageId is missing"),
                edited("imageId a number", "modify-image-attribute-public.json",
                        e -> requestParameters(e).put("imageId", 12345),
                        "detail.requestParameters.imageId must be a string, got number"),
                badImageId("imageId not an AMI id", "i-0123456789abcdef0"),
                badImageId("imageId with too few hex digits", "ami-1"),
                badImageId("imageId in upper case", "ami-0A1B2C3D4E5F60001"),
                badImageId("imageId of 16 hex digits", "ami-0a1b2c3d4e5f6000"),
                edited("AMI State Change ImageId not an AMI id", "ami-state-change-available.json",
                        e -> ((ObjectNode) e.path("detail"))
                                .put("ImageId", "ami-../../x"),
                        "detail.ImageId 'ami-../../x' is not an AMI id"),
                badSnapshotId("snapshotId with a path in it", "snap-0a1b2c3d/../x"),
                badSnapshotId("snapshotId not a snapshot id", "vol-0123456789abcdef0"),
                edited("launchPermission a list", "modify-image-attribute-public.json",
                        e -> requestParameters(e).putArray("launchPermission").addObject().put("group", "all"),
                        "detail.requestParameters.launchPermission must be an object, got array"),
                edited("items not a list", "modify-image-attribute-public.json",
                        e -> ((ObjectNode) e.at("/detail/requestParameters/launchPermission/add"))
                                .putObject("items").put("group", "all"),
                        "detail.requestParameters.launchPermission.add.items must be a list, got object"),
                edited("item not an object", "modify-image-attribute-public.json",
                        e -> ((ObjectNode) e.at("/detail/requestParameters/launchPermission/add"))
                                .putArray("items").add("all"),
                        "detail.requestParameters.launchPermission.add.items[0] must be an object, got string"),
                edited("item names two grantees", "modify-image-attribute-public.json",
                        e -> ((ObjectNode) e.at("/detail/requestParameters/launchPermission/add/items/0"))
                                .put("userId", "999988887777"),
                        "detail.requestParameters.launchPermission.add.items[0] names 2 grantees (group, userId); "
                                + "a grant names exactly one"),
                edited("item names no grantee", "modify-snapshot-attribute-account.json",
                        e -> ((ObjectNode) e.at("/detail/requestParameters/createVolumePermission/add/items/0"))
                                .remove("userId"),
                        "detail.requestParameters.createVolumePermission.add.items[0] names no grantee "
                                + "(group, userId, organizationArn or organizationalUnitArn)"),
                edited("grantee a number", "modify-image-attribute-account.json",
                        e -> ((ObjectNode) e.at("/detail/requestParameters/launchPermission/add/items/0"))
                                .put("userId", 999988887777L),
                        "detail.requestParameters.launchPermission.add.items[0].userId must be a string, got number"),
                edited("no attribute at all", "modify-image-attribute-description.json", e -> {
                    requestParameters(e).remove("description");
                    requestParameters(e).remove("attributeType");
                }, "detail.requestParameters names no attribute to modify"),
                edited("eventTime not a time", "modify-image-attribute-public.json",
                        e -> detail(e).put("eventTime", "yesterday"),
                        "detail.eventTime 'yesterday' is not an ISO-8601 time"),
                edited("eventTime an impossible date", "modify-image-attribute-public.json",
                        e -> detail(e).put("eventTime", "2026-13-45T09:31:12Z"),
                        "detail.eventTime '2026-13-45T09:31:12Z' is not an ISO-8601 time"),
                edited("no region anywhere", "modify-image-attribute-public.json", e -> {
                    detail(e).remove("awsRegion");
                    e.remove("region");
                }, "no region: neither detail.awsRegion nor region is set"),
                edited("region not a region", "modify-image-attribute-public.json",
                        e -> detail(e).put("awsRegion", "US East (N. Virginia)"),
                        "detail.awsRegion 'US East (N. Virginia)' is not a region name"),
                edited("CreateImage without responseElements", "create-image.json",
                        e -> detail(e).putNull("responseElements"), "detail.responseElements is missing"),
                edited("CreateImage responseElements without imageId", "create-image.json",
                        e -> ((ObjectNode) detail(e).get("responseElements")).remove("imageId"),
                        "detail.responseElements.imageId is missing"),
                edited("CreateImage tags not a list", "create-image.json",
                        e -> ((ObjectNode) e.at("/detail/requestParameters/tagSpecificationSet/items/0"))
                                .put("tags", "Name=web"),
                        "detail.requestParameters.tagSpecificationSet.items[0].tags must be a list, got string"),
                edited("CopyImage without sourceImageId", "copy-image.json",
                        e -> requestParameters(e).remove("sourceImageId"),
                        "detail.requestParameters.sourceImageId is missing"),
                edited("CopyImage without sourceRegion", "copy-image.json",
                        e -> requestParameters(e).remove("sourceRegion"),
                        "detail.requestParameters.sourceRegion is missing"),
                edited("AMI state change without ImageId", "ami-state-change-available.json",
                        e -> detail(e).remove("ImageId"), "detail.ImageId is missing"),
                edited("AMI state a number", "ami-state-change-available.json",
                        e -> detail(e).put("State", 1), "detail.State must be a string, got number"),
                edited("AMI state change without region", "ami-state-change-available.json",
                        e -> e.remove("region"), "region is missing"),
                edited("scheduled event without time", "scheduled-event.json", e -> e.remove("time"),
                        "time is missing"),
                edited("scheduled event time in local form", "scheduled-event.json",
                        e -> e.put("time", "2026-11-01 03:00:00"),
                        "time '2026-11-01 03:00:00' is not an ISO-8601 time"),
                edited("scheduled event resource not a string", "scheduled-event.json",
                        e -> e.putArray("resources").addObject(), "resources[0] must be a string, got object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedEvents")
    void invalid_namesWhatIsWrong(String name, String json, String expectedReason) {
        HousekeepingEvent event = EventParser.parse(json);

        assertThat(event).isInstanceOf(Invalid.class);
        String reason = ((Invalid) event).reason();
        if (expectedReason.startsWith("not JSON: ")) {
            assertThat(reason).startsWith(expectedReason).doesNotContain("\n");
        } else {
            assertThat(reason).isEqualTo(expectedReason);
        }
    }

    private static Arguments raw(String name, String json, String reason) {
        return Arguments.of(name, json, reason);
    }

    /** A ModifyImageAttribute record whose imageId is {@code value}, which is not an AMI id. */
    private static Arguments badImageId(String name, String value) {
        return edited(name, "modify-image-attribute-public.json", e -> requestParameters(e).put("imageId", value),
                "detail.requestParameters.imageId '" + value + "' is not an AMI id");
    }

    /** A ModifySnapshotAttribute record whose snapshotId is {@code value}, which is not a snapshot id. */
    private static Arguments badSnapshotId(String name, String value) {
        return edited(name, "modify-snapshot-attribute-public.json",
                e -> requestParameters(e).put("snapshotId", value),
                "detail.requestParameters.snapshotId '" + value + "' is not a snapshot id");
    }

    private static Arguments edited(String name, String sample, Consumer<ObjectNode> edit, String reason) {
        ObjectNode event = tree(sample);
        edit.accept(event);
        return Arguments.of(name, event.toString(), reason);
    }
}
