package dev.amihousekeeping.cli;

import java.util.concurrent.TimeUnit;

/** How the CLI ends a JVM it started (the sandbox, a cold-start probe): never left running behind it. */
final class ChildProcess {

    private ChildProcess() {
    }

    /** Waits up to {@code seconds} for {@code process} to exit, then kills it; an interrupt kills it at once. */
    static void awaitOrKill(Process process, long seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
