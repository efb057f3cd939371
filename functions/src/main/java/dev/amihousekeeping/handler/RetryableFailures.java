package dev.amihousekeeping.handler;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.run.EventDispatcher;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether an event run's failures are worth Lambda's asynchronous retries (DESIGN §6, invariant 11). A retry
 * mends throttling, 5xx and a full copy quota, not a missing permission, a bad KMS key or a bad parameter: those
 * would fail the same way twice more and then park the event in the DLQ, burying the real alarm under retries.
 * The report already says what failed; this only decides whether to throw after it.
 *
 * <p>The error code is read from where the run puts it: a {@link RegionError}'s code, and the leading
 * {@code <Code>:} of a failed action's detail (the executor and the applier write {@code <Code>: message}). A
 * failure whose code is unknown counts as retryable: retrying a permanent failure costs two calls, while
 * dropping a transient one loses the event.
 */
final class RetryableFailures {

    /** EC2 codes a retry cannot mend ({@code Client.} prefixes are read without it). */
    private static final Set<String> PERMANENT = Set.of(
            FunctionHandler.INVALID_CONFIG, EventDispatcher.INVALID_EVENT,
            "UnauthorizedOperation", "AuthFailure", "OptInRequired", "Blocked",
            "InvalidParameter", "InvalidParameterValue", "InvalidParameterCombination", "InvalidParameterDependency",
            "MissingParameter", "IdempotentParameterMismatch", "InvalidAMIName.Duplicate", "InvalidAMIName.Malformed",
            "CopyFailed");

    private RetryableFailures() {
    }

    /** True when at least one failure of {@code report} could go away on a retry; false when none failed. */
    static boolean any(Report report) {
        // A bad policy or a bad event is never retried, whatever else the report holds: nothing ran.
        if (report.errors().stream().anyMatch(e -> FunctionHandler.INVALID_CONFIG.equals(e.code())
                || EventDispatcher.INVALID_EVENT.equals(e.code()))) {
            return false;
        }
        Stream<String> errorCodes = report.errors().stream().map(RegionError::code);
        Stream<String> actionCodes = report.actions().stream()
                .filter(a -> a.outcome() == Outcome.FAILED)
                .map(ActionResult::detail)
                .map(RetryableFailures::leadingCode);
        return Stream.concat(errorCodes, actionCodes).anyMatch(code -> !isPermanent(code));
    }

    static boolean isPermanent(String code) {
        if (code == null) {
            return false;
        }
        String bare = code.startsWith("Client.") ? code.substring("Client.".length()) : code;
        // EC2 names KMS failures in several ways (InvalidKMSKey.*, KMS.*, ...KmsKey...): a key a person must fix.
        return PERMANENT.contains(bare) || bare.toLowerCase(Locale.ROOT).contains("kms");
    }

    /** {@code InvalidKMSKey.InvalidState} from {@code InvalidKMSKey.InvalidState: key is disabled (...)}. */
    static String leadingCode(String detail) {
        if (detail == null) {
            return null;
        }
        int colon = detail.indexOf(':');
        String head = colon < 0 ? detail : detail.substring(0, colon);
        return head.isBlank() || head.contains(" ") ? null : head;
    }
}
