package dev.amihousekeeping.cli;

import static dev.amihousekeeping.run.LatestParametersSandboxTest.EAST;
import static dev.amihousekeeping.run.LatestParametersSandboxTest.SEED;
import static dev.amihousekeeping.run.LatestParametersSandboxTest.WEB_3;
import static dev.amihousekeeping.run.LatestParametersSandboxTest.WEB_PARAMETER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.sandbox.SeedSsmParameter;
import dev.amihousekeeping.testing.SandboxHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code handle --event events/ami-state-change-available.json} keeps the lineage's latest-AMI parameter. */
class HandleLatestParameterTest {

    private static final Path AVAILABLE = Path.of("..", "events", "ami-state-change-available.json");

    @TempDir
    Path dir;
    private SandboxHarness sandbox;
    private Path policy;

    @BeforeEach
    void start() throws IOException {
        sandbox = SandboxHarness.start(SEED);
        policy = Files.writeString(dir.resolve("policy.json"), """
                {"regions": ["us-east-1"], "tagOnCreate": {"enabled": false}, "latestParameters": {"enabled": true}}""");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CliRun handle(String... more) {
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
