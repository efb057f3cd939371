package dev.amihousekeeping.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.amihousekeeping.config.AwsRegions;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one way in for every trigger: the raw EventBridge JSON a Lambda handler receives (as a
 * {@code RequestStreamHandler} stream) or {@code ami-housekeeping handle --event FILE} reads. It reads the
 * envelope's {@code detail-type} and hands the {@code detail} to the reader for that kind:
 * <ul>
 *   <li>{@code Scheduled Event} from {@code aws.events} or {@code aws.scheduler}: {@link ScheduledRun};</li>
 *   <li>{@code AWS API Call via CloudTrail} (and {@code AWS Service Event via CloudTrail}):
 *       {@link AttributeChanged}, {@link ImageCreated};</li>
 *   <li>{@code EC2 AMI State Change}: {@link ImageStateChanged};</li>
 *   <li>no {@code detail-type}, the organization deployment's map input: {@link TargetItem}
 *       ({@code {"account": ..., "region": ...}}) and {@link ListTargets} ({@code {"listTargets": true}}).</li>
 * </ul>
 * Bad input never throws (DESIGN §6, invariant 8): it comes back as {@link Invalid} or {@link Ignored} with a
 * one-line reason. Only a failure to read the stream itself throws, since that is no fault of the event.
 */
public final class EventParser {

    static final String SCHEDULED_EVENT = "Scheduled Event";
    static final String CLOUDTRAIL_API_CALL = "AWS API Call via CloudTrail";
    static final String CLOUDTRAIL_SERVICE_EVENT = "AWS Service Event via CloudTrail";
    static final String AMI_STATE_CHANGE = "EC2 AMI State Change";

    /** The EventBridge {@code detail-type}s some function handles; an event of any other is {@link Ignored}. */
    public static final List<String> DETAIL_TYPES = List.of(SCHEDULED_EVENT, CLOUDTRAIL_API_CALL,
            CLOUDTRAIL_SERVICE_EVENT, AMI_STATE_CHANGE);

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private EventParser() {
    }

    public static HousekeepingEvent parse(String json) {
        return json == null || json.isBlank() ? empty() : read(() -> MAPPER.readTree(json));
    }

    /** Parses UTF-8 (or UTF-16/32, detected) JSON bytes. */
    public static HousekeepingEvent parse(byte[] json) {
        return json == null || json.length == 0 ? empty() : read(() -> MAPPER.readTree(json));
    }

    /** Reads the whole stream and parses it. Throws only when the stream itself cannot be read. */
    public static HousekeepingEvent parse(InputStream in) throws IOException {
        return parse(in.readAllBytes());
    }

