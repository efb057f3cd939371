package dev.amihousekeeping.events;

import dev.amihousekeeping.core.ResourceType;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the CloudTrail record in the {@code detail} of an {@code AWS API Call via CloudTrail} event into the
 * events the functions act on. Field names are CloudTrail's ({@code requestID}, {@code sourceIPAddress},
 * {@code requestParameters.launchPermission.add.items}); unknown extra fields are ignored, since records grow.
 */
final class CloudTrailRecordParser {

    static final String EC2_EVENT_SOURCE = "ec2.amazonaws.com";

    private static final String LAUNCH_PERMISSION = "launchPermission";
    private static final String CREATE_VOLUME_PERMISSION = "createVolumePermission";
    private static final String COPY_IMAGE = "CopyImage";

    /** Request fields that say which grant a call changes but are not themselves an attribute. */
    private static final Set<String> NOT_AN_ATTRIBUTE = Set.of("attributeType", "operationType", "dryRun",
            "imageId", "snapshotId");
    /**
     * Fields of the older request form ({@code OperationType} with {@code UserId.N}/{@code UserGroup.N} instead of
     * a {@code LaunchPermission} structure). Their CloudTrail shape is not documented, so they only tell which
     * attribute changed; the handler's re-read finds the grants.
     */
    private static final List<String> LEGACY_GRANT_FIELDS = List.of("operationType", "userId", "userGroup",
            "groupName", "organizationArn", "organizationalUnitArn");

    private CloudTrailRecordParser() {
    }

    static HousekeepingEvent parse(EventNode envelope) {
        EventNode detail = envelope.object("detail");
        String eventSource = detail.text("eventSource");
        if (!EC2_EVENT_SOURCE.equals(eventSource)) {
            // AppStream, too, has a CreateImage; its images are not AMIs this account can share or copy.
            return new Ignored("eventSource " + shorten(eventSource) + " is not EC2");
        }
        String eventName = detail.text("eventName");
        Optional<String> errorCode = detail.optionalText("errorCode");
        if (errorCode.isPresent()) {
            return new Ignored("errorCode " + shorten(errorCode.get()) + ": the call failed, nothing changed");
        }
        switch (eventName) {
            case "ModifyImageAttribute":
                return attributeChange(envelope, detail, Resource.IMAGE);
            case "ModifySnapshotAttribute":
                return attributeChange(envelope, detail, Resource.SNAPSHOT);
            case "CreateImage":
            case "RegisterImage":
            case COPY_IMAGE:
                return imageCreated(envelope, detail, eventName);
            default:
                return new Ignored("unknown eventName " + shorten(eventName));
        }
    }

    private static HousekeepingEvent attributeChange(EventNode envelope, EventNode detail, Resource resource) {
        CloudTrailContext context = context(envelope, detail);
        EventNode request = detail.object("requestParameters");
        String resourceId = request.resourceId(resource.idField, resource.idPrefix, resource.idDescription);
        String attribute = attribute(request, resource);
        if (!attribute.equals(resource.permissionField)) {
            return new Ignored(context.eventName() + " changes " + shorten(attribute) + ", not "
                    + resource.permissionField);
        }
        GrantChanges changes = request.optionalObject(resource.permissionField)
                .map(GrantChanges::read)
                .orElse(GrantChanges.NONE);
        if (changes.onlyRemoves()) {
            return new Ignored(context.eventName() + " only removes grants");
        }
        ResourceType type = resource == Resource.IMAGE ? ResourceType.IMAGE : ResourceType.SNAPSHOT;
        return new AttributeChanged(context, type, resourceId, attribute, changes.added(), changes.removed());
    }

