package dev.amihousekeeping.cli;

import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The note of a bench phase: which actions went over their bound and why (the reasons the code gives for
 * those calls), and any errors the run reported. A phase within its bound and without errors has no note.
 */
final class OverBound {

    private static final String RECHECK = "re-check before each action, invariant 6";

    /** Why a function calls an action more often than the bound, from the code that makes the calls. */
    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("expiry/DescribeImages", "the AMI re-read: " + RECHECK),
            Map.entry("expiry/DescribeImageReferences", "its references re-read: " + RECHECK),
            Map.entry("expiry/DescribeImageAttribute", "its launch permissions re-read: " + RECHECK),
            Map.entry("orphan-snapshots/DescribeSnapshots", "the snapshot re-read: " + RECHECK),
            Map.entry("orphan-snapshots/DescribeImages", "AMIs using the snapshot and the AMI its description "
                    + "names, re-read: " + RECHECK),
            Map.entry("public-share/DescribeImageAttribute", "grants read 4 times a removal: re-check, applier's "
                    + "before and after, the alert's; 2 would do"),
            Map.entry("public-share/DescribeSnapshotAttribute", "grants read 4 times a removal: re-check, "
                    + "applier's before and after, the alert's; 2 would do"),
            Map.entry("public-share/GetImageBlockPublicAccessState", "re-read before enabling"),
            Map.entry("public-share/GetSnapshotBlockPublicAccessState", "re-read before enabling"),
            Map.entry("cross-region-copy/DescribeImages", "the source re-read: " + RECHECK));

    private OverBound() {
    }

    static String note(BenchedFunction function, boolean apply, Map<String, Long> calls, Map<String, Long> bound,
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
