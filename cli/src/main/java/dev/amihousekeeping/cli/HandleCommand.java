package dev.amihousekeeping.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.events.AttributeChanged;
import dev.amihousekeeping.events.EventParser;
import dev.amihousekeeping.events.HousekeepingEvent;
import dev.amihousekeeping.events.ImageCreated;
import dev.amihousekeeping.events.ImageStateChanged;
import dev.amihousekeeping.events.Invalid;
import dev.amihousekeeping.events.ScheduledRun;
import dev.amihousekeeping.run.EventDispatcher;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.RunRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ami-housekeeping handle --event FILE}: a raw EventBridge event (as in {@code events/}) through the same
 * parser and dispatcher as the Lambda handlers, with every function registered. Dry-run unless {@code --apply}.
 * An event about one resource acts in the event's region, whatever {@code --regions} says; a schedule runs over
 * {@code --regions} (else the policy's, else the event's). Exit 2 for an unreadable file, a malformed event or one
 * of a {@code detail-type} no function handles (one line on stderr saying what is wrong), 0 for an event a function
 * deliberately ignores (the reason on stderr and in the report), 3 when something failed.
 */
@Command(name = "handle", mixinStandardHelpOptions = true,
        description = {"Run a raw EventBridge event (as in events/) through the same dispatcher as the Lambda "
                + "functions.", "Dry-run unless --apply. An event about one resource acts in the event's region."})
final class HandleCommand implements Callable<Integer> {

    /** The region of a report about an event that names none and no other source names one either. */
    static final String UNKNOWN_REGION = "unknown";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    CommonOptions options;

    @Option(names = "--event", required = true, paramLabel = "FILE",
            description = "The event: an EventBridge JSON document, e.g. events/modify-image-attribute-public.json.")
    Path eventFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        byte[] raw = read(eventFile);
        HousekeepingEvent event = notAnEventAnyFunctionHandles(raw).<HousekeepingEvent>map(Invalid::new)
                .orElseGet(() -> EventParser.parse(raw));
        Config config = options.loadConfig();
        RunRequest request = new RunRequest(config, regions(event, raw, config), !options.apply, options.clock(),
                null).withDeadline(options.deadline(Instant.now()));
        PrintStream out = System.out;
        PrintWriter err = spec.commandLine().getErr();
        if (event instanceof Invalid invalid) {
            // Nothing to run: the dispatcher reports it without touching a function or EC2.
            FunctionCommand.print(new EventDispatcher(List.of()).dispatch(event, request), options.json, out);
            err.println("error: invalid event " + eventFile + ": " + invalid.reason());
            return Main.EXIT_BAD_INPUT;
        }
        try (Ec2Clients clients = new Ec2Clients(FunctionCommand.clientSettings(options.endpoint))) {
            Housekeeping housekeeping = FunctionCommand.housekeeping(clients, options.json, out);
            Report report = EventDispatcher.of(housekeeping).dispatch(event, request);
            FunctionCommand.print(report, options.json, out);
            ignoredReason(report).ifPresent(err::println);
            return report.hasFailures() ? Main.EXIT_FAILURES : Main.EXIT_OK;
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("--event: no such file: " + file);
        } catch (IOException e) {
            throw new BadInputException("--event: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The region the event happened in decides for an event about one resource (its client must be that
     * region's). A schedule covers {@code --regions}, else the policy's, else the region it fired in, as in Lambda.
     */
    private List<String> regions(HousekeepingEvent event, byte[] raw, Config config) {
        Optional<String> resourceRegion = resourceRegion(event);
        if (resourceRegion.isPresent()) {
            return List.of(resourceRegion.get());
        }
        if ((options.regions != null && !options.regions.isEmpty()) || !config.regions().isEmpty()) {
            return options.regions(config);
        }
        Optional<String> fired = event instanceof ScheduledRun scheduled
                ? Optional.ofNullable(scheduled.region()) : envelopeRegion(raw);
        if (fired.isPresent()) {
            return List.of(fired.get());
        }
        if (event instanceof ScheduledRun) {
            return options.regions(config);
        }
        // An ignored or malformed event needs no region to be reported: never fail it for want of one.
        try {
            return options.regions(config);
        } catch (BadInputException e) {
            return List.of(UNKNOWN_REGION);
        }
    }

    private static Optional<String> resourceRegion(HousekeepingEvent event) {
        if (event instanceof AttributeChanged changed) {
            return Optional.of(changed.region());
        }
        if (event instanceof ImageCreated created) {
            return Optional.of(created.context().awsRegion());
        }
        if (event instanceof ImageStateChanged changed) {
            return Optional.of(changed.region());
        }
        return Optional.empty();
    }

    /**
     * Why the file cannot be an event for these functions: its {@code detail-type} is a string but none that any
     * function handles. Lambda ignores such an event (no rule sends it, so it was misrouted); handed to
     * {@code handle}, it is the wrong file, which is bad input. Empty when it is one, or for the parser to judge.
     */
    private static Optional<String> notAnEventAnyFunctionHandles(byte[] raw) {
        try {
            JsonNode detailType = JSON.readTree(raw).path("detail-type");
            return detailType.isTextual() && !EventParser.DETAIL_TYPES.contains(detailType.asText())
                    ? Optional.of("detail-type '" + detailType.asText() + "' is not one any function handles ("
                            + String.join(", ", EventParser.DETAIL_TYPES) + ")")
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The envelope's {@code region}, read leniently: ignored and malformed events are reported under it. */
    private static Optional<String> envelopeRegion(byte[] raw) {
        try {
            JsonNode region = JSON.readTree(raw).path("region");
            return region.isTextual() && !region.asText().isBlank() ? Optional.of(region.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The dispatcher's reason for skipping the event, for stderr: {@code ignored: errorCode ...}. */
    private static Optional<String> ignoredReason(Report report) {
        return report.actions().isEmpty() && report.kept().size() == 1
                && report.kept().get(0).resourceType() == ResourceType.EVENT
                ? Optional.of(report.kept().get(0).reason()) : Optional.empty();
    }
}
