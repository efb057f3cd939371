package dev.amihousekeeping.cli;

import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.OrphanSnapshotsRun;
import dev.amihousekeeping.run.RunRequest;
import picocli.CommandLine.Command;

/** {@code ami-housekeeping orphans}: the {@code orphan-snapshots} function, now, over {@code --regions}. */
@Command(name = "orphans",
        mixinStandardHelpOptions = true,
        description = {"Delete EBS snapshots made for AMIs that no longer exist (orphan-snapshots). Dry-run unless --apply.",
                "Never deletes a snapshot an AMI in any state references, one AWS Backup or DLM manages, an exempt one, "
                        + "or one younger than orphanSnapshots.minAgeDays."})
final class OrphansCommand extends FunctionCommand {

    @Override
    protected Report run(Housekeeping housekeeping, RunRequest request) {
        return new OrphanSnapshotsRun(housekeeping).run(request);
    }
}
