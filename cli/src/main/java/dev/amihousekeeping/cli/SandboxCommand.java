package dev.amihousekeeping.cli;

import dev.amihousekeeping.sandbox.Sandbox;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedGenerator;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sandbox}: the local EC2 endpoint of DESIGN §8, until stopped (Ctrl-C). */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Start the local EC2 endpoint on loopback and print its URL; runs until stopped.",
                "Use it with --endpoint, or with the aws CLI: aws ec2 describe-images --owners self "
                        + "--endpoint-url URL --region eu-west-1"})
final class SandboxCommand implements Runnable {

    @Option(names = "--port", paramLabel = "P", defaultValue = "4599", description = "Port on 127.0.0.1 (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--seed", paramLabel = "FILE", description = "Seed file (DESIGN §8 format). Default: empty.")
    Path seed;

    @Option(names = "--generate", paramLabel = "SPEC",
            description = "Generate a large fixture instead of a seed file, e.g. images=10000,snapshots=30000,seed=1.")
    String generate;

    @Override
    public void run() {
        if (seed != null && generate != null) {
            throw new BadInputException("--seed and --generate: give one or the other");
        }
        Seed initial = seedToServe();
        CountDownLatch stopped = new CountDownLatch(1);
        Sandbox sandbox = Sandbox.start(port, initial);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }));
        System.out.println("sandbox listening on " + sandbox.endpoint());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Seed seedToServe() {
        try {
            if (generate != null) {
                return SeedGenerator.generate(generate);
            }
            return seed == null ? Seed.empty() : Seed.read(seed);
        } catch (IllegalArgumentException e) {
            throw new BadInputException((seed != null ? seed + ": " : "--generate: ") + e.getMessage(), e);
        }
    }
}
