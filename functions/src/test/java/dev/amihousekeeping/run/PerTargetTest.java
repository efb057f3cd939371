package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.RegionError;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Targets are worked on at the same time, at most four at once, and their results come back in target order. */
class PerTargetTest {

    private static final List<Target> TARGETS = List.of(Target.own("us-east-1"), Target.own("eu-west-1"),
            Target.own("ap-southeast-2"));

    @Test
    void map_overlapsTheTargets() {
        CountDownLatch allStarted = new CountDownLatch(TARGETS.size());

        // Each read waits until every target's read has started: only reads that overlap all finish in time.
        List<Boolean> overlapped = PerTarget.map(TARGETS, target -> {
            allStarted.countDown();
            try {
                return allStarted.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, (target, e) -> false);

        assertThat(overlapped).containsExactly(true, true, true);
    }

    @Test
    void map_returnsResultsInTargetOrder_whateverFinishesFirst() {
        List<String> results = PerTarget.map(TARGETS, target -> {
            sleep(target.region().equals("us-east-1") ? 150 : 0);
            return target.region().toUpperCase();
        }, (target, e) -> "failed");

        assertThat(results).containsExactly("US-EAST-1", "EU-WEST-1", "AP-SOUTHEAST-2");
    }

    @Test
    void map_runsAtMostFourTargetsAtOnce() {
        List<Target> eight = IntStream.range(0, 8).mapToObj(i -> Target.own("region-" + i)).toList();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();

        PerTarget.map(eight, target -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(50);
            return running.decrementAndGet();
        }, (target, e) -> 0);

        assertThat(most.get()).isEqualTo(PerTarget.MAX_PARALLEL);
    }

    @Test
    void map_aTargetThatFails_becomesThatTargetsError_andTheOthersGoOn() {
        for (List<Target> targets : List.of(TARGETS, List.of(Target.own("eu-west-1")))) {
            List<Object> results = PerTarget.map(targets, target -> {
                if (target.region().equals("eu-west-1")) {
                    throw new IllegalStateException("eu-west-1 broke");
                }
                return target.region();
            }, PerTarget::error);

            assertThat(results).hasSize(targets.size()).contains(
                    new RegionError("eu-west-1", "IllegalStateException", "eu-west-1 broke"));
            assertThat(results).containsAll(targets.stream().map(Target::region)
                    .filter(region -> !region.equals("eu-west-1")).toList());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
