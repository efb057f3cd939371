package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's own endpoints under {@code /_sandbox}: state, clock, faults, calls. JSON in and out; a bad
 * request is a 400 with {@code {"error":"..."}}.
 */
final class ControlApi {

    private record ClockRequest(Instant now) {
    }

    private final SandboxState state;
    private final Faults faults;
    private final CallLog calls;
    private final RequestLimits limits;

    ControlApi(SandboxState state, Faults faults, CallLog calls, RequestLimits limits) {
        this.state = state;
        this.faults = faults;
        this.calls = calls;
        this.limits = limits;
    }

    ApiResponse handle(String method, String path, String body) {
        try {
            return switch (method + " " + path) {
                case "GET /_sandbox/state" -> ApiResponse.json(200, state.toSeed().toJson());
                case "PUT /_sandbox/state", "POST /_sandbox/state" -> {
                    Seed seed = Seed.parse(body);
                    state.load(seed);
                    yield ok(summary(seed));
                }
                case "GET /_sandbox/clock" -> ok(clock());
                case "POST /_sandbox/clock", "PUT /_sandbox/clock" -> {
                    state.clock().set(read(body, ClockRequest.class).now());
                    yield ok(clock());
                }
                case "GET /_sandbox/faults" -> ok(Map.of("faults", faults.rules()));
                case "POST /_sandbox/faults" -> {
                    faults.add(read(body, FaultRule.class));
                    yield ok(Map.of("faults", faults.rules()));
                }
                case "DELETE /_sandbox/faults" -> {
                    faults.clear();
                    yield ok(Map.of("faults", List.of()));
                }
                case "GET /_sandbox/limits" -> ok(limits.view());
                case "POST /_sandbox/limits", "PUT /_sandbox/limits" -> {
                    limits.set(read(body, LimitSettings.class));
                    yield ok(limits.view());
                }
                case "DELETE /_sandbox/limits" -> {
                    limits.clear();
                    yield ok(limits.view());
                }
                case "GET /_sandbox/calls" -> ok(calls.snapshot());
                case "DELETE /_sandbox/calls" -> {
                    calls.reset();
                    yield ok(calls.snapshot());
                }
                default -> ApiResponse.json(404, SeedJson.write(Map.of("error", "no control endpoint " + method + " "
                        + path + "; there are GET|PUT /_sandbox/state, GET|POST /_sandbox/clock, "
                        + "GET|POST|DELETE /_sandbox/faults, GET|POST|DELETE /_sandbox/limits, "
                        + "GET|DELETE /_sandbox/calls")));
            };
        } catch (IllegalArgumentException e) {
            return ApiResponse.json(400, SeedJson.write(Map.of("error", String.valueOf(e.getMessage()))));
        }
    }

    private Map<String, Object> clock() {
        Instant fixed = state.clock().fixed();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("now", state.now());
        out.put("fixed", fixed != null);
        return out;
    }

    private static Map<String, Object> summary(Seed seed) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accountId", seed.accountId());
        if (seed.accounts() == null) {
            out.put("regions", regionCounts(seed.regions()));
        } else {
            Map<String, Object> accounts = new LinkedHashMap<>();
            seed.accounts().forEach((id, account) -> accounts.put(id, Map.of("regions",
                    regionCounts(account.regions()))));
            out.put("accounts", accounts);
        }
        return out;
    }

    private static Map<String, Object> regionCounts(Map<String, SeedRegion> regions) {
        Map<String, Object> out = new LinkedHashMap<>();
        regions.forEach((name, region) -> out.put(name,
                Map.of("images", region.images().size(), "snapshots", region.snapshots().size())));
        return out;
    }

    private static ApiResponse ok(Object value) {
        return ApiResponse.json(200, SeedJson.write(value));
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return SeedJson.MAPPER.readValue(body == null || body.isBlank() ? "{}" : body, type);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String message = cause.getMessage() == null ? "" : cause.getMessage().split("\n")[0];
            throw new IllegalArgumentException("bad " + type.getSimpleName() + " body: " + message, e);
        }
    }
}
