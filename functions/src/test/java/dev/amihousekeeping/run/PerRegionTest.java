package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Regions are read at the same time, and their results come back in region order. */
class PerRegionTest {

    @Test
    void read_overlapsTheRegions() {
        List<String> regions = List.of("us-east-1", "eu-west-1", "ap-southeast-2");
        CountDownLatch allStarted = new CountDownLatch(regions.size());

        // Each read waits until every region's read has started: only reads that overlap all finish in time.
        List<Boolean> overlapped = PerRegion.read(regions, region -> {
            allStarted.countDown();
            try {
                return allStarted.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });

        assertThat(overlapped).containsExactly(true, true, true);
    }

    @Test
    void read_returnsResultsInRegionOrder_whateverFinishesFirst() {
        List<String> regions = List.of("us-east-1", "eu-west-1", "ap-southeast-2");

        List<String> results = PerRegion.read(regions, region -> {
            sleep(region.equals("us-east-1") ? 150 : 0);
            return region.toUpperCase();
        });

        assertThat(results).containsExactly("US-EAST-1", "EU-WEST-1", "AP-SOUTHEAST-2");
    }

    @Test
    void read_rethrowsWhatARegionLetOut() {
        assertThatThrownBy(() -> PerRegion.read(List.of("us-east-1", "eu-west-1"), region -> {
            if (region.equals("eu-west-1")) {
                throw new IllegalStateException("eu-west-1 broke");
            }
            return region;
        })).isInstanceOf(IllegalStateException.class).hasMessage("eu-west-1 broke");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
