package dev.amihousekeeping.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link Sandbox}.
 *
 * @param port      TCP port on 127.0.0.1; 0 picks a free one
 * @param seed      the initial state
 * @param copyDelay wall time a new image (CopyImage, CreateImage) stays {@code pending}; zero = available at once
 */
public record SandboxOptions(int port, Seed seed, Duration copyDelay) {

    public static final Duration DEFAULT_COPY_DELAY = Duration.ofSeconds(2);

    public SandboxOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        seed = Objects.requireNonNullElseGet(seed, Seed::empty);
        copyDelay = Objects.requireNonNullElse(copyDelay, DEFAULT_COPY_DELAY);
        if (copyDelay.isNegative()) {
            throw new IllegalArgumentException("copyDelay must not be negative");
        }
    }

    /** A free port, an empty seed, a 2 second copy delay. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(0, Seed.empty(), DEFAULT_COPY_DELAY);
    }

    public SandboxOptions withPort(int newPort) {
        return new SandboxOptions(newPort, seed, copyDelay);
    }

    public SandboxOptions withSeed(Seed newSeed) {
        return new SandboxOptions(port, newSeed, copyDelay);
    }

    public SandboxOptions withCopyDelay(Duration newDelay) {
        return new SandboxOptions(port, seed, newDelay);
    }
}
