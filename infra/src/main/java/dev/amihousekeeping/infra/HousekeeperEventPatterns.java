package dev.amihousekeeping.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Match;

/**
 * The event patterns that trigger the event-driven functions (DESIGN §9). The home stack's rules and every
 * {@link RegionalForwarderStack} use these same patterns (a forwarder's narrowed to its own region), so a
 * forwarded event matches at home as it did where it happened. Each pattern takes only events whose {@code region}
 * is one the functions may act in: an event from any other region would invoke a function whose role is denied
 * there, and fail into its DLQ and alarm.
 */
public final class HousekeeperEventPatterns {
    /** Grants on AMIs and snapshots changed: public-share re-reads the attribute and removes what offends. */
    public static final String SHARE_CHANGED = "ShareChanged";
    /** A new AMI exists: cross-region-copy stamps it and copies it when it is available. */
    public static final String IMAGE_CREATED = "ImageCreated";
    /** An AMI finished creating: cross-region-copy copies what was still pending at CreateImage time. */
    public static final String IMAGE_AVAILABLE = "ImageAvailable";

    private HousekeeperEventPatterns() {
    }

    /**
     * All patterns by name, in a stable order, each matching only events from {@code regions}.
     *
     * @param regions the regions whose events count, at least one; a forwarded event keeps the {@code region} it
     *                happened in, so the home rules list every configured region
     */
    public static Map<String, EventPattern> all(List<String> regions) {
        if (regions.isEmpty()) {
            // An empty list would render no region filter at all, which is exactly what this guards against.
            throw new IllegalArgumentException("event patterns need at least one region");
        }
        List<String> inRegions = regions.stream().distinct().toList();
        Map<String, EventPattern> patterns = new LinkedHashMap<>();
        patterns.put(SHARE_CHANGED, ec2ApiCalls(inRegions, "ModifyImageAttribute", "ModifySnapshotAttribute"));
        patterns.put(IMAGE_CREATED, ec2ApiCalls(inRegions, "CreateImage", "RegisterImage", "CopyImage"));
        patterns.put(IMAGE_AVAILABLE, EventPattern.builder()
                .source(List.of("aws.ec2"))
                .detailType(List.of("EC2 AMI State Change"))
                .region(inRegions)
                .detail(Map.of("State", List.of("available")))
                .build());
        return patterns;
    }

    /**
     * Successful EC2 API calls as CloudTrail reports them. A call that failed ({@code errorCode} present) changed
     * nothing, so it triggers nothing; the same event names from other services (AppStream, SageMaker) neither.
     */
    private static EventPattern ec2ApiCalls(List<String> regions, String... eventNames) {
        return EventPattern.builder()
                .source(List.of("aws.ec2"))
                .detailType(List.of("AWS API Call via CloudTrail"))
                .region(regions)
                .detail(Map.of(
                        "eventSource", List.of("ec2.amazonaws.com"),
                        "eventName", List.of(eventNames),
                        "errorCode", Match.doesNotExist()))
                .build();
    }
}
