package dev.amihousekeeping.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Everything {@code bench} measured: what {@code --json} prints and what the table shows. */
@JsonPropertyOrder({"scale", "machine", "phases", "lambdaJar", "coldStartHandler", "coldStart"})
record BenchResult(Scale scale, Machine machine, List<PhaseResult> phases, LambdaJar lambdaJar,
                   String coldStartHandler, List<ColdStart.Result> coldStart) {

    BenchResult {
        phases = List.copyOf(phases);
        coldStart = List.copyOf(coldStart);
    }

    /** The seeded account: totals as generated, and the generator spec that made them (counts per region). */
    @JsonPropertyOrder({"images", "snapshots", "regions", "seed", "generatorSpec"})
    record Scale(int images, int snapshots, List<String> regions, long seed, String generatorSpec) {
    }

    /** Where it ran: the bench's CPUs and heap limit, the Java version. The sandbox runs in a JVM of its own. */
    @JsonPropertyOrder({"cpus", "maxHeapBytes", "java"})
    record Machine(int cpus, long maxHeapBytes, String java) {

        static Machine current() {
            return new Machine(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        }
    }

    /** The shaded functions jar Lambda runs; {@code bytes} null and {@code problem} set when it was not found. */
    @JsonPropertyOrder({"path", "bytes", "problem"})
    record LambdaJar(String path, Long bytes, String problem) {
    }
}
