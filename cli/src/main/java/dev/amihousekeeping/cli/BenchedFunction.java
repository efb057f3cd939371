package dev.amihousekeeping.cli;

import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.run.CrossRegionCopyRun;
import dev.amihousekeeping.run.ExpiryRun;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.OrphanSnapshotsRun;
import dev.amihousekeeping.run.PublicShareRun;
import dev.amihousekeeping.run.RunRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The four functions as the bench runs them: the scheduled run, and the Lambda handler its cold start loads. */
enum BenchedFunction {

    EXPIRY(ExpiryRun.NAME, "ExpiryHandler"),
    ORPHAN_SNAPSHOTS(OrphanSnapshotsRun.NAME, "OrphanSnapshotsHandler"),
    PUBLIC_SHARE(PublicShareRun.NAME, "PublicShareHandler"),
    CROSS_REGION_COPY(CrossRegionCopyRun.NAME, "CrossRegionCopyHandler");

    private final String functionName;
    private final String handler;

    BenchedFunction(String functionName, String handler) {
        this.functionName = functionName;
        this.handler = handler;
    }

    /** {@code expiry}, {@code orphan-snapshots}, ... as in reports and {@code --functions}. */
    String functionName() {
        return functionName;
    }

    /** The Lambda handler class, as the function's CDK construct names it. */
    String handlerClass() {
        return "dev.amihousekeeping.handler." + handler;
    }

    /** The scheduled run (the catch-up for cross-region-copy, the sweep for public-share). */
    Report run(Housekeeping housekeeping, RunRequest request) {
        return switch (this) {
            case EXPIRY -> new ExpiryRun(housekeeping).run(request);
            case ORPHAN_SNAPSHOTS -> new OrphanSnapshotsRun(housekeeping).run(request);
            case PUBLIC_SHARE -> new PublicShareRun(housekeeping).run(request);
            case CROSS_REGION_COPY -> new CrossRegionCopyRun(housekeeping).run(request);
        };
    }

    static BenchedFunction named(String name) {
        return Arrays.stream(values()).filter(f -> f.functionName.equals(name.strip().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new BadInputException("--functions: unknown function '" + name + "' (known: "
                        + Arrays.stream(values()).map(BenchedFunction::functionName)
                        .collect(Collectors.joining(", ")) + ")"));
    }

    static List<BenchedFunction> all() {
        return List.of(values());
    }
}
