package dev.amihousekeeping.run;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.BinnedResource;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.RestorePlan;
import dev.amihousekeeping.core.RestoreSelection;
import dev.amihousekeeping.core.StageTagKeys;
import dev.amihousekeeping.core.port.Applied;
import dev.amihousekeeping.ec2.Ec2Exception;
import dev.amihousekeeping.ec2.RecycleBinGateway;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ami-housekeeping restore} (DESIGN §7): reads each region's Recycle Bin, plans with {@link RestorePlan}
 * and, unless a dry run, restores in the plan's order, one at a time (every snapshot before any AMI). A region whose
 * bin cannot be read is its own error; the others go on. Each resource is a {@code restore} action of the report;
 * the report's function is {@code restore}.
 */
public final class RestoreRun {

    public static final String FUNCTION = "restore";

    private final RecycleBinGateway bin;

    public RestoreRun(RecycleBinGateway bin) {
        this.bin = bin;
    }

    public Report run(RestoreSelection selection, List<String> regions, StageTagKeys tags, boolean dryRun,
                      Instant startedAt) {
        List<BinnedResource> contents = new ArrayList<>();
        Map<String, String> liveIds = new LinkedHashMap<>();
        List<RegionError> errors = new ArrayList<>();
        List<String> read = new ArrayList<>();
        for (String region : regions) {
            try {
                List<BinnedResource> inBin = bin.list(region);
                Set<String> binned = new HashSet<>();
                inBin.forEach(r -> binned.add(r.resourceId()));
                List<String> elsewhere = selection.namedIds().stream().filter(id -> !binned.contains(id)).toList();
                bin.liveIds(region, elsewhere).forEach(id -> liveIds.putIfAbsent(id, region));
                contents.addAll(inBin);
                read.add(region);
            } catch (Ec2Exception e) {
                errors.add(new RegionError(region, e.errorCode(), e.getMessage()));
            }
        }
        RestorePlan plan = RestorePlan.of(selection, read.isEmpty() ? regions : read, contents, liveIds, tags);
        List<ActionResult> actions = new ArrayList<>(plan.notInBin());
        for (Action.Restore restore : plan.restores()) {
            if (dryRun) {
                actions.add(Executor.result(restore, Outcome.PLANNED, null));
            } else {
                Applied applied = bin.restore(restore);
                actions.add(Executor.result(restore, applied.outcome(), applied.detail()));
            }
        }
        return new Report(FUNCTION, dryRun, startedAt, regions, actions, List.of(), errors, 0);
    }
}
