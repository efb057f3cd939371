package dev.amihousekeeping.cli;

import static dev.amihousekeeping.run.LatestParametersSandboxTest.EAST;
import static dev.amihousekeeping.run.LatestParametersSandboxTest.SEED;
import static dev.amihousekeeping.run.LatestParametersSandboxTest.WEB_3;
import static dev.amihousekeeping.run.LatestParametersSandboxTest.WEB_PARAMETER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.sandbox.SeedSsmParameter;
import dev.amihousekeeping.testing.SandboxHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code handle --event events/ami-state-change-available.json} keeps the lineage's latest-AMI parameter. */
class HandleLatestParameterTest {

    private static final Path AVAILABLE = Path.of("..", "events", "ami-state-change-available.json");

    private static final String POLICY = """
            {"regions": ["us-east-1"], "tagOnCreate": {"enabled": false}, "latestParameters": {"enabled": true}}""";

    @RegisterExtension
    static final SandboxHarness sandbox = SandboxHarness.start(SEED).freshEachTest();

    @TempDir
    static Path dir;

    private CliRun handle(String... more) {
        Path policy;
        try {
            policy = Files.writeString(dir.resolve("policy.json"), POLICY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("handle", "--event",
                AVAILABLE.toString(), "--endpoint", sandbox.endpoint().toString(), "--config", policy.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private Optional<SeedSsmParameter> parameter() {
        return sandbox.state().regions().get(EAST).ssmParameters().stream()
                .filter(p -> p.name().equals(WEB_PARAMETER)).findFirst();
    }

    @Test
    void setsTheLineagesParameter_withApply() {
        CliRun run = handle("--apply");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("set-parameter").contains(WEB_PARAMETER).contains("done");
        assertThat(parameter()).hasValueSatisfying(p -> {
            assertThat(p.value()).isEqualTo(WEB_3);
            assertThat(p.tags()).containsEntry("ManagedBy", "ami-housekeeping");
        });
    }

    @Test
    void onlyPlans_withoutApply() {
        CliRun run = handle();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("set-parameter").contains("planned");
        assertThat(parameter()).isEmpty();
    }
}
