package dev.amihousekeeping.cli;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ExpiryConfig;
import dev.amihousekeeping.config.RecycleBinConfig;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.RestoreSelection;
import dev.amihousekeeping.core.StageTagKeys;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.ec2.RecycleBinGateway;
import dev.amihousekeeping.run.RestoreRun;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ami-housekeeping restore}: brings back from the Recycle Bin what a run deregistered or deleted (or the AMIs
 * and snapshots named), snapshots first, then AMIs, and removes the stage tags. Dry run (a listing) unless
 * {@code --apply}.
 */
@Command(name = "restore",
        mixinStandardHelpOptions = true,
        description = {"List what the Recycle Bin holds of a run (or of the AMIs and snapshots named) and, with --apply,"
                + " restore it: snapshots first, then AMIs; the stage tags (recycleBin.tagKey, HousekeepingRunId,"
                + " expiry.noticeTagKey, HousekeepingDisabledOn) are removed, and an AMI the disable stage disabled is"
                + " enabled again.",
                "Exit 3 when something could not be restored (an AMI whose snapshot was purged from the bin);"
                        + " already restored or purged is reported as skipped."})
final class RestoreCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--run", paramLabel = "ID", description = "Everything tagged HousekeepingRunId=ID (the report's runId).")
    String runId;

    @Option(names = "--image", split = ",", paramLabel = "ami-...", description = "AMIs to restore, with their snapshots.")
    List<String> imageIds;

    @Option(names = "--snapshot", split = ",", paramLabel = "snap-...", description = "Snapshots to restore.")
    List<String> snapshotIds;

    @Override
    public Integer call() {
        RestoreSelection selection;
        try {
            selection = new RestoreSelection(runId, imageIds == null ? Set.of() : Set.copyOf(imageIds),
                    snapshotIds == null ? Set.of() : Set.copyOf(snapshotIds));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        Config config = options.loadConfig();
        List<String> regions = options.regions(config);
        try (Ec2Clients clients = new Ec2Clients(FunctionCommand.clientSettings(options.endpoint))) {
            RecycleBinGateway bin = new RecycleBinGateway(clients, new Ec2Gateway(clients, Clock.systemUTC()));
            Report report = new RestoreRun(bin).run(selection, regions, stageTagKeys(config), !options.apply,
                    options.clock());
            FunctionCommand.print(report, options.json, System.out);
            if (!options.json && report.actions().isEmpty() && report.errors().isEmpty()) {
                System.out.println("  Nothing selected is in the Recycle Bin of " + String.join(", ", regions)
                        + ": already restored, purged when its retention ended, or no such run.");
            }
            return report.hasFailures() ? Main.EXIT_FAILURES : Main.EXIT_OK;
        }
    }

    /** The tags of every stage, which a restore removes: the policy's recycle and notice keys, and the fixed ones. */
    static StageTagKeys stageTagKeys(Config config) {
        return new StageTagKeys(config.recycleBin().tagKey(), RecycleBinConfig.RUN_ID_TAG_KEY,
                config.expiry().noticeTagKey(), ExpiryConfig.DISABLED_ON_TAG_KEY);
    }
}
