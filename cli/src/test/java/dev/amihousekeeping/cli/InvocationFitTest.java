package dev.amihousekeeping.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The arithmetic of {@code bench --realistic}: measured or projected wall time against one invocation. */
class InvocationFitTest {

    private static final long INVOCATION = 900_000;

    @Test
    void finishedRun_isJudgedOnItsMeasuredWall() {
        assertThat(InvocationFit.of(12_345, 40, 40, INVOCATION))
                .isEqualTo(new InvocationFit(12_345L, false, true, 1L));
        // Nothing to do is finished too.
        assertThat(InvocationFit.of(800, 0, 0, INVOCATION)).isEqualTo(new InvocationFit(800L, false, true, 1L));
    }

    @Test
    void finishedRun_longerThanAnInvocation_doesNotFit_andNeedsTheInvocationsRoundedUp() {
        assertThat(InvocationFit.of(900_001, 5, 5, INVOCATION)).isEqualTo(new InvocationFit(900_001L, false, false, 2L));
        assertThat(InvocationFit.of(900_000, 5, 5, INVOCATION)).isEqualTo(new InvocationFit(900_000L, false, true, 1L));
    }

    @Test
    void stoppedRun_isProjectedFromWhatItGotDone_roundedUp() {
        // 100 s for a quarter of the work: 400 s in all.
        assertThat(InvocationFit.of(100_000, 250, 1_000, INVOCATION))
                .isEqualTo(new InvocationFit(400_000L, true, true, 1L));
        // 100 s for 3 of 40: 1,333,334 ms (1,333,333.3 rounded up), two invocations.
        assertThat(InvocationFit.of(100_000, 3, 40, INVOCATION))
                .isEqualTo(new InvocationFit(1_333_334L, true, false, 2L));
        // 50,000 AMIs' grants at 16 a second: about 52 minutes, 4 invocations.
        assertThat(InvocationFit.of(90_000, 1_440, 50_000, INVOCATION).invocations()).isEqualTo(4L);
    }

    @Test
    void stoppedRun_thatGotNothingDone_cannotBeProjected_andDoesNotFit() {
        assertThat(InvocationFit.of(20_000, 0, 600, INVOCATION)).isEqualTo(new InvocationFit(null, true, false, null));
    }

    @Test
    void invocationMustBePositive() {
        assertThatThrownBy(() -> InvocationFit.of(1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
