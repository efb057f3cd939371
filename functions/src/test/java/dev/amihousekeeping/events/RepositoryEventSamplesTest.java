package dev.amihousekeeping.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.run.EventDispatcher;
import dev.amihousekeeping.run.EventRoute;
import dev.amihousekeeping.run.FunctionRun;
import dev.amihousekeeping.run.HousekeepingFunction;
import dev.amihousekeeping.run.RunRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every sample in the repository's top-level {@code events/} folder (the ones users pass to
 * {@code ami-housekeeping handle} and the CDK tests match against the rule patterns) reaches the function its
 * README names, or is dropped with a reason; none is malformed.
 */
class RepositoryEventSamplesTest {

    private static final Path EVENTS = Path.of("..", "events");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "schedule-expiry.json, expiry",
            "schedule-orphan-snapshots.json, orphan-snapshots",
            "schedule-public-share-sweep.json, public-share",
            "schedule-copy-catchup.json, cross-region-copy",
            "modify-image-attribute-public.json, public-share",
            "modify-image-attribute-account.json, public-share",
            "modify-image-attribute-org.json, public-share",
            "modify-image-attribute-ou.json, public-share",
            "modify-snapshot-attribute-public.json, public-share",
            "modify-snapshot-attribute-account.json, public-share",
            "create-image.json, cross-region-copy",
            "register-image.json, cross-region-copy",
            "copy-image.json, cross-region-copy",
            "ami-state-change-available.json, cross-region-copy",
            "ami-state-change-failed.json, cross-region-copy",
            "modify-image-attribute-remove.json, ignored",
            "modify-image-attribute-description.json, ignored",
            "modify-image-attribute-error.json, ignored",
            "create-image-error.json, ignored",
            "create-image-appstream.json, ignored",
            "ami-state-change-pending.json, ignored",
            "other-event-source.json, ignored"})
    void sample_reachesItsFunction_orIsIgnoredWithAReason(String file, String expected) throws IOException {
        HousekeepingEvent event = EventParser.parse(Files.readAllBytes(EVENTS.resolve(file)));
        List<String> reached = new ArrayList<>();
        EventDispatcher dispatcher = new EventDispatcher(Stream.of("expiry", "orphan-snapshots", "public-share",
                "cross-region-copy").map(name -> recording(name, reached)).toList());

        Report report = dispatcher.dispatch(event, new RunRequest(Config.defaults(), List.of("us-east-1"), true,
                Instant.parse("2026-11-01T00:00:00Z"), "test"));

        assertThat(event).as(file).isNotInstanceOf(Invalid.class);
        if (expected.equals("ignored")) {
            assertThat(reached).isEmpty();
            assertThat(report.kept()).singleElement().satisfies(k -> assertThat(k.reason()).startsWith("ignored: "));
        } else {
            assertThat(reached).containsExactly(expected);
        }
    }

    @ParameterizedTest
    @CsvSource({"README.md"})
    void everyJsonSample_isListedAbove(String readme) throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).count())
                    .as("samples in events/; add a row above for a new one").isEqualTo(22);
        }
        assertThat(EVENTS.resolve(readme)).exists();
    }

    private static FunctionRun recording(String name, List<String> reached) {
        return new FunctionRun() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Report run(RunRequest request) {
                reached.add(name);
                return Report.empty(name, true, request.now(), request.regions());
            }

            @Override
            public List<EventRoute<?>> routes() {
                return HousekeepingFunction.named(name).orElseThrow().eventKinds().stream()
                        .filter(kind -> kind != ScheduledRun.class)
                        .<EventRoute<?>>map(kind -> recordingRoute(kind, name, reached)).toList();
            }
        };
    }

    private static <E extends HousekeepingEvent> EventRoute<E> recordingRoute(Class<E> kind, String name,
                                                                             List<String> reached) {
        return EventRoute.of(kind, (event, request) -> {
            reached.add(name);
            return Report.empty(name, true, request.now(), request.regions());
        });
    }
}
