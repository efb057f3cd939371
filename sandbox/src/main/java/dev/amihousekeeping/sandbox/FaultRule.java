package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A fault to inject, as posted to {@code /_sandbox/faults}:
 * {@code {"action":"DeleteSnapshot","error":"RequestLimitExceeded","status":503,"rate":0.3,"seed":7}}.
 *
 * @param action  the API action to fail; null or {@code *} for every action
 * @param error   the EC2 error code to answer with
 * @param status  HTTP status; default 503 for throttling and unavailability, 500 for internal errors, else 400
 * @param rate    probability per matching call, 0..1 (default 1)
 * @param seed    seed of this fault's random draws, so a test run repeats exactly (default 0)
 * @param region  only calls to this region (default: every region)
 * @param message the error message (default: one in EC2's words for the common codes)
 * @param times   stop after failing this many calls (default: no limit)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FaultRule(String action, String error, Integer status, Double rate, Long seed, String region, String message,
                 Integer times) {

    FaultRule {
        if (error == null || error.isBlank()) {
            throw new IllegalArgumentException("a fault needs an \"error\" (an EC2 error code)");
        }
        status = status != null ? status : defaultStatus(error);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a fault's status must be 400..599, was " + status);
        }
        rate = rate == null ? 1.0 : rate;
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("a fault's rate must be between 0 and 1, was " + rate);
        }
        seed = seed == null ? 0L : seed;
        message = message != null ? message : defaultMessage(error);
        if (times != null && times < 1) {
            throw new IllegalArgumentException("a fault's times must be at least 1");
        }
    }

    boolean matches(String callRegion, String callAction) {
        return (action == null || action.equals("*") || action.equals(callAction))
                && (region == null || region.equals(callRegion));
    }

    private static int defaultStatus(String code) {
        return switch (code) {
            case "RequestLimitExceeded", "Throttling", "Unavailable", "ServiceUnavailable" -> 503;
            case "InternalError", "InternalFailure" -> 500;
            default -> 400;
        };
    }

    private static String defaultMessage(String code) {
        return switch (code) {
            case "RequestLimitExceeded" -> "Request limit exceeded.";
            case "Unavailable", "ServiceUnavailable" -> "The service is unavailable. Please try again shortly.";
            case "InternalError" -> "An internal error has occurred";
            case "UnauthorizedOperation" -> "You are not authorized to perform this operation.";
            default -> "Injected fault: " + code;
        };
    }
}
