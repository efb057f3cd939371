package dev.amihousekeeping.events;

import static dev.amihousekeeping.events.EventSamples.AMI;
import static dev.amihousekeeping.events.EventSamples.SNAPSHOT;
import static dev.amihousekeeping.events.EventSamples.detail;
import static dev.amihousekeeping.events.EventSamples.parse;
import static dev.amihousekeeping.events.EventSamples.parseEdited;
import static dev.amihousekeeping.events.EventSamples.requestParameters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.ResourceType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ModifyImageAttribute and ModifySnapshotAttribute records, as public-share receives them. */
class EventParserAttributeChangeTest {

    private static final String ORG = "arn:aws:organizations::444455556666:organization/o-exampleorgid";
    private static final String OU = "arn:aws:organizations::444455556666:ou/o-exampleorgid/ou-ab12-cd34ef56";

    @Test
    void imageAttributeChanged_whenLaunchPermissionMadePublic_withWhoFromWhereAndWhen() {
        AttributeChanged change = change(parse("modify-image-attribute-public.json"), ResourceType.IMAGE);

        assertThat(change.resourceId()).isEqualTo(AMI);
        assertThat(change.attribute()).isEqualTo("launchPermission");
        assertThat(change.added()).containsExactly(LaunchPermission.publicGroup());
        assertThat(change.removed()).isEmpty();
        assertThat(change.region()).isEqualTo("us-east-1");
        CloudTrailContext context = change.context();
        assertThat(context.eventName()).isEqualTo("ModifyImageAttribute");
        assertThat(context.eventSource()).isEqualTo("ec2.amazonaws.com");
        assertThat(context.eventTime()).isEqualTo(Instant.parse("2026-10-14T09:31:12Z"));
        assertThat(context.userArn()).isEqualTo("arn:aws:iam::111122223333:user/jdoe");
        assertThat(context.principalId()).isEqualTo("AIDAEXAMPLEUSERID01");
        assertThat(context.accountId()).isEqualTo("111122223333");
        assertThat(context.sourceIpAddress()).isEqualTo("203.0.113.24");
        assertThat(context.userAgent()).startsWith("aws-cli/2.17.42");
        assertThat(context.requestId()).isEqualTo("7c1f5b1e-3a52-4d7e-9b0e-2f6a8d4c9e01");
        assertThat(context.eventId()).isEqualTo("0d9c2e4b-51a7-4c8e-8f3d-6b2a1e7c5d90");
    }

    @ParameterizedTest
    @CsvSource({
            "modify-image-attribute-account.json,      userId,                999988887777",
            "modify-image-attribute-organization.json, organizationArn,       " + ORG,
            "modify-image-attribute-ou.json,           organizationalUnitArn, " + OU,
    })
    void imageAttributeChanged_readsEachGranteeKind(String sample, String kind, String value) {
        AttributeChanged change = change(parse(sample), ResourceType.IMAGE);

        LaunchPermission expected = switch (kind) {
            case "userId" -> LaunchPermission.user(value);
            case "organizationArn" -> LaunchPermission.organization(value);
            default -> LaunchPermission.organizationalUnit(value);
        };
        assertThat(change.added()).containsExactly(expected);
    }

    @Test
    void assumedRoleCaller_isNamedBySessionArn() {
        AttributeChanged change = change(parse("modify-image-attribute-account.json"), ResourceType.IMAGE);

        assertThat(change.context().userArn())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/ImageBuilderRole/build-pipeline");
        assertThat(change.context().sourceIpAddress()).isEqualTo("198.51.100.7");
    }

    @Test
    void consoleCall_withoutAttributeType_addingAndRemoving_keepsBothLists() {
        AttributeChanged change = change(parse("modify-image-attribute-console-mixed.json"), ResourceType.IMAGE);

        assertThat(change.attribute()).isEqualTo("launchPermission");
        assertThat(change.added()).containsExactly(LaunchPermission.user("999988887777"), LaunchPermission.publicGroup());
        assertThat(change.removed()).containsExactly(LaunchPermission.user("444455556666"));
    }

    @Test
    void ignored_whenImageCallOnlyRemovesGrants() {
        assertThat(parse("modify-image-attribute-remove-only.json"))
                .isEqualTo(new Ignored("ModifyImageAttribute only removes grants"));
    }

    @Test
    void ignored_whenSnapshotCallOnlyRemovesGrants() {
        assertThat(parse("modify-snapshot-attribute-remove-only.json"))
                .isEqualTo(new Ignored("ModifySnapshotAttribute only removes grants"));
    }

    @Test
    void ignored_whenDescriptionChanges() {
        assertThat(parse("modify-image-attribute-description.json"))
                .isEqualTo(new Ignored("ModifyImageAttribute changes description, not launchPermission"));
    }

    @Test
    void ignored_whenDescriptionChanges_withoutAttributeType() {
        HousekeepingEvent event = parseEdited("modify-image-attribute-description.json",
                e -> requestParameters(e).remove("attributeType"));

        assertThat(event).isEqualTo(new Ignored("ModifyImageAttribute changes description, not launchPermission"));
    }

