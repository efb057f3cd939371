package dev.amihousekeeping.cli;

import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.run.CrossRegionCopyRun;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.RunRequest;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code copy [--image ami-...]}: the cross-region-copy catch-up now, over {@code --regions} as sources: every
 * AMI the selector picks that lacks a copy in a destination region gets one. Dry-run unless {@code --apply}.
 */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = {"Copy the AMIs the crossRegionCopy selector picks to each destination region that lacks a "
                + "copy (the catch-up of the cross-region-copy function). Dry-run unless --apply."})
final class CopyCommand extends FunctionCommand {

    // EC2 image ids: ami- and 8 (older) or 17 hex digits.
    private static final Pattern IMAGE_ID = Pattern.compile("ami-(?:[0-9a-f]{8}|[0-9a-f]{17})");

    @Option(names = "--image", paramLabel = "ami-...",
            description = "Only this AMI, looked up in --regions; says why when it is not copied.")
    String image;

    @Override
    protected Report run(Housekeeping housekeeping, RunRequest request) {
        CrossRegionCopyRun copy = new CrossRegionCopyRun(housekeeping);
        if (image == null) {
            return copy.run(request);
        }
        if (!IMAGE_ID.matcher(image).matches()) {
            throw new BadInputException("--image: not an AMI id (ami- and 8 or 17 hex digits): " + image);
        }
        Report report = copy.runImage(request, image);
        // Naming an AMI the account does not have is a mistake in the command line, not a failed copy.
        report.errors().stream().filter(e -> CrossRegionCopyRun.IMAGE_NOT_FOUND.equals(e.code()))
                .map(RegionError::message).findFirst().ifPresent(message -> {
                    throw new BadInputException("--image: " + message);
                });
        return report;
    }
}
