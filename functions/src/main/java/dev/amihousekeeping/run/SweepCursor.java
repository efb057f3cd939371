package dev.amihousekeeping.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.ec2.ParameterStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the public-share sweep continues (DESIGN §5 "Sweep path"): account grants need one read per resource, so a
 * sweep that cannot read them all before its deadline keeps, per target, the last resource id it read, and the next
 * run reads on after it, wrapping around to the first id at the end. Public resources are not part of it: they are
 * found by listing and read in full on every run ({@link PublicShareRegion}).
 *
 * <p>Kept by the deployment, least privilege: ONE SSM parameter ({@code String}, data type text) in the function's
 * own account and home region, named by {@value #VARIABLE} (default {@value #DEFAULT_PARAMETER}), its value a small
 * JSON object {@code {"<account>/<region>": "<last id read>"}}. Not in the member accounts (the member role would
 * need a write, and every account a parameter), not in EC2 tags (the role may only remove grants), not in S3 (a
 * bucket and its policy for 100 bytes); infra grants {@code ssm:GetParameter} and {@code ssm:PutParameter} on that
 * parameter's ARN alone, to public-share alone ({@link ParameterStore#IAM_TEXT}).
 *
 * <p>Fail safe, never skip: a cursor that cannot be read is an error entry and the sweep starts from the beginning;
 * one that cannot be written is an error entry and the run's results stand (the next run starts over where it was).
 * A dry run reads it but never writes it: a dry run changes nothing. A remove-grant the executor deferred keeps the
 * cursor before its resource, so the next run reads it again. SSM's standard tier holds 4096 bytes: when the JSON
 * would be longer, the entries updated longest ago are dropped (and the report says so), and those targets start from
 * the beginning. Two runs writing at once (an organization's map items) may lose one update: that target then re-reads
 * from its older cursor, which repeats reads and skips none.
 */
public final class SweepCursor {

    /** The Lambda environment variable that names the parameter (infra sets it on public-share). */
    public static final String VARIABLE = "HOUSEKEEPING_SWEEP_CURSOR_PARAMETER";
    /** The parameter's name when {@value #VARIABLE} is not set. */
    public static final String DEFAULT_PARAMETER = "/ami-housekeeping/public-share/sweep-cursor";
    /** {@code resourceId} of the report's kept entry that says how far the sweep got in one target. */
    public static final String RESOURCE_ID = "sweep-cursor";
    /** Error code when the cursor could not be read (the sweep then starts from the beginning). */
    public static final String NOT_READ = "SweepCursorNotRead";
    /** Error code when the cursor could not be written (the run's results stand). */
    public static final String NOT_WRITTEN = "SweepCursorNotWritten";
    /** SSM's limit on a standard-tier parameter's value. */
    static final int MAX_BYTES = 4096;
    /**
     * Time a grant read must leave before the deadline: one margin for the read itself (a throttled read, with the
     * SDK's retries, takes as long as a one-call action: {@link PacedApply#MARGIN_SECONDS}), then what the executor
     * reserves to start the removal of a grant it finds: remove-grant's margin and the largest margin of the actions
     * that wait for it, enabling block public access. With less, a sweep that reads up to its reserve (one too large
     * for a run) would defer the removal of public grants on every run.
     */
    static final Duration READ_RESERVE = PacedApply.margin(ActionType.REMOVE_GRANT).multipliedBy(2)
            .plus(PacedApply.margin(ActionType.ENABLE_BLOCK_PUBLIC_ACCESS));

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** Where the cursor is kept: {@code parameter} in {@code region} (the home region) of the function's account. */
    public record Location(String region, String parameter) {

        public Location {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(parameter, "parameter");
        }

        /** From the Lambda environment: {@value #VARIABLE}, else {@value #DEFAULT_PARAMETER}; null without a region. */
        public static Location from(Map<String, String> env, String homeRegion) {
            if (homeRegion == null) {
                return null;
            }
            String name = env.get(VARIABLE);
            return new Location(homeRegion, name == null || name.isBlank() ? DEFAULT_PARAMETER : name.strip());
        }
    }

    /**
     * How far a sweep read one target's grants: {@code total} resources, {@code read} of them read this run;
     * {@code restRead} the ids read after the public ones, in order; {@code after} the cursor it started after
     * (null: the beginning); {@code complete} when every one was read.
     */
    record Progress(String account, String region, int total, int read, List<String> restRead, String after,
                    boolean complete) {

        Progress {
            Objects.requireNonNull(region, "region");
            restRead = List.copyOf(restRead);
        }

        String key() {
            return account + "/" + region;
        }
    }

    /** The reads' budget: the cursor of each target and whether the deadline allows another grant read. */
    record Window(Map<String, String> cursors, Clock clock, Instant deadline) {

        /** The id a target's reads continue after; null: from the beginning. */
        String after(String account, String region) {
            return cursors.get(account + "/" + region);
        }

        boolean allowsRead() {
            return deadline == null || !clock.instant().plus(READ_RESERVE).isAfter(deadline);
        }
    }

    private final Location location;
    private final LinkedHashMap<String, String> cursors;
    private final RegionError readError;

    private SweepCursor(Location location, LinkedHashMap<String, String> cursors, RegionError readError) {
        this.location = location;
        this.cursors = cursors;
        this.readError = readError;
    }

    /** The cursor as kept at {@code location} (null: none kept, every run starts from the beginning). */
    static SweepCursor load(Ec2Gateway gateway, Location location) {
        if (location == null) {
            return new SweepCursor(null, new LinkedHashMap<>(), null);
        }
        try {
            String json = gateway.parameters().readText(location.region(), location.parameter()).orElse("{}");
            return new SweepCursor(location, MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {
            }), null);
        } catch (RuntimeException | JsonProcessingException e) {
            return new SweepCursor(location, new LinkedHashMap<>(), new RegionError(location.region(), NOT_READ,
                    "sweep cursor " + location.parameter() + " not read (" + Executor.describe(e)
                            + "): the sweep starts from the beginning"));
        }
    }

    Window window(Clock clock, Instant deadline) {
        return new Window(Map.copyOf(cursors), clock, deadline);
    }

    /**
     * The report with a kept entry per target saying how far the sweep got, the cursor's errors, and the cursor
     * written (not in a dry run, not without a location).
     */
    Report keep(Report report, List<Progress> progress, Ec2Gateway gateway) {
        List<Kept> kept = new ArrayList<>();
        List<RegionError> errors = new ArrayList<>();
        if (readError != null) {
            errors.add(readError);
        }
        boolean writes = location != null && !report.dryRun();
        for (Progress target : progress) {
            Next next = next(target, report.actions());
            String cursor = next.cursor();
            boolean complete = next.complete();
            cursors.remove(target.key());
            if (!complete && cursor != null) {
                cursors.put(target.key(), cursor);
            }
            kept.add(new Kept(target.region(), ResourceType.ACCOUNT, RESOURCE_ID,
                    reason(target, complete, cursor, writes),
                    PublicShareRun.UNKNOWN_ACCOUNT.equals(target.account()) ? null : target.account()));
        }
        if (writes) {
            int dropped = 0;
            String json = json();
            while (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES && !cursors.isEmpty()) {
                cursors.remove(cursors.keySet().iterator().next());
                dropped++;
                json = json();
            }
            if (dropped > 0) {
                kept.add(new Kept(location.region(), ResourceType.ACCOUNT, RESOURCE_ID, "sweep cursor: dropped the "
                        + dropped + " entries updated longest ago to stay within SSM's " + MAX_BYTES
                        + "-byte value; those targets start from the beginning"));
            }
            try {
                gateway.parameters().writeText(location.region(), location.parameter(), json);
            } catch (RuntimeException e) {
                errors.add(new RegionError(location.region(), NOT_WRITTEN, "sweep cursor " + location.parameter()
                        + " not written (" + Executor.describe(e) + "): the next run starts where this one did"));
            }
        }
        if (kept.isEmpty() && errors.isEmpty()) {
            return report;
        }
        Report notes = new Report(report.function(), report.dryRun(), report.startedAt(), report.regions(),
                List.of(), kept, errors, 0, report.runId(), report.accounts());
        return Report.merge(List.of(report, notes));
    }

    /**
     * The id the target's next run continues after: the last one read, or before the first resource whose
     * remove-grant was deferred (so that it is read again); null when the sweep is complete and nothing was deferred.
     */
    private static Next next(Progress target, List<ActionResult> results) {
        Set<String> deferred = results.stream()
                .filter(result -> result.outcome() == Outcome.DEFERRED && result.action() == ActionType.REMOVE_GRANT)
                .filter(result -> target.region().equals(result.region())
                        && (result.account() == null || result.account().equals(target.account())))
                .map(ActionResult::resourceId).collect(Collectors.toSet());
        List<String> read = target.restRead();
        for (int i = 0; i < read.size(); i++) {
            if (deferred.contains(read.get(i))) {
                return new Next(i == 0 ? target.after() : read.get(i - 1), false);
            }
        }
        if (target.complete()) {
            return new Next(null, true);
        }
        return new Next(read.isEmpty() ? target.after() : read.get(read.size() - 1), false);
    }

    /** Where a target's next run continues (null: the beginning), and whether this run read all of it. */
    private record Next(String cursor, boolean complete) {
    }

    private static String reason(Progress target, boolean complete, String cursor, boolean writes) {
        String read = "read " + target.read() + " of " + target.total() + " grants in " + target.region();
        if (complete) {
            return "sweep: complete, " + read;
        }
        String next = cursor == null ? "starts from the beginning" : "continues after " + cursor;
        if (!writes) {
            return "sweep: " + read + ", stopped " + (cursor == null ? "at the beginning" : "after " + cursor)
                    + "; no cursor kept (dry run or no " + VARIABLE + "), next run starts where this one did";
        }
        return "sweep: " + read + ", " + next + " next run";
    }

    private String json() {
        try {
            return MAPPER.writeValueAsString(cursors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
