package dev.amihousekeeping.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves by hand: an action, or the apply phase, can take as long as the test says. Safe to read and
 * move from several threads (the paced executor's pool).
 */
final class MovingClock extends Clock {

    private final AtomicReference<Instant> now;
    private final AtomicReference<Duration> tick = new AtomicReference<>(Duration.ZERO);

    MovingClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    void advance(Duration by) {
        now.updateAndGet(at -> at.plus(by));
    }

    /** From now on, each read first moves the clock by {@code step}: time passes as the code looks at it. */
    void tickOnEachRead(Duration step) {
        tick.set(step);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Duration step = tick.get();
        return step.isZero() ? now.get() : now.updateAndGet(at -> at.plus(step));
    }
}