    /** Parses an event already read as a tree (e.g. by a test or the CLI). */
    public static HousekeepingEvent parse(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            return empty();
        }
        try {
            return dispatch(EventNode.root(root));
        } catch (MalformedEventException e) {
            return new Invalid(e.getMessage());
        } catch (RuntimeException e) {
            // A shape the readers did not foresee must not crash-loop the function (invariant 8): report it.
            return new Invalid("could not read event: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The file a Distributed Map's result writer lists its result files in. */
    private static final String MANIFEST = "manifest.json";

    private static HousekeepingEvent dispatch(EventNode root) {
        if (!root.isObjectRoot()) {
            throw new MalformedEventException("event must be a JSON object, got " + root.rootType());
        }
        // An EventBridge event always has detail-type, source and detail; a map item has none of them.
        if (!root.has("detail-type") && !root.has("source") && !root.has("detail")
                && (root.has("listTargets") || root.has("mergeResults") || root.has("account") || root.has("region"))) {
            return mapItem(root);
        }
        String detailType = root.text("detail-type");
        String source = root.text("source");
        switch (detailType) {
            case SCHEDULED_EVENT:
                return scheduled(root, source);
            case CLOUDTRAIL_API_CALL:
            case CLOUDTRAIL_SERVICE_EVENT:
                // EventBridge refuses PutEvents with an aws.* source, so this prefix is AWS's own word.
                if (!source.startsWith("aws.")) {
                    return new Ignored("source " + CloudTrailRecordParser.shorten(source) + " is not an AWS service");
                }
                return CloudTrailRecordParser.parse(root);
            case AMI_STATE_CHANGE:
                return amiStateChange(root, source);
            default:
                return new Ignored("detail-type " + CloudTrailRecordParser.shorten(detailType) + " not handled");
        }
    }

    private static HousekeepingEvent scheduled(EventNode root, String source) {
        if (!source.equals("aws.events") && !source.equals("aws.scheduler")) {
            return new Ignored("Scheduled Event from source " + CloudTrailRecordParser.shorten(source)
                    + " not handled");
        }
        // detail is {} for rules and "{}" (a string) for EventBridge Scheduler: nothing in it is needed.
        Instant time = root.instant("time");
        String ruleArn = root.optionalList("resources")
                .filter(resources -> !resources.isEmpty())
                .map(resources -> resources.get(0).asText())
                .orElse(null);
        return new ScheduledRun(ruleArn, time, root.optionalRegion("region").orElse(null),
                root.optionalText("account").orElse(null));
    }

    /**
     * The organization deployment's input (DESIGN §2): exactly {@code {"listTargets": true}}, or exactly
     * {@code {"account", "region"}} with a 12-digit account and a region name. Any other key is malformed rather
     * than ignored: a run over the wrong target must not start from an item that was half understood.
     */
    private static HousekeepingEvent mapItem(EventNode root) {
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        if (root.has("listTargets")) {
            if (keys.size() != 1 || !"true".equals(root.optionalRawJson("listTargets"))) {
                throw new MalformedEventException("a target list request must be exactly {\"listTargets\": true}");
            }
            return new ListTargets();
        }
        if (root.has("mergeResults")) {
            return mergeResults(root, keys);
        }
        if (keys.size() != 2 || !keys.containsAll(List.of("account", "region"))) {
            throw new MalformedEventException("a map item must have exactly the keys account and region, got "
                    + String.join(", ", keys));
        }
        String account = root.text("account");
        if (!ACCOUNT_ID.matcher(account).matches()) {
            throw new MalformedEventException("account " + EventNode.quote(account)
                    + " is not a 12-digit AWS account id");
        }
        String region = root.optionalRegion("region").orElseThrow(() -> root.missing("region"));
        if (!AwsRegions.isKnown(region)) {
            throw new MalformedEventException("region " + EventNode.quote(region) + " is not an AWS region");
        }
        return new TargetItem(account, region);
    }

    /** Exactly {@code {"mergeResults": {"bucket": "...", "key": ".../manifest.json"}}}, nothing else. */
    private static HousekeepingEvent mergeResults(EventNode root, List<String> keys) {
        if (keys.size() != 1) {
            throw new MalformedEventException("a merge request must be exactly {\"mergeResults\": {\"bucket\", \"key\"}}");
        }
        EventNode merge = root.object("mergeResults");
        List<String> fields = new ArrayList<>();
        merge.fieldNames().forEachRemaining(fields::add);
        if (fields.size() != 2 || !fields.containsAll(List.of("bucket", "key"))) {
            throw new MalformedEventException("mergeResults must have exactly the keys bucket and key, got "
                    + String.join(", ", fields));
        }
        String bucket = merge.text("bucket");
        String key = merge.text("key");
        if (bucket.isBlank() || !key.endsWith(MANIFEST)) {
            throw new MalformedEventException("mergeResults: key " + EventNode.quote(key) + " of bucket "
                    + EventNode.quote(bucket) + " is not a map run's " + MANIFEST);
        }
        return new MergeResults(bucket, key);
    }

    private static HousekeepingEvent amiStateChange(EventNode root, String source) {
        if (!source.equals("aws.ec2")) {
            return new Ignored(AMI_STATE_CHANGE + " from source " + CloudTrailRecordParser.shorten(source)
                    + " not handled");
        }
        EventNode detail = root.object("detail");
        String imageId = detail.resourceId("ImageId", "ami-", "an AMI id");
        String state = detail.text("State");
        String region = root.optionalRegion("region").orElseThrow(() -> root.missing("region"));
        Instant time = root.instant("time");
        Optional<String> errorMessage = detail.optionalText("ErrorMessage");
        switch (state) {
            case "available":
            case "failed":
            case "deregistered":
            case "disabled":
                return new ImageStateChanged(region, imageId, state, time, errorMessage.orElse(null));
            case "pending":
                return new Ignored("AMI state pending: not ready yet, its available event follows");
            default:
                return new Ignored("AMI state " + CloudTrailRecordParser.shorten(state) + " not handled");
        }
    }

    private static Invalid empty() {
        return new Invalid("empty input: expected an EventBridge event");
    }

    /** A source Jackson reads into a tree. */
    private interface JsonSource {
        JsonNode read() throws IOException;
    }

    private static HousekeepingEvent read(JsonSource source) {
        try {
            return parse(source.read());
        } catch (JsonProcessingException e) {
            return notJson(e);
        } catch (IOException e) {
            // Reading a string or a byte array does no I/O; Jackson declares it all the same.
            return new Invalid("not JSON: " + e.getMessage());
        }
    }

    private static Invalid notJson(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        String firstLine = message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return new Invalid("not JSON: " + firstLine + where);
    }
}
