package dev.amihousekeeping.sandbox;

import java.time.Instant;

/**
 * The sandbox's notion of "now" (creation dates, whether an AMI is deprecated). Set, it stands still, so a
 * test or demo sees the same answer every time; unset, it is the machine's clock.
 */
final class SandboxClock {

    private volatile Instant fixed;

    Instant now() {
        Instant current = fixed;
        return current != null ? current : Instant.now();
    }

    /** The fixed instant, or null when following the machine's clock. */
    Instant fixed() {
        return fixed;
    }

    void set(Instant instant) {
        fixed = instant;
    }
}
