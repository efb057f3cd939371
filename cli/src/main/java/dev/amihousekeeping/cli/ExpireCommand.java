package dev.amihousekeeping.cli;

import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.run.ExpiryRun;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.RunRequest;
import java.io.PrintStream;
import picocli.CommandLine.Command;

/**
 * {@code ami-housekeeping expire}: the {@code expiry} function now, over {@code --regions}. Prints every AMI it
 * considered with the action or the reason it was kept; {@code --json} prints the Report instead.
 */
@Command(name = "expire", mixinStandardHelpOptions = true,
        description = {"Run the expiry function now: deprecate, then deregister, the AMIs whose retention is over, "
                + "with their unshared snapshots.",
                "Dry-run unless --apply. Exit 3 when an action failed or the plan was over maxActionsPerRun."})
final class ExpireCommand extends FunctionCommand {

    private ExpiryRun.Result result;

    @Override
    protected Report run(Housekeeping housekeeping, RunRequest request) {
        result = new ExpiryRun(housekeeping).execute(request);
        return result.report();
    }

    @Override
    protected void printTable(Report report, PrintStream out) {
        new ExpiryTable(result).print(out);
    }
}
