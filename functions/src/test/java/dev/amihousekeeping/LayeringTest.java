package dev.amihousekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point down (DESIGN §2, STYLE "Shape"): {@code core} decides and defines the ports, {@code ec2}
 * implements them, {@code run} orchestrates. Read from the main sources, so that a forbidden import fails the
 * build instead of waiting for a reviewer.
 */
class LayeringTest {

    private static final Path MAIN = Path.of("src/main/java/dev/amihousekeeping");

    /** Package (folder under {@link #MAIN}) -> the packages and libraries its code must not name. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "core", List.of("dev.amihousekeeping.ec2", "dev.amihousekeeping.run", "dev.amihousekeeping.handler",
                    "dev.amihousekeeping.events", "dev.amihousekeeping.cli", "software.amazon"),
            "config", List.of("dev.amihousekeeping.core", "dev.amihousekeeping.ec2", "dev.amihousekeeping.run",
                    "dev.amihousekeeping.handler", "dev.amihousekeeping.events"),
            "events", List.of("dev.amihousekeeping.run", "dev.amihousekeeping.handler", "dev.amihousekeeping.ec2"),
            "ec2", List.of("dev.amihousekeeping.run", "dev.amihousekeeping.handler", "dev.amihousekeeping.events"));

    @Test
    void lowerPackages_doNotNameTheLayersAboveThem() {
        List<String> violations = new ArrayList<>();
        FORBIDDEN.forEach((pkg, forbidden) -> {
            for (Path file : javaFiles(MAIN.resolve(pkg))) {
                violations.addAll(violations(file, forbidden));
            }
        });
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckSeesTheSources() {
        assertThat(javaFiles(MAIN.resolve("core"))).extracting(p -> p.getFileName().toString())
                .contains("Action.java", "ExpiryPolicy.java");
        assertThat(javaFiles(MAIN.resolve("core/port"))).extracting(p -> p.getFileName().toString())
                .contains("ActionApplier.java", "Precondition.java", "Applied.java", "CodedFailure.java");
    }

    @Test
    void anImportOfAForbiddenPackage_isAViolation() {
        List<String> code = List.of("package dev.amihousekeeping.core;", "",
                "import dev.amihousekeeping.run.Executor;", " * {@link dev.amihousekeeping.run.Executor} in a comment",
                "class X { dev.amihousekeeping.ec2.Ec2Gateway g; }");
        assertThat(violations(Path.of("X.java"), code, List.of("dev.amihousekeeping.run", "dev.amihousekeeping.ec2")))
                .containsExactly("X.java:3 names dev.amihousekeeping.run", "X.java:5 names dev.amihousekeeping.ec2");
    }

    private static List<String> violations(Path file, List<String> forbidden) {
        try {
            return violations(file, Files.readAllLines(file), forbidden);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of code (not comments) that name a forbidden package, as an import or fully qualified. */
    private static List<String> violations(Path file, List<String> lines, List<String> forbidden) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
                continue;
            }
            for (String pkg : forbidden) {
                if (line.contains(pkg + ".")) {
                    found.add(file + ":" + (i + 1) + " names " + pkg);
                }
            }
        }
        return found;
    }

    private static List<Path> javaFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
