package dev.amihousekeeping.cli;

import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.run.HousekeepingFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The note of a bench phase: which actions went over their bound and why (the reasons the code gives for
 * those calls), and any errors the run reported. A phase within its bound and without errors has no note.
 */
final class OverBound {

    private static final String RECHECK = "re-check before each action, invariant 6";
    private static final String BATCHED = "re-read in batches for up to 100 actions at a time: " + RECHECK;

    /** Why a function calls an action more often than the bound, from the code that makes the calls. */
    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("expiry/DescribeImages", "the AMIs " + BATCHED),
            Map.entry("expiry/DescribeImageReferences", "their references " + BATCHED),
            Map.entry("expiry/DescribeImageAttribute", "its launch permissions re-read, one by one since EC2 has "
                    + "no batch form: " + RECHECK),
            Map.entry("orphan-snapshots/DescribeSnapshots", "the snapshots " + BATCHED),
            Map.entry("orphan-snapshots/DescribeImages", "AMIs using the snapshots and the AMIs their descriptions "
                    + "name, " + BATCHED),
            Map.entry("public-share/DescribeImageAttribute", "grants read twice a removal: the re-check, which is "
                    + "the removal's before, and the read back after it, which the alert shows"),
            Map.entry("public-share/DescribeSnapshotAttribute", "grants read twice a removal: the re-check, which "
                    + "is the removal's before, and the read back after it, which the alert shows"),
            Map.entry("public-share/GetImageBlockPublicAccessState", "re-read before enabling"),
            Map.entry("public-share/GetSnapshotBlockPublicAccessState", "re-read before enabling"),
            Map.entry("cross-region-copy/DescribeImages", "the sources " + BATCHED));

    private OverBound() {
    }

    static String note(HousekeepingFunction function, boolean apply, Map<String, Long> calls, Map<String, Long> bound,
                       Report report) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> call : calls.entrySet()) {
            long over = call.getValue() - bound.getOrDefault(call.getKey(), 0L);
            if (over > 0) {
                String why = WHY.get(function.functionName() + "/" + call.getKey());
                parts.add("+" + over + " " + call.getKey() + (why == null ? "" : " (" + why + ")"));
            }
        }
        long failed = report.count(Outcome.FAILED);
        if (failed > 0) {
            parts.add(failed + " actions failed");
        }
        for (RegionError error : report.errors()) {
            parts.add("error " + (error.region() == null ? "" : error.region() + " ") + error.code());
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
