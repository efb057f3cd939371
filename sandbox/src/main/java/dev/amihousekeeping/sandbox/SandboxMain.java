package dev.amihousekeeping.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a sandbox until stopped, for manual testing:
 * {@code SandboxMain [--port P] [--seed FILE | --generate SPEC] [--copy-delay-ms N]}; port 0 (the default)
 * picks a free one, and the URL is printed.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SandboxOptions options = SandboxOptions.defaults();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> options = options.withPort(Integer.parseInt(require(args[i], value)));
                case "--seed" -> options = options.withSeed(Seed.read(Path.of(require(args[i], value))));
                case "--generate" -> options = options.withSeed(SeedGenerator.generate(require(args[i], value)));
                case "--copy-delay-ms" -> options = options.withCopyDelay(
                        Duration.ofMillis(Long.parseLong(require(args[i], value))));
                default -> {
                    System.err.println("usage: SandboxMain [--port P] [--seed FILE | --generate SPEC] "
                            + "[--copy-delay-ms N]");
                    System.exit(2);
                }
            }
            i++;
        }
        Sandbox sandbox = Sandbox.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }));
        System.out.println("EC2 sandbox listening on " + sandbox.endpoint() + " (account "
                + sandbox.state().accountId() + "); Ctrl-C stops it");
        stopped.await();
    }

    private static String require(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }
}
