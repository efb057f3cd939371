package dev.amihousekeeping.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The functions module's test resources ({@code src/test/resources/}): the real-shaped sample events under
 * {@code events/} and the hand-written fixtures (seeds, policies) beside them. In the functions test-jar, so the
 * CLI and infra tests read the same files.
 */
public final class TestResources {

    private TestResources() {
    }

    /** The text of the resource at {@code path} (relative to the resource root, with or without a leading slash). */
    public static String text(String path) {
        String absolute = path.startsWith("/") ? path : "/" + path;
        try (InputStream in = TestResources.class.getResourceAsStream(absolute)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample event from {@code events/}, as its raw bytes would reach a Lambda handler. */
    public static String sampleEvent(String name) {
        return text("/events/" + name);
    }

    /** Every sample event's file name, sorted. */
    public static List<String> sampleEventNames() {
        try {
            Path dir = Path.of(TestResources.class.getResource("/events").toURI());
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