    @Test
    void ignored_whenCallFailed() {
        assertThat(parse("modify-image-attribute-unauthorized.json"))
                .isEqualTo(new Ignored("errorCode Client.UnauthorizedOperation: the call failed, nothing changed"));
    }

    @Test
    void snapshotAttributeChanged_whenMadePublic_withAttributeInApiSpelling() {
        AttributeChanged change = change(parse("modify-snapshot-attribute-public.json"), ResourceType.SNAPSHOT);

        assertThat(change.resourceId()).isEqualTo(SNAPSHOT);
        assertThat(change.attribute()).isEqualTo("createVolumePermission");
        assertThat(change.added()).containsExactly(LaunchPermission.publicGroup());
        assertThat(change.context().userArn()).isEqualTo("arn:aws:iam::111122223333:user/jdoe");
    }

    @Test
    void snapshotAttributeChanged_whenSharedWithAccount() {
        AttributeChanged change = change(parse("modify-snapshot-attribute-account.json"), ResourceType.SNAPSHOT);

        assertThat(change.added()).containsExactly(LaunchPermission.user("999988887777"));
    }

    @Test
    void ignored_whenSnapshotProductCodesChange() {
        HousekeepingEvent event = parseEdited("modify-snapshot-attribute-public.json", e -> {
            requestParameters(e).remove("createVolumePermission");
            requestParameters(e).put("attributeType", "PRODUCT_CODES");
        });

        assertThat(event).isEqualTo(new Ignored("ModifySnapshotAttribute changes productCodes, not createVolumePermission"));
    }

    @Test
    void olderRequestForm_withoutLaunchPermissionStructure_isStillAChange_forTheReReadToDecide() {
        HousekeepingEvent event = parseEdited("modify-image-attribute-public.json", e -> {
            requestParameters(e).remove("launchPermission");
            requestParameters(e).remove("attributeType");
            requestParameters(e).put("operationType", "add");
            requestParameters(e).putObject("userGroup").putArray("items").addObject().put("value", "all");
        });

        AttributeChanged change = change(event, ResourceType.IMAGE);
        assertThat(change.attribute()).isEqualTo("launchPermission");
        assertThat(change.added()).isEmpty();
        assertThat(change.removed()).isEmpty();
    }

    @Test
    void region_fallsBackToEnvelope_whenRecordHasNone() {
        HousekeepingEvent event = parseEdited("modify-image-attribute-public.json", e -> {
            detail(e).remove("awsRegion");
            e.put("region", "eu-central-1");
        });

        assertThat(change(event, ResourceType.IMAGE).region()).isEqualTo("eu-central-1");
    }

    @Test
    void recordRegion_winsOverEnvelope_forForwardedEvents() {
        HousekeepingEvent event = parseEdited("modify-image-attribute-public.json", e -> e.put("region", "us-west-2"));

        assertThat(change(event, ResourceType.IMAGE).region()).isEqualTo("us-east-1");
    }

    @Test
    void unknownExtraFields_areIgnored_sinceRecordsGrow() {
        HousekeepingEvent event = parseEdited("modify-image-attribute-public.json", e -> {
            detail(e).putObject("additionalEventData").put("someNewField", 42);
            detail(e).put("eventVersion", "1.99");
            ((ObjectNode) e.at("/detail/requestParameters/launchPermission/add/items/0"))
                    .put("futureQualifier", "x");
        });

        assertThat(change(event, ResourceType.IMAGE).added()).isEqualTo(List.of(LaunchPermission.publicGroup()));
    }

    @Test
    void awsServiceCaller_withoutArn_hasNullUserArn() {
        HousekeepingEvent event = parseEdited("modify-image-attribute-public.json", e -> {
            detail(e).putObject("userIdentity").put("type", "AWSService").put("invokedBy", "imagebuilder.amazonaws.com");
            detail(e).put("sourceIPAddress", "imagebuilder.amazonaws.com");
        });

        CloudTrailContext context = change(event, ResourceType.IMAGE).context();
        assertThat(context.userArn()).isNull();
        assertThat(context.sourceIpAddress()).isEqualTo("imagebuilder.amazonaws.com");
        assertThat(context.accountId()).isEqualTo("111122223333");
    }

    @Test
    void attributeChange_isOfAnImageOrASnapshot_never_ofAnotherKind() {
        AttributeChanged image = change(parse("modify-image-attribute-public.json"), ResourceType.IMAGE);

        assertThatThrownBy(() -> new AttributeChanged(image.context(), ResourceType.ACCOUNT, image.resourceId(),
                image.attribute(), image.added(), image.removed()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ACCOUNT");
    }

    /** {@code event} as the attribute change of a {@code type} it must be. */
    private static AttributeChanged change(HousekeepingEvent event, ResourceType type) {
        assertThat(event).isInstanceOf(AttributeChanged.class);
        AttributeChanged change = (AttributeChanged) event;
        assertThat(change.resourceType()).isEqualTo(type);
        return change;
    }
}
