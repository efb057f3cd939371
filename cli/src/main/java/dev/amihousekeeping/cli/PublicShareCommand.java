package dev.amihousekeeping.cli;

import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.PublicShareRun;
import dev.amihousekeeping.run.RunRequest;
import picocli.CommandLine.Command;

/** {@code ami-housekeeping public-share}: the scheduled sweep, now, over {@code --regions}. */
@Command(name = "public-share", mixinStandardHelpOptions = true,
        description = {"Find public and non-allowlisted grants on every AMI and snapshot this account owns, and "
                + "remove them (with --apply).",
                "Also reports each region's image and snapshot block public access; with "
                + "publicShare.enforceBlockPublicAccess, turns them on (block-new-sharing).",
                "Reads one attribute per AMI and per snapshot: EC2 has no batch call for grants."})
final class PublicShareCommand extends FunctionCommand {

    @Override
    protected Report run(Housekeeping housekeeping, RunRequest request) {
        return new PublicShareRun(housekeeping).run(request);
    }
}
