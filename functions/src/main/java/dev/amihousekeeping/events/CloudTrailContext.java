package dev.amihousekeeping.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Who made an EC2 API call, from where and when, as CloudTrail recorded it: what an alert shows and what the
 * {@code CreatedBy} tag is stamped from. {@code awsRegion} is the region of the call ({@code detail.awsRegion},
 * else the envelope's {@code region}). {@code accountId} is the account the call acted on
 * ({@code recipientAccountId}, else the envelope's {@code account}). {@code userArn} is {@code userIdentity.arn};
 * it, {@code principalId}, {@code sourceIpAddress}, {@code userAgent}, {@code requestId} and {@code eventId} are
 * null when the record lacks them (AWS service events have no caller ARN).
 */
public record CloudTrailContext(
        String eventName,
        String eventSource,
        Instant eventTime,
        String awsRegion,
        String userArn,
        String principalId,
        String accountId,
        String sourceIpAddress,
        String userAgent,
        String requestId,
        String eventId) {

    public CloudTrailContext {
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(eventSource, "eventSource");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(awsRegion, "awsRegion");
    }
}
