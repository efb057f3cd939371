package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A fault to inject, as posted to {@code /_sandbox/faults}:
 * {@code {"action":"DeleteSnapshot","error":"RequestLimitExceeded","status":503,"rate":0.3,"seed":7}}.
 * Without an {@code error} ({@code "error": null} or absent) the fault is a bare HTTP answer: an HTML page with the
 * status and no error document at all, as a load balancer, a proxy or a simpler emulator gives
 * ({@code {"action":"DescribeLaunchConfigurations","status":500}}).
 *
 * @param action  the API action to fail (EC2 or Auto Scaling); null or {@code *} for every action
 * @param error   the error code to answer with; null for a bare answer without an error document
 * @param status  HTTP status; default 503 for throttling and unavailability, 500 for internal errors and bare
 *                answers, else 400
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
        if (error != null && error.isBlank()) {
            throw new IllegalArgumentException("a fault's \"error\" must be an error code, or null for a bare "
                    + "HTTP answer");
        }
        status = status != null ? status : error == null ? 500 : defaultStatus(error);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a fault's status must be 400..599, was " + status);
        }
        rate = rate == null ? 1.0 : rate;
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("a fault's rate must be between 0 and 1, was " + rate);
        }
        seed = seed == null ? 0L : seed;
        message = message != null ? message : error == null ? null : defaultMessage(error);
        if (times != null && times < 1) {
            throw new IllegalArgumentException("a fault's times must be at least 1");
        }
    }

    /** True for a bare HTTP answer: a status and an HTML page, no error code. */
    boolean bare() {
        return error == null;
    }

    /** The answer's body for a bare fault: what a proxy in front of the endpoint shows, not the API's format. */
    String barePage() {
        String text = message != null ? message : "Internal Server Error";
        return "<!DOCTYPE html>\n<html><head><title>" + status + " " + text + "</title></head>\n<body><h1>" + status
                + " " + text + "</h1></body></html>\n";
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