    /** The attribute a Modify*Attribute call changes, in the API's camelCase ({@code launchPermission}). */
    private static String attribute(EventNode request, Resource resource) {
        Optional<String> attributeType = request.optionalText("attributeType");
        if (attributeType.isPresent()) {
            return camelCase(attributeType.get());
        }
        if (request.has(resource.permissionField)) {
            return resource.permissionField;
        }
        for (String legacy : LEGACY_GRANT_FIELDS) {
            if (request.has(legacy)) {
                return resource.permissionField;
            }
        }
        // The console sends e.g. {"imageId": ..., "description": {"value": ...}} without attributeType.
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!NOT_AN_ATTRIBUTE.contains(name)) {
                return name;
            }
        }
        throw new MalformedEventException(request.path() + " names no attribute to modify");
    }

    /** CloudTrail writes {@code launchPermission} for images but {@code CREATE_VOLUME_PERMISSION} for snapshots. */
    static String camelCase(String attributeType) {
        if (!attributeType.contains("_") && !attributeType.equals(attributeType.toUpperCase(Locale.ROOT))) {
            return attributeType;
        }
        StringBuilder camel = new StringBuilder(attributeType.length());
        for (String word : attributeType.toLowerCase(Locale.ROOT).split("_")) {
            if (word.isEmpty()) {
                continue;
            }
            camel.append(camel.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return camel.toString();
    }

    private static HousekeepingEvent imageCreated(EventNode envelope, EventNode detail, String apiName) {
        CloudTrailContext context = context(envelope, detail);
        String imageId = detail.object("responseElements").resourceId("imageId", "ami-", "an AMI id");
        Optional<EventNode> request = detail.optionalObject("requestParameters");
        Map<String, String> tags = request.map(CloudTrailRecordParser::imageTags).orElse(Map.of());
        if (!COPY_IMAGE.equals(apiName)) {
            return new ImageCreated(context, imageId, apiName, null, null, tags);
        }
        EventNode copyRequest = request.orElseThrow(() -> detail.missing("requestParameters"));
        String sourceImageId = copyRequest.resourceId("sourceImageId", "ami-", "an AMI id");
        String sourceRegion = copyRequest.optionalRegion("sourceRegion")
                .orElseThrow(() -> copyRequest.missing("sourceRegion"));
        return new ImageCreated(context, imageId, apiName, sourceImageId, sourceRegion, tags);
    }

    /** Tags requested for the image: {@code tagSpecificationSet.items[resourceType=image].tags}. */
    private static Map<String, String> imageTags(EventNode request) {
        Optional<EventNode> specifications = request.optionalObject("tagSpecificationSet");
        if (specifications.isEmpty()) {
            return Map.of();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (EventNode specification : specifications.get().optionalList("items").orElse(List.of())) {
            EventNode spec = specification.asObject();
            if (!"image".equals(spec.optionalText("resourceType").orElse(""))) {
                continue;
            }
            for (EventNode tag : tagList(spec)) {
                EventNode keyValue = tag.asObject();
                tags.put(keyValue.text("key"), keyValue.optionalRawText("value").orElse(""));
            }
        }
        return tags;
    }

    /** CloudTrail writes {@code "tags": [...]} here, but EC2 sets elsewhere as {@code {"items": [...]}}; read both. */
    private static List<EventNode> tagList(EventNode specification) {
        if (specification.isObject("tags")) {
            return specification.object("tags").optionalList("items").orElse(List.of());
        }
        return specification.optionalList("tags").orElse(List.of());
    }

    private static CloudTrailContext context(EventNode envelope, EventNode detail) {
        Instant eventTime = detail.has("eventTime") ? detail.instant("eventTime") : envelope.instant("time");
        String region = detail.optionalRegion("awsRegion")
                .or(() -> envelope.optionalRegion("region"))
                .orElseThrow(() -> new MalformedEventException(
                        "no region: neither detail.awsRegion nor region is set"));
        Optional<EventNode> identity = detail.optionalObject("userIdentity");
        String accountId = detail.optionalText("recipientAccountId")
                .or(() -> envelope.optionalText("account"))
                .or(() -> identity.flatMap(i -> i.optionalText("accountId")))
                .orElse(null);
        return new CloudTrailContext(
                detail.text("eventName"),
                detail.text("eventSource"),
                eventTime,
                region,
                identity.flatMap(i -> i.optionalText("arn")).orElse(null),
                identity.flatMap(i -> i.optionalText("principalId")).orElse(null),
                accountId,
                detail.optionalText("sourceIPAddress").orElse(null),
                detail.optionalText("userAgent").orElse(null),
                detail.optionalText("requestID").orElse(null),
                detail.optionalText("eventID").orElse(null));
    }

    /** Values from the event in a reason: cut short, since reasons go to logs and whole events must not. */
    static String shorten(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "..." : value;
    }

    private enum Resource {
        IMAGE("imageId", "ami-", "an AMI id", LAUNCH_PERMISSION),
        SNAPSHOT("snapshotId", "snap-", "a snapshot id", CREATE_VOLUME_PERMISSION);

        final String idField;
        final String idPrefix;
        final String idDescription;
        final String permissionField;

        Resource(String idField, String idPrefix, String idDescription, String permissionField) {
            this.idField = idField;
            this.idPrefix = idPrefix;
            this.idDescription = idDescription;
            this.permissionField = permissionField;
        }
    }
}
