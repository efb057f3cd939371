package dev.amihousekeeping.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.run.EventDispatcher;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryableFailuresTest {

    private static Report report(List<ActionResult> actions, List<RegionError> errors) {
        return new Report("cross-region-copy", false, Instant.parse("2026-11-01T00:00:00Z"), List.of("us-east-1"),
                actions, List.of(), errors, 0);
    }

    private static ActionResult failedCopy(String region, String detail) {
        return new ActionResult(region, ResourceType.IMAGE, "ami-1", ActionType.COPY, "dr-copy", Outcome.FAILED,
                detail);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ResourceLimitExceeded: You have reached the limit of concurrent AMI copies (destination us-west-2)|true",
            "RequestLimitExceeded: Request limit exceeded. (destination us-west-2)|true",
            "SdkClientException: Unable to execute HTTP request|true",
            "UnauthorizedOperation: You are not authorized to perform this operation. (destination us-west-2)|false",
            "Client.UnauthorizedOperation: denied|false",
            "InvalidKMSKey.InvalidState: key is disabled (destination us-west-2, kmsKeyId alias/ami-dr)|false",
            "KMSKeyNotAccessibleFault: no grant (destination us-west-2)|false",
            "IdempotentParameterMismatch: token reused with other parameters|false"})
    void retriesAFailedCopy_onlyWhenARetryCouldMendIt(String detail, boolean retryable) {
        assertThat(RetryableFailures.any(report(List.of(failedCopy("us-west-2", detail)), List.of())))
                .isEqualTo(retryable);
    }

    @Test
    void retries_whenOneRegionFailedTransientlyAndAnotherPermanently() {
        Report report = report(List.of(
                failedCopy("us-west-2", "UnauthorizedOperation: denied (destination us-west-2)"),
                failedCopy("eu-west-1", "ResourceLimitExceeded: too many copies (destination eu-west-1)")), List.of());

        assertThat(RetryableFailures.any(report)).isTrue();
    }

    @Test
    void retries_whenARegionCouldNotBeRead_butNotForACopyThatFailedInEc2() {
        assertThat(RetryableFailures.any(report(List.of(),
                List.of(new RegionError("eu-west-1", "RequestLimitExceeded", "Request limit exceeded."))))).isTrue();
        assertThat(RetryableFailures.any(report(List.of(),
                List.of(new RegionError("eu-west-1", "CopyFailed", "copy ami-2 failed"))))).isFalse();
    }

    @Test
    void neverRetriesABadEvent_evenWithOtherFailures() {
        Report report = report(List.of(failedCopy("us-west-2", "RequestLimitExceeded: slow down")),
                List.of(new RegionError(null, EventDispatcher.INVALID_EVENT, "not JSON")));

        assertThat(RetryableFailures.any(report)).isFalse();
    }

    @Test
    void doesNotRetry_whenNothingFailed() {
        ActionResult done = new ActionResult("us-west-2", ResourceType.IMAGE, "ami-1", ActionType.COPY, "dr-copy",
                Outcome.DONE, "copy ami-2 started in us-west-2");

        assertThat(RetryableFailures.any(report(List.of(done), List.of()))).isFalse();
    }
}
