package dev.amihousekeeping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {

    @TempDir
    Path dir;

    @Test
    void validate_exits0_forTheExamplePolicy() {
        CliRun run = CliRun.of("config", "validate", repoFile("examples/policy.json").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("valid");
    }

    @Test
    void validate_exits2_withOneLineNamingTheKey_whenAValueIsWrong() throws IOException {
        Path policy = Files.writeString(dir.resolve("p.json"), "{\"expiry\": {\"maxAgeDays\": -3}}");

        CliRun run = CliRun.of("config", "validate", policy.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: expiry.maxAgeDays: must be >= 0, got -3");
    }

    @Test
    void validate_exits2_whenTheFileIsMissing() {
        CliRun run = CliRun.of("config", "validate", dir.resolve("nope.json").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nope.json");
    }

    @Test
    void show_printsEveryDefault_whenGivenNoFile() {
        CliRun run = CliRun.of("config", "show");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"dryRun\": true").contains("\"maxActionsPerRun\": 100")
                .contains("\"scope\": \"ami-created\"");
    }

    @Test
    void unknownOption_exits2() {
        assertThat(CliRun.of("config", "validate", "--frobnicate", "x").exitCode()).isEqualTo(2);
    }

    static Path repoFile(String relative) {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + here);
    }
}
